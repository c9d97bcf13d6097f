// Golden reports: the CLI's `--json` output of every sample and test fixture, compared byte for
// byte with tests/golden/ (timing and memory fields blanked). A change that moves a number must
// update them in the same commit: `UPDATE_GOLDEN=1 node --test tests/js/golden.test.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync, existsSync, unlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { goldenInput, blank } from './golden-cases.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { cases } = JSON.parse(readFileSync(`${root}tests/golden/cases.json`, 'utf8'));
const update = process.env.UPDATE_GOLDEN === '1';

test('every golden case prints the committed report or error', () => {
  mkdirSync(`${root}target/golden`, { recursive: true });
  const failures = [];
  for (const c of cases) {
    const file = goldenInput(root, c);
    const args = [`${root}pkg/cli.mjs`, 'report', file, '--json', ...(c.inspect ? ['--inspect'] : []), ...(c.options ? ['--options', JSON.stringify(c.options)] : [])];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    const ok = r.status === 0;
    if (!ok && r.status !== 1) failures.push(`${c.name}: exit ${r.status}: ${r.stderr}`);
    const got = ok ? blank(r.stdout) : r.stderr.replace(/^engagement-metrics: /, '');
    const path = `${root}tests/golden/${c.name}.${ok ? 'json' : 'err'}`;
    const other = `${root}tests/golden/${c.name}.${ok ? 'err' : 'json'}`;
    if (update) {
      writeFileSync(path, got);
      if (existsSync(other)) unlinkSync(other);
      continue;
    }
    if (!existsSync(path)) {
      failures.push(`${c.name}: no ${path.slice(root.length)} (${ok ? 'a report' : 'an error'} was printed)`);
      continue;
    }
    if (readFileSync(path, 'utf8') !== got) {
      writeFileSync(`${root}target/golden/${c.name}.${ok ? 'json' : 'err'}`, got);
      failures.push(`${c.name}: differs from ${path.slice(root.length)} (new output in target/golden/)`);
    }
  }
  assert.deepEqual(failures, []);
});
