// Deterministic survey CSV generator (seeded): the page's sample and the 1M-row benchmark file.
//   node benches/gen-survey.mjs ROWS OUT.csv [--plain]
// Columns: response_id, submitted_at, channel, region, nps, csat, ces, comment.
// --plain writes the benchmark's "score,date" layout instead.
import { createWriteStream } from 'node:fs';

export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHANNELS = ['email', 'phone', 'chat', 'in-app'];
const REGIONS = ['North', 'South', 'East', 'West'];
const COMMENTS = [
  'Great service, thanks!', 'Too slow', '', '', '', 'The agent said "we will call back" and did',
  'Line one\nline two', 'Love it 😀', '=HYPERLINK("http://example.invalid")', '<script>alert(1)</script>',
  'Prix élevé, mais ça va', '',
];

export async function generate(rows, out, plain = false) {
  const r = rng(42);
  const ws = createWriteStream(out);
  const write = (s) => (ws.write(s) ? null : new Promise((ok) => ws.once('drain', ok)));
  await write(plain ? 'score,date\n' : 'response_id,submitted_at,channel,region,nps,csat,ces,comment\n');
  const start = Date.UTC(2024, 0, 1);
  const span = 182 * 86400e3;
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const t = start + Math.floor((i / rows) * span + r() * 3600e3);
    const drift = (t - start) / span; // scores drift upward over the half year
    const u = r();
    const nps = Math.min(10, Math.max(0, Math.round(5 + 4.5 * (u + drift * 0.3) + (r() - 0.5) * 4)));
    if (plain) {
      buf += `${nps},${new Date(t).toISOString().slice(0, 10)}\n`;
    } else {
      const ch = CHANNELS[Math.floor(r() * CHANNELS.length)];
      const region = REGIONS[Math.floor(r() * REGIONS.length)];
      const csat = r() < 0.05 ? '' : Math.min(5, Math.max(1, Math.round(1 + 4 * (0.6 * u + 0.4 * r()))));
      const ces = r() < 0.1 ? '' : Math.min(7, Math.max(1, Math.round(1 + 6 * (0.5 * u + 0.5 * r()))));
      let c = COMMENTS[Math.floor(r() * COMMENTS.length)];
      if (c.includes('"') || c.includes(',') || c.includes('\n')) c = `"${c.replaceAll('"', '""')}"`;
      const ts = new Date(t).toISOString().replace('.000Z', 'Z');
      buf += `R${String(i + 1).padStart(7, '0')},${ts},${ch},${region},${nps},${csat},${ces},${c}\n`;
    }
    if (buf.length > 1 << 16) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise((ok) => ws.end(ok));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [rows, out] = process.argv.slice(2);
  if (!rows || !out) {
    console.error('usage: node benches/gen-survey.mjs ROWS OUT.csv [--plain]');
    process.exit(2);
  }
  await generate(Number(rows), out, process.argv.includes('--plain'));
}
