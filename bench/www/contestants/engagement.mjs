// Contestant: the engagement-metrics wasm package (web build), run with
//   node run.mjs --contestants engagement,… --mount /pkg=../pkg
// T1 streams events.csv through the Analyzer in 4 MB File slices (as the page's worker does);
// T5 does the same for survey.csv, month periods in UTC. Answers come from the report.
// T2–T4 (activity, sessions, cohorts) arrive with the events metrics.
import init, { Analyzer } from '/pkg/web/engagement_metrics.js';
import { makeTimer, has } from '../lib/common.mjs';

const CHUNK = 4 << 20;

async function stream(file, options) {
  const a = new Analyzer(options);
  try {
    for (let off = 0; off < file.size; off += CHUNK) {
      a.push(new Uint8Array(await file.slice(off, off + CHUNK).arrayBuffer()));
    }
    return a.finish();
  } finally {
    a.free();
  }
}

export async function run(files, tasks) {
  const T = makeTimer();
  const answers = {};
  await T.time('init', () => init());
  await T.time('T1', async () => {
    const r = await stream(files.events, { kind: 'events', timezone: 'UTC' });
    answers.rows = r.dataset.rowsKept;
  });
  if (has(tasks, 'T5')) {
    await T.time('T5', async () => {
      const r = await stream(files.survey, { kind: 'survey', timezone: 'UTC', granularity: 'month', columns: { nps: 'score', timestamp: 'date' } });
      answers.survey_rows = r.input.rows;
      answers.nps = r.overall.nps.score;
      answers.nps_by_month = Object.fromEntries(r.periods.map((p) => [p.period, p.metrics.nps.score]));
    });
  }
  return { timings: T.timings, answers };
}
