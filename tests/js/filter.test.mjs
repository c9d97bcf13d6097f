// The `filter` option from JavaScript and the CLI flags --from, --to and --where (issue 17,
// point 4), against the built package in pkg/ (run `bash scripts/build.sh` first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as em from '../../pkg/node/index.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = `${root}pkg/cli.mjs`;
const eventsFile = `${root}www/samples/events-sample.csv`;
const events = readFileSync(eventsFile);

// The sample's rows counted here from its text (one record per line, no quotes): a day from
// 2024-01-08 to 2024-01-21 and an event of the two named.
const lines = events.toString('utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const wanted = lines.filter(([, t, e]) => t.slice(0, 10) >= '2024-01-08' && t.slice(0, 10) <= '2024-01-21' && ['add_to_cart', 'purchase'].includes(e));

const run = (...args) => JSON.parse(execFileSync('node', [cli, 'report', eventsFile, '--json', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 }));

test('--from, --to and --where build the filter option, and the report is the filtered one', () => {
  const r = run('--from', '2024-01-08', '--to', '2024-01-21', '--where', 'event=add_to_cart', '--where', 'event = purchase');
  const filter = { from: '2024-01-08', to: '2024-01-21', segments: { event: ['add_to_cart', 'purchase'] } };
  assert.deepEqual(r.options.filter, filter);
  assert.equal(r.dataset.rowsKept + r.dataset.rowsSkipped, wanted.length);
  assert.equal(r.dataset.rowsFiltered, lines.length - wanted.length);
  assert.equal(r.input.rows, lines.length);
  // The same report as the API's with that option (the CLI streams the file in chunks).
  const api = em.analyze(events, { filter });
  assert.deepEqual(r, JSON.parse(JSON.stringify(api)));
  // The category values are counted before the filter: all six event names stay listed.
  const event = r.dataset.columns.find((c) => c.header === 'event');
  assert.equal(event.values.length, 6);
  assert.equal(event.values.reduce((s, v) => s + v.rows, 0), lines.length);
  assert.deepEqual(event.values[0], { value: 'page_view', rows: lines.filter(([, , e]) => e === 'page_view').length });
  // Different headers must all match: no row is a purchase on a page named "x".
  const none = run('--where', 'event=purchase', '--where', 'page=x');
  assert.equal(none.dataset.rowsKept, 0);
  assert.equal(none.dataset.rowsFiltered, lines.length);
});

test('the readable report says what the filter left out; bad flags are usage or option errors', () => {
  const table = execFileSync('node', [cli, 'report', eventsFile, '--from', '2024-01-08', '--where', 'event=purchase'], { encoding: 'utf8' });
  const left = lines.length - lines.filter(([, t, e]) => t.slice(0, 10) >= '2024-01-08' && e === 'purchase').length;
  assert.match(table, new RegExp(`filter: 2024-01-08 to the end; event = "purchase" — ${left} rows left out`));
  const help = execFileSync('node', [cli, '--help'], { encoding: 'utf8' });
  for (const flag of ['--from DATE', '--to DATE', '--where HEADER=VALUE']) assert.ok(help.includes(flag), flag);
  const usage = spawnSync('node', [cli, 'report', eventsFile, '--where', 'purchase'], { encoding: 'utf8' });
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /--where takes HEADER=VALUE/);
  const unknown = spawnSync('node', [cli, 'report', eventsFile, '--where', 'country=FR'], { encoding: 'utf8' });
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /COLUMN_NOT_FOUND.*`country`.*user_id, timestamp, event, page, session_id/);
  const backwards = spawnSync('node', [cli, 'report', eventsFile, '--from', '2024-02-01', '--to', '2024-01-01'], { encoding: 'utf8' });
  assert.equal(backwards.status, 1);
  assert.match(backwards.stderr, /INVALID_OPTION.*`filter\.from`.*after filter\.to/);
});
