// Shared by the golden test and scripts: the input file of a case and the blanking rule.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

/** Path of the file a case reads; "cdnow" cases read the CDNOW sample as customer,date,amount. */
export function goldenInput(root, c) {
  if (c.transform !== 'cdnow') return `${root}${c.file}`;
  const lines = ['customer_id,date,amount'];
  for (const l of readFileSync(`${root}${c.file}`, 'utf8').split('\n')) {
    const f = l.trim().split(/\s+/);
    if (f.length < 5) continue;
    lines.push(`${f[0]},${f[2].slice(0, 4)}-${f[2].slice(4, 6)}-${f[2].slice(6)},${f[4]}`);
  }
  mkdirSync(`${root}target/golden`, { recursive: true });
  const out = `${root}target/golden/${c.name}.input.csv`;
  writeFileSync(out, lines.join('\n') + '\n');
  return out;
}

/** Timing and memory fields depend on the machine, not the rows: their values become null. */
export function blank(json) {
  return json.replace(/^(\s*"(?:seconds|memoryBytes)": )[^,\n]+/gm, '$1null');
}
