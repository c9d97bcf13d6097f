// Contestant: the engagement-metrics wasm package (web build), run with
//   node run.mjs --contestants engagement,… --mount /pkg=../pkg
// T1 streams events.csv through the Analyzer in 4 MB File slices (as the page's worker does) and
// finishes it: ingest AND every events metric (activity, sessions, bounce, funnel, cohorts,
// lifecycle…) happen in T1, so T2–T4 only read answers from the report (near 0 ms).
// T5 does the same for survey.csv, month periods in UTC.
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
  let ev;
  await T.time('T1', async () => {
    ev = await stream(files.events, { kind: 'events', timezone: 'UTC', granularity: 'week' });
    answers.rows = ev.dataset.rowsKept;
  });
  const e = ev.events;
  if (has(tasks, 'T2')) await T.time('T2', async () => {
    const d = e.activity.daily, last = d[d.length - 1];
    Object.assign(answers, {
      days: d.filter((x) => x.dau > 0).length, dau_sum: d.reduce((a, x) => a + x.dau, 0),
      last_day: last.date, dau_last: last.dau, mau: last.mau,
      stickiness: d.slice(-30).reduce((a, x) => a + x.dau, 0) / 30 / last.mau,
    });
  });
  if (has(tasks, 'T3')) await T.time('T3', async () => {
    const s = e.sessions;
    Object.assign(answers, { sessions: s.count, mean_session_s: s.meanDurationSeconds, bounce_rate: s.bounce.singleEvent.value / 100 });
  });
  if (has(tasks, 'T4')) await T.time('T4', async () => {
    const c = e.retention.cohorts;
    let sum = 0;
    for (const x of c) for (const v of x.exactRate) sum += v;
    Object.assign(answers, {
      users: e.summary.users, cohorts: c.length, first_cohort: c[0].cohort, first_cohort_size: c[0].size,
      w1_first_cohort: c[0].exactRate[1], retention_sum: sum,
    });
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
