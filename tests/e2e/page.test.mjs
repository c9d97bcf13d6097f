// End-to-end: the www/ page in headless Chromium. Every request the page (and its worker) makes
// is recorded; any request to another origin fails the test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from '../../benches/gen-survey.mjs';
import { generateKind } from '../../benches/gen-kinds.mjs';
import { servedBrowser } from './chromium.mjs';
import * as em from '../../pkg/node/index.mjs';
import { Kind, Role } from '../../pkg/web/vocabulary.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
// The p column of a change: empty when its groups are too small for the test.
const pOf = (c) => (c.adjustedPValue === null ? '' : c.adjustedPValue.toFixed(4));
// What the page shows for each metric id: its catalogue label.
const label = Object.fromEntries(em.catalogue().map((m) => [m.id, m.label]));
let origin, browser;

before(async () => {
  browser = await servedBrowser(`${root}www`);
  origin = browser.origin;
});

after(async () => {
  await browser?.close();
});

async function openPage(path = '/') {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(`${origin}${path}`);
  // The page is ready once the engine is compiled and its catalogue read.
  if (path === '/') await page.waitForFunction(() => document.body.dataset.ready === 'true');
  return { page, errors };
}

const finished = (page, timeout = 60000) =>
  page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state), null, { timeout });
// The details of a report are in sections closed at first: a test that types or clicks in one
// opens them.
const openSections = (page) => page.evaluate(() => { for (const d of document.querySelectorAll('#results details')) d.open = true; });
// Two frames: charts redrawn at their box's width once it is laid out.
const settled = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const SAMPLES = { survey: 'sample', events: 'events-sample', transactions: 'transactions-sample', tickets: 'tickets-sample', campaigns: 'campaigns-sample',
  social: 'social-sample', reviews: 'reviews-sample', mentions: 'mentions-sample', scans: 'scans-sample' };

test('upload through the file input: numbers on the page, text shown exactly and escaped', async () => {
  const { page, errors } = await openPage();
  const scripts = await page.locator('script').count();
  await page.setInputFiles('#file', `${root}tests/fixtures/survey-small.csv`);
  await finished(page);
  assert.equal(await page.evaluate(() => document.body.dataset.state), 'done', await page.textContent('#error'));
  // Hand-computed in tests/survey.rs: NPS 0 (2/2/2), CSAT 4/7 = 57.1 %, CES mean 4.00.
  assert.equal(await page.textContent('[data-testid=nps-value]'), '0.0');
  assert.equal(await page.textContent('[data-testid=csat-value]'), '57.1');
  assert.equal(await page.textContent('[data-testid=ces-value]'), '4.00');
  assert.match(await page.textContent('[data-testid=nps]'), /±65\.3 points/);
  assert.match(await page.textContent('[data-testid=channel-csat]'), /50\.0%.*pooled over all answers: 57\.1%/);
  // Comments appear as text, exactly as in the file; nothing was injected or executed.
  const cells = await page.locator('#preview td').allTextContents();
  for (const want of ['He said "hi"', 'multi\nline', '😀', '=HYPERLINK("x")', '<script>alert(1)</script>']) {
    assert.ok(cells.includes(want), `preview lacks ${JSON.stringify(want)}`);
  }
  assert.equal(await page.locator('script').count(), scripts);
  // Rejected values under the vocabulary's words (the code stays in the JSON only).
  const words = em.vocabulary();
  const rejected = await page.textContent('[data-testid=rejected]');
  assert.ok(rejected.includes(words.rejectionLabels.INVALID_SCORE) && rejected.includes(words.fateLabels.valueIgnored), rejected);
  assert.doesNotMatch(rejected, /INVALID_SCORE|valueIgnored/);
  // A handful of answers per month: no change is tested or called significant, each row says
  // why, and the trend's points are hollow (small samples) with their n in the tooltip.
  const changeRows = await page.locator('[data-testid=period-changes] tr').evaluateAll((trs) => trs.slice(1).map((tr) => [tr.cells[3].textContent, tr.cells[6].textContent]));
  assert.ok(changeRows.length > 0);
  for (const [change, verdict] of changeRows) {
    assert.match(change, /^(too few to test \(n = \d+ and \d+[;,]|\d{4}-\d\d is a partial period)/);
    assert.equal(verdict, 'not tested');
  }
  assert.ok(await page.locator('[data-testid=trend] circle[data-small=true]').count() > 0);
  // The hollow points are explained in a visible legend line, not only in their tooltips.
  await openSections(page);
  const smallLegend = page.locator('[data-testid=trend] [data-testid$=-small-legend]').first();
  assert.equal(await smallLegend.isVisible(), true);
  assert.match(await smallLegend.textContent(), /^hollow point: fewer than 30 behind it/);
  // January starts on the 5th and the last month ends early: both said to be partial.
  assert.match(await page.textContent('[data-testid=partial-periods]'), /^Partial periods: 2024-01 \(data 2024-01-05 to 2024-01-31\), .*left out of the tests of change and the trend flags\.$/);
  assert.ok(await page.locator('[data-testid=period-table] tr.partial').count() >= 1);
  assert.match(await page.locator('[data-testid=trend] circle[data-small=true] title').first().textContent(), /^\d{4}-\d\d: .* · n = \d+ \(small sample/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('"Try the sample" shows the same figures as the package computes', async () => {
  const { page, errors } = await openPage();
  await page.click('#sample');
  await finished(page);
  const want = em.analyze(readFileSync(`${root}www/samples/survey-sample.csv`), { granularity: 'month' });
  assert.equal(await page.textContent('[data-testid=nps-value]'), want.overall.nps.score.toFixed(1));
  assert.equal(await page.textContent('[data-testid=csat-value]'), want.overall.csat.score.toFixed(1));
  // One chart per key metric, each its line.
  for (const m of ['nps', 'csat', 'ces']) assert.equal(await page.locator(`[data-testid=trend-${m}] polyline`).count(), 1, m);
  assert.equal(await page.locator('[data-testid=period-table] tr').count(), want.periods.length + 1);
  // Every segment row shows NPS, CSAT and CES with their intervals (and * for small samples).
  const seg = want.segments[0];
  const iv = (m, d) => `${m.score.toFixed(d)} (${m.interval.low.toFixed(d)}–${m.interval.high.toFixed(d)})${m.smallSample ? ' *' : ''}`;
  const segRows = await page.locator(`[data-testid="segment-${seg.column}"] tr`).evaluateAll((trs) => trs.slice(1).map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.deepEqual(segRows, seg.groups.map((g) => [g.value, String(g.metrics.rows), iv(g.metrics.nps, 1), iv(g.metrics.csat, 1), iv(g.metrics.ces, 2)]));
  // Period-over-period changes with their p-values and verdicts, as the package computes them.
  const changes = await page.locator('[data-testid=period-changes] tr').evaluateAll((trs) => trs.slice(1).map((tr) => [tr.cells[0].textContent, tr.cells[5].textContent, tr.cells[6].textContent]));
  assert.deepEqual(changes, want.comparisons.periodOverPeriod.map((m) => [label[m.metric], pOf(m), m.significant ? 'yes' : 'no']));
  assert.ok(changes.length >= 2);
  // Targets typed on the page come back as gaps.
  await openSections(page);
  await page.fill('#kind-benchmark-form input[name=nps]', '30');
  await page.click('#kind-benchmark-form button');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=kind-benchmarks] tr').length === 2);
  await finished(page);
  const gap = await page.locator('[data-testid=kind-benchmarks] tr').last().evaluate((tr) => [tr.cells[0].textContent, tr.cells[3].textContent]);
  const g = want.overall.nps.score - 30;
  assert.deepEqual(gap, [label.nps, `${g >= 0 ? '+' : ''}${g.toFixed(2)}`]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a 1,000,000-row survey runs in the worker with progress and the page stays responsive', async () => {
  const file = `${root}target/e2e/survey-1000000.csv`;
  if (!existsSync(file)) {
    mkdirSync(`${root}target/e2e`, { recursive: true });
    await generate(1_000_000, file);
  }
  const { page, errors } = await openPage();
  // Probe the main thread: a 50 ms timer that records the largest delay between ticks.
  await page.evaluate(() => {
    window.__maxGap = 0;
    window.__progress = [];
    let last = performance.now();
    setInterval(() => { const t = performance.now(); window.__maxGap = Math.max(window.__maxGap, t - last); last = t; }, 50);
    new MutationObserver(() => window.__progress.push(document.getElementById('progress').value))
      .observe(document.getElementById('progress-text'), { childList: true, characterData: true, subtree: true });
  });
  await page.setInputFiles('#file', file);
  await finished(page, 120000);
  assert.equal(await page.evaluate(() => document.body.dataset.state), 'done');
  const progress = await page.evaluate(() => window.__progress);
  assert.ok(progress.some((v) => v > 0 && v < 1), `no intermediate progress: ${progress}`);
  const gap = await page.evaluate(() => window.__maxGap);
  assert.ok(gap < 1000, `main thread blocked for ${gap} ms`);
  const summary = await page.textContent('#progress-text');
  assert.match(summary, /^1,000,000 rows in /);
  console.log(`1M rows in the page: ${summary}; longest main-thread gap ${gap.toFixed(0)} ms`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an events JSON file: kind detected, typed columns shown, roles editable and re-analysed', async () => {
  const { page, errors } = await openPage();
  await page.setInputFiles('#file', `${root}tests/corpus/events.json`);
  await finished(page);
  assert.equal(await page.evaluate(() => document.body.dataset.state), 'done', await page.textContent('#error'));
  assert.match(await page.textContent('#summary'), /^Product or website events \(detected: has user or customer ID, date and time, event name\)/);
  // 4 rows read: 2 kept, 1 without a required value and 1 INVALID_JSON element (counted as skipped).
  assert.match(await page.textContent('[data-testid=dataset-summary]'), /^2 rows kept, 2 skipped/);
  assert.ok(await page.locator('#survey-results').isHidden());
  const stored = await page.locator('[data-testid=dataset-columns] td:first-child').allTextContents();
  assert.deepEqual(stored, ['user', 'time', 'event', 'page']);
  // Rejections: the nested value, the non-object and the row without a time, with their rows.
  const rejected = await page.textContent('[data-testid=rejected]');
  // In words (the vocabulary's labels of NESTED_VALUE, INVALID_JSON, MISSING_REQUIRED), never the codes.
  const { rejectionLabels } = em.vocabulary();
  for (const code of ['NESTED_VALUE', 'INVALID_JSON', 'MISSING_REQUIRED']) {
    assert.ok(rejected.includes(rejectionLabels[code]), `${code}: ${rejected}`);
    assert.doesNotMatch(rejected, new RegExp(code));
  }
  // The roles are one click away in the columns form: leave out the page column and analyse
  // again; it is no longer stored.
  assert.equal(await page.locator('#confirm').getAttribute('open'), null);
  await page.click('#confirm-summary');
  await page.selectOption('[data-testid=columns] select[data-header="page"]', 'ignored');
  await page.click('#analyse');
  await page.waitForFunction(() => document.body.dataset.state === 'running' || document.querySelectorAll('[data-testid=dataset-columns] tr').length === 4);
  await finished(page);
  const after = await page.locator('[data-testid=dataset-columns] td:first-child').allTextContents();
  assert.deepEqual(after, ['user', 'time', 'event']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a semicolon file with decimal commas and day-first dates reads as transactions', async () => {
  const { page, errors } = await openPage();
  await page.setInputFiles('#file', `${root}tests/corpus/semicolon.csv`);
  await finished(page);
  const rows = await page.locator('[data-testid=dataset-columns] tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  const amount = rows.find((r) => r[0] === 'amount');
  assert.deepEqual(amount.slice(1, 6), [em.vocabulary().roleLabels.amount, 'amount', '', '12.5', '1234.5']);
  const date = rows.find((r) => r[0] === 'date');
  assert.deepEqual(date.slice(4, 6), ['2024-01-31T00:00:00+00:00', '2024-03-01T00:00:00+00:00']);
  // Revenue per month: Jan c1 1234.50, Feb c2 12.50, Mar c1 1000.00 (decimal commas read),
  // shown with the page's thousands grouping.
  const rev = await page.locator('[data-testid=revenue] tr').evaluateAll((trs) => trs.slice(1).map((tr) => [tr.cells[0].textContent, tr.cells[8].textContent]));
  assert.deepEqual(rev, [['2024-01', '1,234.50'], ['2024-02', '12.50'], ['2024-03', '1,000.00']]);
  // RFM: the segment table, and the customer CSV download (a re-run with rfmCustomers).
  const want = em.analyze(readFileSync(`${root}tests/corpus/semicolon.csv`), { rfmCustomers: true });
  const segs = await page.locator('[data-testid=rfm] tr').evaluateAll((trs) => trs.slice(1).map((tr) => [tr.cells[0].textContent, tr.cells[2].textContent]));
  assert.deepEqual(segs, want.rfm.segments.map((s) => [em.vocabulary().rfmSegmentLabels[s.segment], String(s.customers)]));
  await openSections(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#rfm-export')]);
  const csv = readFileSync(await download.path(), 'utf8').trim().split('\n');
  assert.equal(csv[0], ['customer', 'recencyDays', 'frequency', 'monetary', 'r', 'f', 'm', 'segment'].map((v) => `"${v}"`).join(','));
  assert.equal(csv.length, want.rfm.customers.length + 1);
  assert.ok(csv.includes(want.rfm.customers.map((c) => [c.customer, c.recencyDays, c.frequency, c.monetary, c.r, c.f, c.m, c.segment].map((v) => `"${v}"`).join(',')).find((l) => l.startsWith('"c1"'))));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a German export nothing recognises: the form opens with the problem, the roles named there give the right total', async () => {
  const { page, errors } = await openPage();
  const file = `${root}tests/fixtures/german-export.csv`;
  await page.setInputFiles('#file', file);
  await page.waitForFunction(() => document.body.dataset.state === 'confirm');
  // No dead end: the form is open, says what is wrong in words, and nothing was analysed.
  assert.equal(await page.locator('#confirm').getAttribute('open'), '');
  assert.match(await page.textContent('[data-testid=confirm-problem]'), /did not match any kind of file\. Choose the kind/);
  assert.ok(await page.locator('#results').isHidden());
  assert.ok(await page.locator('#error').isHidden());
  // What the engine did recognise is shown: the day-first dates, the branch as a breakdown,
  // sample values as written in the file.
  const rows = await page.locator('[data-testid=columns] tr').evaluateAll((trs) => trs.slice(1).map((tr) => [...tr.cells].map((c) => c.textContent)));
  const labels = em.vocabulary();
  const date = rows.find((r) => r[0] === 'Belegdatum');
  assert.equal(date[2], labels.valueTypeLabels.time);
  assert.equal(date[3], labels.timeFormatLabels.dmy);
  assert.equal(rows.find((r) => r[0] === 'Wert')[4], '12,50 · 1.234,00 · 7,25');
  // Orders, and the three columns they need.
  await page.selectOption('#kind-choice', Kind.Transactions);
  await page.waitForFunction(() => document.body.dataset.state === 'confirm');
  assert.match(await page.textContent('[data-testid=confirm-needs]'), /still missing/);
  // Each role menu lists the roles orders need first (the vocabulary's kindNeeds, then a
  // breakdown and "not used"), every other role under "Other roles", and keeps its choice.
  const menu = () => page.locator('[data-testid=columns] select[data-header="Wert"] optgroup').evaluateAll((gs) =>
    gs.map((g) => [g.getAttribute('label'), [...g.querySelectorAll('option')].map((o) => o.value)]));
  const first = [...new Set([...labels.kindNeeds[Kind.Transactions].flat(), Role.Segment, Role.Ignored])];
  assert.deepEqual(await menu(), [[`For ${labels.kindLabels[Kind.Transactions].toLowerCase()}`, first],
    ['Other roles', labels.roles.filter((r) => !first.includes(r))]]);
  // Another kind reorders the menus at once.
  const wertRole = await page.inputValue('[data-testid=columns] select[data-header="Wert"]');
  await page.selectOption('#kind-choice', Kind.Tickets);
  assert.deepEqual((await menu())[0][1], [...new Set([...labels.kindNeeds[Kind.Tickets].flat(), Role.Segment, Role.Ignored])]);
  assert.equal(await page.inputValue('[data-testid=columns] select[data-header="Wert"]'), wertRole);
  await page.selectOption('#kind-choice', Kind.Transactions);
  await page.selectOption('[data-testid=columns] select[data-header="Kd-Nr"]', Role.UserId);
  await page.selectOption('[data-testid=columns] select[data-header="Wert"]', Role.Amount);
  assert.match(await page.textContent('[data-testid=confirm-needs]'), /every one is there/);
  await page.click('#analyse');
  await finished(page);
  assert.equal(await page.evaluate(() => document.body.dataset.state), 'done', await page.textContent('#error'));
  // By hand: January 12,50 + 1.234,00 = 1,246.50; February 7,25 + 99,90 = 107.15; March
  // 0,35 + 2.000,00 = 2,000.35; 3,354.00 in all. The engine's figures for the same options agree.
  const rev = await page.locator('[data-testid=revenue] tr').evaluateAll((trs) => trs.slice(1).map((tr) => [tr.cells[0].textContent, tr.cells[8].textContent]));
  assert.deepEqual(rev, [['2025-01', '1,246.50'], ['2025-02', '107.15'], ['2025-03', '2,000.35']]);
  const want = em.analyze(readFileSync(file), { kind: Kind.Transactions, columns: { userId: 'Kd-Nr', timestamp: 'Belegdatum', amount: 'Wert' } });
  assert.equal(want.lifetimeValue.inputs.revenue, 3354);
  // Money with the page's fixed thousands grouping (format.js `money`).
  assert.deepEqual(rev.map((r) => r[1]), want.revenue.periods.map((p) => p.revenue.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })));
  // After the analysis the form is closed, one click away, and remembers the roles chosen.
  assert.equal(await page.locator('#confirm').getAttribute('open'), null);
  assert.match(await page.textContent('#confirm-summary'), /^Columns: Orders and payments \(as chosen\) — change$/);
  assert.deepEqual(errors, []);
  await page.close();
});

// The records of a CSV text (quoted fields may hold commas, quotes and newlines).
function csvRecords(text) {
  const out = [];
  let rec = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { rec.push(field); field = ''; } else if (c === '\n') { rec.push(field); out.push(rec); rec = []; field = ''; } else field += c;
  }
  if (field || rec.length) { rec.push(field); out.push(rec); }
  return out;
}
const csvText = (records) => records.map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(',')).join('\n') + '\n';

test('a date filter and a segment filter: figures of the filtered file, chips that remove them, kept in the URL fragment', async () => {
  const { page, errors } = await openPage();
  const path = `${root}www/samples/survey-sample.csv`;
  await page.click('#sample');
  await finished(page);
  const settle = async (chips) => {
    await page.waitForFunction((n) => document.body.dataset.state === 'done' && document.querySelectorAll('#filter-chips .chip').length === n, chips);
  };
  await page.fill('#filter-from', '2024-02-01');
  await settle(1);
  await page.fill('#filter-to', '2024-03-31');
  await settle(2);
  await page.selectOption('#filter-column', 'region');
  await page.selectOption('#filter-value', 'North');
  await page.click('#filter-add-button');
  await settle(3);
  assert.deepEqual(await page.locator('#filter-chips .chip').allTextContents(), ['From 2024-02-01 ✕', 'To 2024-03-31 ✕', 'region is North ✕']);
  // The file filtered by hand (times are UTC, the report's zone): February and March, North.
  const [header, ...rows] = csvRecords(readFileSync(path, 'utf8'));
  const [at, region] = [header.indexOf('submitted_at'), header.indexOf('region')];
  const kept = (r, regions) => r[at].slice(0, 10) >= '2024-02-01' && r[at].slice(0, 10) <= '2024-03-31' && regions.includes(r[region]);
  const filtered = (regions) => em.analyze(Buffer.from(csvText([header, ...rows.filter((r) => kept(r, regions))])), { granularity: 'month' });
  const want = filtered(['North']);
  assert.ok(want.overall.nps.responses < 100, 'the filters leave a part of the file');
  assert.equal(await page.textContent('[data-testid=nps-value]'), want.overall.nps.score.toFixed(1));
  assert.equal(await page.textContent('[data-testid=csat-value]'), want.overall.csat.score.toFixed(1));
  assert.equal(await page.locator('[data-testid=period-table] tr').count(), want.periods.length + 1);
  const filter = { from: '2024-02-01', to: '2024-03-31', segments: { region: ['North'] } };
  const viaOption = em.analyze(readFileSync(path), { granularity: 'month', filter });
  assert.deepEqual(viaOption.overall, want.overall);
  assert.match(await page.textContent('[data-testid=filter-effect]'), new RegExp(`^${(viaOption.dataset.rowsFiltered).toLocaleString('en')} of `));
  // The options, filters included, are in the fragment: a reload applies them to the file.
  const hash = await page.evaluate(() => location.hash);
  assert.deepEqual(JSON.parse(decodeURIComponent(hash.slice(1))).filter, filter);
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  await page.click('#sample');
  await settle(3);
  assert.equal(await page.textContent('[data-testid=nps-value]'), want.overall.nps.score.toFixed(1));
  // Removing the region chip leaves the dates.
  await page.click('#filter-chips .chip:nth-child(3)');
  await settle(2);
  assert.equal(await page.textContent('[data-testid=nps-value]'), filtered(['North', 'South', 'East', 'West']).overall.nps.score.toFixed(1));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a 200 MB event log dropped on the page completes with a progress bar', async () => {
  const file = `${root}target/e2e/events-200mb.csv`;
  const rows = 3_300_000;
  if (!existsSync(file)) {
    mkdirSync(`${root}target/e2e`, { recursive: true });
    await generateKind('events', rows, file);
  }
  const size = statSync(file).size;
  assert.ok(size > 200e6, `${size} bytes`);
  const { page, errors } = await openPage();
  await page.evaluate(() => {
    window.__progress = [];
    new MutationObserver(() => window.__progress.push(document.getElementById('progress').value))
      .observe(document.getElementById('progress-text'), { childList: true, characterData: true, subtree: true });
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'drag-source';
    document.body.append(input);
  });
  // The file reaches the page as a user's drop: a DataTransfer carrying the File onto the drop zone.
  await page.setInputFiles('#drag-source', file);
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(document.getElementById('drag-source').files[0]);
    document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await finished(page, 300000);
  assert.equal(await page.evaluate(() => document.body.dataset.state), 'done', await page.textContent('#error'));
  const progress = await page.evaluate(() => window.__progress);
  assert.ok(progress.filter((v) => v > 0 && v < 1).length >= 10, `too few progress updates: ${progress.length}`);
  assert.match(await page.textContent('[data-testid=dataset-summary]'), new RegExp(`^${rows.toLocaleString('en')} rows kept, 0 skipped`));
  console.log(`200 MB in the page (${(size / 1e6).toFixed(0)} MB): ${await page.textContent('#progress-text')}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the event-log sample: cohort heatmap and funnel on screen match the package, funnel editable', async () => {
  const { page, errors } = await openPage();
  await page.click('#events-sample');
  await finished(page);
  assert.equal(await page.evaluate(() => document.body.dataset.state), 'done', await page.textContent('#error'));
  const want = em.analyze(readFileSync(`${root}www/samples/events-sample.csv`), { kind: 'auto', timezone: 'UTC', granularity: 'month' });
  const pct = (v) => `${(100 * v).toFixed(1)}%`;
  // Heatmap: one row per cohort, cells = exact retention rates.
  const heat = await page.locator('[data-testid=cohort-heatmap] tr').evaluateAll((trs) => trs.slice(1).map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.equal(heat.length, want.events.retention.cohorts.length);
  want.events.retention.cohorts.forEach((c, i) => {
    assert.deepEqual(heat[i], [c.cohort, String(c.size), ...c.exactRate.map(pct)]);
  });
  // Each cell's Wilson interval and n in its tooltip.
  const tip = await page.locator('[data-testid=cohort-heatmap] tr').nth(1).locator('td').nth(3).getAttribute('title');
  const ci = want.events.retention.cohorts[0].exactInterval[1];
  assert.equal(tip, `95% interval ${pct(ci.low)}–${pct(ci.high)} · n = ${want.events.retention.cohorts[0].size}${want.events.retention.cohorts[0].size < 30 ? ' · small sample' : ''}`);
  // Funnel: the default commerce steps with their users and conversions.
  const funnel = await page.locator('[data-testid=funnel] tr').evaluateAll((trs) => trs.slice(1).map((tr) => [...tr.cells].slice(0, 4).map((c) => c.textContent)));
  assert.deepEqual(funnel, want.events.funnel.steps.map((s) => [s.event, String(s.users), pct(s.conversionFromFirst), pct(s.conversionFromPrevious)]));
  assert.ok(want.events.funnel.steps.length >= 3);
  assert.equal(await page.textContent('[data-testid=bounce-value]'), want.events.sessions.bounce.headline.value.toFixed(1));
  // Intervals on the cards (Wilson for the bounce rate, bootstrap for the median session) and
  // the period-over-period changes.
  const bi = want.events.sessions.bounce.headline.interval;
  assert.ok((await page.textContent('[data-testid=bounce]')).includes(`95% interval ${bi.low.toFixed(1)}%–${bi.high.toFixed(1)}%`));
  assert.match(await page.textContent('[data-testid=sessions]'), /95% interval of the median \d+\.\d min–\d+\.\d min/);
  const eventChanges = await page.locator('[data-testid=event-changes] tr').evaluateAll((trs) => trs.slice(1).map((tr) => tr.cells[5].textContent));
  assert.deepEqual(eventChanges, want.events.changes.map((c) => pOf(c)));
  assert.equal(await page.locator('[data-testid=activity-chart] polyline').count(), 3);
  // Edit the funnel: two steps, 1-day window.
  await openSections(page);
  await page.fill('#funnel-steps', 'page_view, purchase');
  await page.fill('#funnel-window', '1');
  await page.click('#funnel-update');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=funnel] tr').length === 3);
  await finished(page);
  const edited = em.analyze(readFileSync(`${root}www/samples/events-sample.csv`), { kind: 'auto', timezone: 'UTC', granularity: 'month', events: { funnel: ['page_view', 'purchase'], funnelWindowDays: 1 } });
  const rows = await page.locator('[data-testid=funnel] tr').evaluateAll((trs) => trs.slice(1).map((tr) => tr.cells[1].textContent));
  assert.deepEqual(rows, edited.events.funnel.steps.map((s) => String(s.users)));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the orders sample: retention and churn, revenue cohort heatmap, CLV fit and distribution, RFM segments', async () => {
  const { page, errors } = await openPage();
  await page.click('#transactions-sample');
  await finished(page);
  assert.equal(await page.evaluate(() => document.body.dataset.state), 'done', await page.textContent('#error'));
  const sample = readFileSync(`${root}www/samples/transactions-sample.csv`);
  const base = { kind: 'auto', timezone: 'UTC', granularity: 'month' };
  const want = em.analyze(sample, { ...base, clv: {} });
  assert.equal(want.kind, 'transactions');
  const pct = (v) => (v === null ? 'n/a' : `${(100 * v).toFixed(1)}%`);
  // Retention and churn per period: a chart of both, and the table behind it.
  assert.equal(await page.locator('[data-testid=retention-chart] polyline').count(), 2);
  const rev = await page.locator('[data-testid=revenue] tr').evaluateAll((trs) => trs.slice(1).map((tr) => [0, 6, 7].map((i) => tr.cells[i].textContent)));
  assert.deepEqual(rev, want.revenue.periods.map((p) => [p.period, pct(p.retentionRate), pct(p.churnRate)]));
  // Every change period over period, ARPU (Welch) among them.
  const changes = await page.locator('[data-testid=revenue-changes] tr').evaluateAll((trs) => trs.slice(1).map((tr) => [tr.cells[0].textContent, tr.cells[5].textContent]));
  assert.deepEqual(changes, want.revenue.changes.map((c) => [label[c.metric], pOf(c)]));
  assert.ok(changes.some(([m]) => m === label.arpu));
  // Revenue cohort heatmap: one row per first-purchase month, cells = revenue retained.
  const heat = await page.locator('[data-testid=revenue-cohorts] tr').evaluateAll((trs) => trs.slice(1).map((tr) => [...tr.cells].map((c) => c.textContent)));
  const cohorts = want.revenue.cohorts.cohorts;
  assert.equal(heat.length, 3); // CDNOW's customers all first bought in 1997-01 … 1997-03
  cohorts.forEach((c, i) => assert.deepEqual(heat[i], [c.cohort, String(c.customers), ...c.revenueRetention.map(pct)]));
  assert.equal(await page.locator('[data-testid=customer-cohorts] tr').count(), 4);
  // Lifetime value formulas, by their labels (not their ids), and the sBG reading.
  const lv = await page.locator('[data-testid=lifetime] tr').evaluateAll((trs) => trs.slice(1).map((tr) => tr.cells[0].textContent));
  const variantLabels = em.vocabulary().variantLabels;
  assert.deepEqual(lv, want.lifetimeValue.variants.map((v) => variantLabels[v.variant]));
  assert.ok(lv.every((l, i) => l !== want.lifetimeValue.variants[i].variant), String(lv));
  // Why rows agree, naming them by their labels too (the sample: margin 1, no discount).
  const why = await page.textContent('[data-testid=lifetime-coincidences]');
  assert.ok(want.lifetimeValue.coincidences.length > 0 && why.includes(`“${variantLabels[want.lifetimeValue.variants[0].variant]}”`), why);
  assert.ok(want.lifetimeValue.variants.every((v) => !new RegExp(`\\b${v.variant}\\b`).test(why)), why);
  assert.match(await page.textContent('[data-testid=contractual]'), /α \d/);
  // CLV distribution: 20 bins holding every customer.
  assert.equal(await page.locator('[data-testid=clv-distribution] rect').count(), 20);
  assert.equal(want.clv.distribution.reduce((a, b) => a + b[1], 0), 2357);
  // Refit with the published calibration period: the published parameters and the holdout.
  await openSections(page);
  await page.fill('#clv-calibration', '1997-09-30');
  await page.click('#clv-update');
  await page.waitForFunction(() => /r 0\.243, α 4\.414, a 0\.793, b 2\.426/.test(document.querySelector('[data-testid=clv-summary]').textContent));
  await finished(page);
  const summary = await page.textContent('[data-testid=clv-summary]');
  assert.match(summary, /2,357 customers, calibration to 1997-09-30/);
  assert.match(summary, /p 6\.25\d, q 3\.74\d, γ 15\.44\d/);
  assert.match(summary, /fitted in \d+\.\d\d s/);
  const all = await page.locator('[data-testid=clv-holdout] tr').last().evaluate((tr) => [...tr.cells].map((c) => c.textContent));
  assert.deepEqual(all, ['all', '2357', '1882', '1653.4']);
  // Per-customer CSV (a re-run with clv.customers): the RFT summary and predictions.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#clv-export')]);
  const csv = readFileSync(await download.path(), 'utf8').trim().split('\n');
  assert.equal(csv[0], ['customer', 'frequency', 'recency', 't', 'meanRepeatValue', 'pAlive', 'expectedPurchases', 'expectedValue', 'clv', 'holdoutPurchases'].map((v) => `"${v}"`).join(','));
  assert.equal(csv.length, 2358);
  // RFM segment table as the package computes it.
  const segs = await page.locator('[data-testid=rfm] tr').evaluateAll((trs) => trs.slice(1).map((tr) => [tr.cells[0].textContent, tr.cells[2].textContent]));
  assert.deepEqual(segs, want.rfm.segments.map((s) => [em.vocabulary().rfmSegmentLabels[s.segment], String(s.customers)]));
  assert.deepEqual(errors, []);
  await page.close();
});

test('calculators page: results as you type, errors shown, the shared link restores the calculation', async () => {
  const { page, errors } = await openPage('/calculators.html');
  await page.waitForFunction(() => document.getElementById('calculators').dataset.state === 'ready');
  // Every calculator of the package is on the page, each with its formula.
  const metrics = await page.locator('form.calculator').evaluateAll((fs) => fs.map((f) => f.dataset.testid));
  assert.deepEqual(metrics, em.calculators().map((c) => c.metric));
  // Type with the keyboard: 30 of 200 customers lost → 15.00%.
  const churn = page.locator('[data-testid=churnRate]');
  await churn.locator('input[name=lost]').fill('');
  await churn.locator('input[name=lost]').pressSequentially('27');
  await churn.locator('input[name=lost]').press('Tab');
  assert.equal(await page.textContent('[data-testid=churnRate-value]'), '13.50%');
  const href = () => page.evaluate(() => location.href);
  assert.match(await href(), /#metric=churnRate&lost=27&start=200&confidence=0\.95$/);
  // With its Wilson interval, in words (not the engine's field names): statsmodels 0.14.4 proportion_confint(27, 200, method="wilson").
  assert.match(await page.textContent('[data-testid=churnRate-details]'), /^95% interval 9\.45% to 18\.93% · n = 200$/);
  // Discounted CLV: 40 × 1.1 / (1.1 − 0.8) = 146.67.
  const clv = page.locator('[data-testid=clvDiscounted]');
  await clv.locator('input[name=retentionRate]').fill('0.8');
  assert.equal(await page.textContent('[data-testid=clvDiscounted-value]'), (40 * 1.1 / 0.3).toFixed(2));
  // A zero denominator says why; an impossible input names the field.
  const arpu = page.locator('[data-testid=arpu]');
  await arpu.locator('input[name=customers]').fill('0');
  assert.match(await arpu.textContent(), /not available — the denominator is 0/);
  await churn.locator('input[name=lost]').fill('500');
  assert.match(await page.textContent('[data-testid=churnRate-error]'), /lost/);
  // sBG: the published "regular" counts give α ≈ 0.704, β ≈ 1.182.
  assert.match(await page.locator('[data-testid=sbgRetention]').textContent(), /α 0\.70\d\d · β 1\.18\d\d/);
  // A/B: 120/1000 vs 150/1000 is significant at 95% (p 0.0496, statsmodels); 3,841 per variant
  // detect 10% → 12% with 80% power.
  assert.equal(await page.textContent('[data-testid=abTest-value]'), '3.00%');
  assert.match(await page.textContent('[data-testid=abTest-details]'), /95% interval of the relative lift -0\.03% to 56\.30% · p = 0\.0496 · relative lift 25\.00% · significant: yes$/);
  assert.equal(await page.textContent('[data-testid=sampleSize-value]'), '3,841');
  // Each result in its unit: shares in percent as the engine gives them (85, not 0.85 nor 8500),
  // a sentiment score −1 … 1 as the reports show it.
  assert.equal(em.calculate({ metric: 'retentionRate', start: 200, end: 210, new: 40 }).value, 85);
  assert.equal(await page.textContent('[data-testid=retentionRate-value]'), '85.00%');
  assert.equal(await page.textContent('[data-testid=sentimentScore-value]'), '0.450');
  // Welch: a difference of means, its interval on the same scale (not 1090.86%).
  const welch = em.calculate(Object.fromEntries([['metric', 'welchTest'], ...em.calculators().find((c) => c.metric === 'welchTest').inputs.map((i) => [i.name, Number(i.example)])]));
  assert.equal(await page.textContent('[data-testid=welchTest-value]'), welch.value.toFixed(3));
  assert.match(await page.textContent('[data-testid=welchTest-details]'), new RegExp(`^95% interval of the difference ${welch.details.differenceLow.toFixed(3)} to ${welch.details.differenceHigh.toFixed(3)} · `));
  // Survey: a 7.5-point NPS rise on 80 answers each is noise (p 0.5577; numpy + scipy).
  assert.equal(await page.textContent('[data-testid=npsDifference-value]'), '7.5');
  assert.match(await page.textContent('[data-testid=npsDifference-details]'), /p = 0\.5577/);
  assert.match(await page.textContent('[data-testid=csatScore-details]'), /^95% interval 80\.51% to 90\.13%/);
  await page.locator('[data-testid=abTest] input[name=confidence]').fill('0.99');
  assert.match(await page.textContent('[data-testid=abTest-details]'), /significant: no/);
  // The link restores the last calculation after a reload.
  await churn.locator('input[name=lost]').fill('30');
  await churn.locator('input[name=start]').fill('120');
  await churn.locator('input[name=confidence]').fill('0.9');
  const link = await href();
  assert.match(link, /#metric=churnRate&lost=30&start=120&confidence=0\.9$/);
  const details = await page.textContent('[data-testid=churnRate-details]');
  const again = await openPage(link.slice(origin.length));
  await again.page.waitForFunction(() => document.getElementById('calculators').dataset.state === 'ready');
  assert.equal(await again.page.textContent('[data-testid=churnRate-value]'), '25.00%');
  // The 90% interval comes back with the link (statsmodels proportion_confint(30, 120, alpha=0.1, method="wilson"): 0.1910 … 0.3200).
  assert.equal(await again.page.textContent('[data-testid=churnRate-details]'), details);
  assert.match(details, /^90% interval 19\.10% to 32\.00% · n = 120$/);
  assert.equal(await again.page.evaluate(() => document.activeElement?.name), 'lost');
  assert.deepEqual([...errors, ...again.errors], []);
  await page.close();
  await again.page.close();
});

test('the support and campaign samples: figures on the page are the package\'s', async () => {
  const { page, errors } = await openPage();
  const base = { kind: 'auto', timezone: 'UTC', granularity: 'month', clv: {} };
  const pct = (v) => (v === null ? null : `${(100 * v).toFixed(1)}%`);
  await page.click('#tickets-sample');
  await finished(page);
  assert.equal(await page.evaluate(() => document.body.dataset.state), 'done', await page.textContent('#error'));
  const t = em.analyze(readFileSync(`${root}www/samples/tickets-sample.csv`), base);
  assert.equal(t.kind, 'tickets');
  assert.equal(await page.textContent('[data-testid=fcr-value]'), pct(t.support.overall.firstContactResolution.value));
  assert.equal(await page.textContent('[data-testid=reopen-value]'), pct(t.support.overall.reopenRate.value));
  assert.equal(await page.textContent('[data-testid=support-csat-value]'), pct(t.support.overall.csat.value));
  const periods = await page.locator('[data-testid=support-periods] tr').evaluateAll((trs) => trs.slice(1).map((tr) => [0, 1, 2].map((i) => tr.cells[i].textContent)));
  assert.deepEqual(periods, t.support.periods.map((g) => [g.name, String(g.tickets), String(g.resolved)]));
  assert.equal(await page.locator('[data-testid=support-agents] tr').count(), t.support.byAgent.length + 1);
  // FCR per agent with its Wilson interval and the small-sample mark.
  const agentFcr = await page.locator('[data-testid=support-agents] tr').evaluateAll((trs) => trs.slice(1).map((tr) => tr.cells[3].textContent));
  assert.deepEqual(agentFcr, t.support.byAgent.map((g) => { const r = g.firstContactResolution; return r.value === null ? `n/a (${r.unavailableReason})` : `${pct(r.value)}${r.interval ? ` (${pct(r.interval.low)}–${pct(r.interval.high)})` : ''}${r.smallSample ? ' *' : ''}`; }));
  const changes = await page.locator('[data-testid=support-changes] tr').evaluateAll((trs) => trs.slice(1).map((tr) => tr.cells[5].textContent));
  assert.deepEqual(changes, [...t.support.changes, ...t.support.segmentChanges].map((c) => pOf(c)));
  assert.ok(changes.length > 0);
  // A target typed for FCR: the page re-analyses with it and shows the package's gap.
  await openSections(page);
  await page.fill('#kind-benchmark-form input[name=firstContactResolution]', '80');
  await page.click('#kind-benchmark-form button');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=kind-benchmarks] tr').length === 2);
  const tb = em.analyze(readFileSync(`${root}www/samples/tickets-sample.csv`), { ...base, benchmarks: { firstContactResolution: 80 } }).signals.benchmarks[0];
  const gapRow = await page.locator('[data-testid=kind-benchmarks] tr').last().evaluate((tr) => [...tr.cells].map((c) => c.textContent));
  assert.deepEqual(gapRow, [label.firstContactResolution, '80', tb.value.toFixed(2), `${tb.gap >= 0 ? '+' : ''}${tb.gap.toFixed(2)}`]);
  assert.equal(await page.inputValue('#kind-benchmark-form input[name=firstContactResolution]'), '80');
  await page.click('#campaigns-sample');
  await page.waitForFunction(() => !document.getElementById('campaigns-results').hidden);
  await finished(page);
  const c = em.analyze(readFileSync(`${root}www/samples/campaigns-sample.csv`), base);
  assert.equal(c.kind, 'campaigns');
  const rates = await page.locator('[data-testid=campaign-rates] tr').evaluateAll((trs) => Object.fromEntries(trs.slice(1).map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent])));
  const r = c.campaigns.overall.rates;
  assert.equal(rates['Open rate'], `${(100 * r.openRate.value).toFixed(2)}%`);
  assert.equal(rates['Click-to-open rate'], `${(100 * r.clickToOpenRate.value).toFixed(2)}%`);
  assert.equal(rates['Click-through rate (ads)'], `n/a (${r.impressionClickThroughRate.unavailableReason})`);
  // Money rates read as money, ROAS as a multiple (the catalogue's units), not as percentages.
  assert.equal(rates['Revenue per email'], r.revenuePerEmail.value.toFixed(2));
  assert.equal(rates['Return on ad spend'], `${r.returnOnAdSpend.value.toFixed(2)}×`);
  assert.equal(await page.locator('[data-testid=campaign-list] tr').count(), c.campaigns.campaigns.length + 1);
  const campaignChanges = await page.locator('[data-testid=campaign-changes] tr').evaluateAll((trs) => trs.slice(1).map((tr) => tr.cells[5].textContent));
  assert.deepEqual(campaignChanges, [...c.campaigns.changes, ...c.campaigns.segmentChanges].map((k) => pOf(k)));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the social, reviews, mentions and scans samples: each kind\'s view shows the package\'s figures', async () => {
  const { page, errors } = await openPage();
  const base = { kind: 'auto', timezone: 'UTC', granularity: 'month', clv: {} };
  const load = async (button, section) => {
    await page.click(`#${button}`);
    await page.waitForFunction((id) => !document.getElementById(id).hidden && document.body.dataset.state === 'done', section);
  };
  const want = (name) => em.analyze(readFileSync(`${root}www/samples/${name}-sample.csv`), base);
  await load('social-sample', 'social-results');
  const s = want('social');
  assert.equal(s.kind, 'social');
  assert.equal(await page.textContent('[data-testid=er-followers-value]'), `${s.social.overall.engagementRate.byFollowers.value.toFixed(2)}%`);
  assert.equal(await page.locator('[data-testid=social-channels] tr').count(), s.social.byChannel.length + 1);
  // Engagements over total followers: the last full period's (the sample's last month is partial).
  const partial = new Set(s.partialPeriods.map((p) => p.period));
  const lastFull = s.social.periods.filter((g) => !partial.has(g.name)).at(-1);
  assert.equal(await page.textContent('[data-testid=er-audience-value]'), `${lastFull.audienceEngagementRate.value.toFixed(2)}%`);
  assert.match(await page.textContent('[data-testid=er-audience]'), new RegExp(`^.*${lastFull.name}: `));
  // The delta-method interval next to the rate, and every change with its p-value.
  const er = s.social.overall.engagementRate.byFollowers.interval;
  assert.match(await page.textContent('[data-testid=er-followers]'), new RegExp(`95% interval ${er.low.toFixed(2)}%–${er.high.toFixed(2)}%`));
  const socialChanges = await page.locator('[data-testid=social-changes] tr').evaluateAll((trs) => trs.slice(1).map((tr) => tr.cells[5].textContent));
  assert.deepEqual(socialChanges, [...s.social.changes, ...s.social.segmentChanges].map((c) => pOf(c)));
  assert.ok(socialChanges.length > 0);
  await load('reviews-sample', 'voice-results');
  const r = want('reviews');
  assert.equal(r.kind, 'reviews');
  assert.equal(await page.textContent('[data-testid=sentiment-value]'), r.voice.overall.sentiment.score.toFixed(3));
  assert.equal(await page.textContent('[data-testid=rating-value]'), r.voice.overall.ratings.mean.toFixed(2));
  const voiceChanges = await page.locator('[data-testid=voice-changes] tr').evaluateAll((trs) => trs.slice(1).map((tr) => [tr.cells[0].textContent, tr.cells[5].textContent]));
  assert.deepEqual(voiceChanges, [...r.voice.changes, ...r.voice.segmentChanges].map((c) => [label[c.metric], pOf(c)]));
  assert.ok(voiceChanges.some(([m]) => m === label.meanRating));
  await load('mentions-sample', 'voice-results');
  await page.waitForFunction(() => document.getElementById('voice-title').textContent === 'Brand mentions');
  const m = want('mentions');
  assert.equal(m.kind, 'mentions');
  assert.equal(await page.textContent('[data-testid=sentiment-value]'), m.voice.overall.sentiment.score.toFixed(3));
  const brands = await page.locator('[data-testid=voice-brands] tr').evaluateAll((trs) => trs.slice(1).filter((tr) => tr.cells[0].textContent === 'all').map((tr) => [tr.cells[1].textContent, tr.cells[3].textContent]));
  assert.deepEqual(brands, m.voice.shareOfVoice[0].brands.map((b) => [b.brand, `${(100 * b.shareOfVoice.value).toFixed(1)}%`]));
  await load('scans-sample', 'scans-results');
  const c = want('scans');
  assert.equal(c.kind, 'scans');
  assert.match(await page.textContent('[data-testid=scans-summary]'), new RegExp(`^${c.scans.scans} scans by ${c.scans.uniqueScanners} distinct`));
  const dev = await page.locator('[data-testid=scans-devices] tr').evaluateAll((trs) => trs.slice(1).map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent]));
  assert.deepEqual(dev, c.scans.byDevice.map((d) => [d.name, String(d.scans)]));
  assert.deepEqual(errors, []);
  await page.close();
});

test('when the engine dies in the worker, the page says so with INTERNAL and the next file runs in a fresh worker', async () => {
  // The worker as shipped, with one fault injected: the first push traps as a wasm panic does
  // (RuntimeError: unreachable). Only the first worker gets it.
  const shipped = readFileSync(`${root}www/pkg/core/analyze-worker.js`, 'utf8');
  let served = 0;
  await browser.context.route('**/pkg/core/analyze-worker.js*', (route) => {
    served++;
    const body = served === 1
      ? shipped.replace('const p = analyzer.push(', "if (offset === 0) throw new WebAssembly.RuntimeError('unreachable');\n      const p = analyzer.push(")
      : shipped;
    route.fulfill({ status: 200, contentType: 'text/javascript', body });
  });
  try {
    const { page, errors } = await openPage();
    await page.click('#sample');
    await finished(page);
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'error');
    assert.match(await page.textContent('#error'), /engine failed on this file and was restarted \[INTERNAL\]: unreachable/);
    assert.equal(served, 2, 'a second worker was started');
    await page.click('#sample');
    await page.waitForFunction(() => document.body.dataset.state === 'done');
    const want = em.analyze(readFileSync(`${root}www/samples/survey-sample.csv`), { granularity: 'month' });
    assert.equal(await page.textContent('[data-testid=nps-value]'), want.overall.nps.score.toFixed(1));
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await browser.context.unroute('**/pkg/core/analyze-worker.js*');
  }
});

test('the engine is downloaded once per page load and shared with the worker: the core build for a CSV', async () => {
  const wasm = [];
  const record = (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); };
  browser.context.on('request', record);
  try {
    const { page, errors } = await openPage();
    assert.equal(await page.locator('#progress-wrap').isVisible(), false, 'no empty progress bar before a file');
    await page.click('#sample');
    await finished(page);
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'done');
    assert.deepEqual(wasm.map((u) => new URL(u).pathname), ['/pkg/core/engagement_metrics_bg.wasm']);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    browser.context.off('request', record);
  }
});

test('an .xlsx file loads the full engine (once), which reads it', async () => {
  const wasm = [];
  const record = (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); };
  browser.context.on('request', record);
  try {
    const { page, errors } = await openPage();
    const book = `${root}tests/corpus/workbook.xlsx`;
    await page.setInputFiles('#file', book);
    // Its first sheet is not the data (the package's schema says so): the columns form opens
    // with that problem, where the core build would have failed to read the workbook at all.
    assert.equal(em.inspect(readFileSync(book)).problem?.code, 'NO_METRIC_COLUMNS');
    await page.waitForFunction(() => ['confirm', 'error'].includes(document.body.dataset.state));
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'confirm', await page.textContent('#error'));
    assert.deepEqual(wasm, ['/pkg/core/engagement_metrics_bg.wasm', '/pkg/engagement_metrics_bg.wasm']);
    // A CSV after it: no further download (the full build serves it).
    await page.click('#sample');
    await finished(page);
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'done');
    assert.equal(wasm.length, 2);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    browser.context.off('request', record);
  }
});

test('the calculators page downloads only the calculators .wasm, not the file engine', async () => {
  const wasm = [];
  const record = (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); };
  browser.context.on('request', record);
  try {
    const { page, errors } = await openPage('/calculators.html');
    await page.waitForFunction(() => document.getElementById('calculators').dataset.state === 'ready');
    // Drawn from the small module: every calculator of the full engine's catalogue, each computed.
    assert.equal(await page.locator('form.calculator').count(), em.calculators().length);
    assert.equal(await page.locator('form.calculator .result').count(), em.calculators().length);
    assert.deepEqual(wasm.map((u) => new URL(u).pathname), ['/pkg/calculators_bg.wasm']);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    browser.context.off('request', record);
  }
});

test('options re-analyse the file in memory; the same file picked again and two files at once', async () => {
  const { page, errors } = await openPage();
  const survey = `${root}www/samples/survey-sample.csv`;
  await page.setInputFiles('#file', survey);
  await finished(page);
  const months = await page.locator('[data-testid=period-table] tr').count();
  // A period change alone re-analyses: no file picked again, no button.
  await page.click('#options summary');
  await page.selectOption('#granularity', 'quarter');
  await page.waitForFunction((n) => document.body.dataset.state === 'done'
    && document.querySelectorAll('[data-testid=period-table] tr').length !== n, months);
  const want = em.analyze(readFileSync(survey), { granularity: 'quarter' });
  assert.equal(await page.locator('[data-testid=period-table] tr').count(), want.periods.length + 1);
  // Picking the same file again analyses it again.
  await page.evaluate(() => { document.body.dataset.state = 'idle'; });
  await page.setInputFiles('#file', survey);
  await finished(page);
  assert.equal(await page.evaluate(() => document.body.dataset.state), 'done');
  // Two files at once: each has its button; the second is analysed on a click.
  await page.setInputFiles('#file', [survey, `${root}www/samples/events-sample.csv`]);
  await finished(page);
  assert.deepEqual(await page.locator('[data-testid=files] button').allTextContents(), ['survey-sample.csv', 'events-sample.csv']);
  await page.evaluate(() => { document.body.dataset.state = 'idle'; });
  await page.click('[data-testid=files] button:nth-child(2)');
  await finished(page);
  assert.equal(await page.locator('#events-results').isVisible(), true);
  assert.equal(await page.getAttribute('[data-testid=files] button:nth-child(2)', 'aria-pressed'), 'true');
  // Two files dropped at once: a DataTransfer carrying both onto the drop zone, as a person's
  // drag does, goes through the drop handler (not the file input).
  await page.evaluate(() => {
    const source = Object.assign(document.createElement('input'), { type: 'file', multiple: true, id: 'drag-source' });
    document.body.append(source);
  });
  await page.setInputFiles('#drag-source', [`${root}www/samples/transactions-sample.csv`, survey]);
  await page.evaluate(() => {
    document.body.dataset.state = 'idle';
    const dt = new DataTransfer();
    for (const f of /** @type {HTMLInputElement} */ (document.getElementById('drag-source')).files) dt.items.add(f);
    const zone = document.getElementById('drop');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await finished(page);
  assert.equal(await page.evaluate(() => document.body.dataset.state), 'done', await page.textContent('#error'));
  assert.deepEqual(await page.locator('[data-testid=files] button').allTextContents(), ['transactions-sample.csv', 'survey-sample.csv']);
  assert.equal(await page.locator('#transactions-results').isVisible(), true);
  assert.equal(await page.evaluate(() => document.getElementById('drop').classList.contains('over')), false);
  assert.deepEqual(errors, []);
  await page.close();
});

test('cancel stops a running analysis', async () => {
  const { page, errors } = await openPage();
  // A file large enough to be still running when the button is pressed (the million rows of
  // the test above).
  const file = `${root}target/e2e/survey-1000000.csv`;
  if (!existsSync(file)) {
    mkdirSync(`${root}target/e2e`, { recursive: true });
    await generate(1_000_000, file);
  }
  await page.setInputFiles('#file', file);
  await page.waitForFunction(() => document.body.dataset.state === 'running');
  await page.click('#cancel');
  assert.equal(await page.evaluate(() => document.body.dataset.state), 'cancelled');
  assert.equal(await page.textContent('#status'), 'Analysis cancelled.');
  assert.equal(await page.locator('#progress-wrap').isVisible(), false);
  // The next file runs in a fresh worker.
  await page.click('#sample');
  await finished(page);
  assert.equal(await page.evaluate(() => document.body.dataset.state), 'done');
  assert.deepEqual(errors, []);
  await page.close();
});

test('dark mode: dark surfaces, text at AA contrast; the cancel button only while running', async () => {
  const { page, errors } = await openPage();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.click('#events-sample');
  await finished(page);
  assert.equal(await page.locator('#cancel').isVisible(), false, 'no cancel button once done');
  // WCAG relative luminance and contrast of an element's text on its nearest opaque background.
  const ratios = await page.evaluate(() => {
    const rgb = (c) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
      .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    const bg = (el) => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length === 3 || c[3] === 1) return c.slice(0, 3); } return [255, 255, 255]; };
    const contrast = (el) => { const a = lum(rgb(getComputedStyle(el).color).slice(0, 3)), b = lum(bg(el)); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };
    const pick = ['body', '.card .value', '.card .detail', '.card h3', 'th', 'td', 'button', '.privacy', 'a'];
    return { background: lum(bg(document.body)), ...Object.fromEntries(pick.map((s) => [s, contrast(document.querySelector(s))])) };
  });
  assert.ok(ratios.background < 0.05, `a dark page background (luminance ${ratios.background})`);
  for (const [sel, r] of Object.entries(ratios)) if (sel !== 'background') assert.ok(r >= 4.5, `${sel}: contrast ${r.toFixed(2)} < 4.5`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('every table downloads as CSV, hostile cells neutralised', async () => {
  const { page, errors } = await openPage();
  await page.setInputFiles('#file', `${root}tests/fixtures/survey-small.csv`);
  await finished(page);
  // The file's first rows, as read: its formula-like comment must not run in a spreadsheet.
  await openSections(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=preview-csv]')]);
  assert.equal(download.suggestedFilename(), 'preview.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  assert.ok(csv.includes(`"'=HYPERLINK(""x"")"`), csv);
  // No cell starts with a formula character, except plain numbers (−3 stays a number).
  assert.ok(!/(^|,)"(?![+-]?\d+(\.\d+)?")[=+\-@]/m.test(csv), 'no cell starts with a formula character');
  const rows = await page.locator('#preview tr').count();
  assert.equal(csv.trimEnd().split('\n').length >= rows, true);
  // Every table with rows has its button; a table of the report, too.
  assert.equal(await page.locator('[data-testid=period-changes-csv]').isVisible(), true);
  assert.deepEqual(errors, []);
  await page.close();
});

// The p-value as the sentences write it.
const pWords = (p) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(p < 0.01 ? 3 : 2)}`);
const chance = (p) => (p < 0.001 ? 'less than 0.1 %' : p < 0.01 ? 'less than 1 %' : `less than ${Math.floor(100 * p) + 1} %`);

test('overview first: every kind\'s sample fits in two screens at 1280×800 with its details closed, with a chart and no sideways scroll at 390 px', async () => {
  const { page, errors } = await openPage();
  const heights = {};
  for (const [width, height] of [[1280, 800], [390, 800]]) {
    await page.setViewportSize({ width, height });
    for (const [kind, button] of Object.entries(SAMPLES)) {
      await page.evaluate(() => { document.body.dataset.state = 'idle'; });
      await page.click(`#${button}`);
      await finished(page);
      assert.equal(await page.evaluate(() => document.body.dataset.state), 'done', kind);
      await settled(page);
      const got = await page.evaluate(() => {
        const section = [...document.querySelectorAll('#results > div')].find((d) => !d.hidden);
        const visible = (e) => e.getBoundingClientRect().height > 0;
        return {
          height: document.documentElement.scrollHeight,
          scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          open: [...document.querySelectorAll('#results details')].filter((d) => d.open).length,
          charts: [...section.querySelectorAll('figure.chart svg[role=img]')].filter(visible).length,
          cards: [...section.querySelectorAll('.card')].filter(visible).length,
          // The first closed section: where the overview ends.
          overviewEnd: section.querySelector('details.section')?.getBoundingClientRect().top + window.scrollY,
        };
      });
      heights[`${kind}@${width}`] = got.height;
      assert.equal(got.open, 0, `${kind}: every detail section starts closed`);
      assert.ok(got.charts >= 1, `${kind}: at least one chart in the overview`);
      assert.ok(got.cards >= 1, `${kind}: headline cards`);
      assert.ok(got.scroll <= 0, `${kind} at ${width} px scrolls sideways by ${got.scroll} px`);
      if (width === 1280) {
        assert.ok(got.height <= 1600, `${kind}: ${got.height} px tall at 1280×800 with the details closed`);
        assert.ok(got.overviewEnd <= 1600, `${kind}: the overview ends at ${got.overviewEnd} px`);
      }
    }
  }
  console.log('page heights with the details closed:', JSON.stringify(heights));
  assert.deepEqual(errors, []);
  await page.close();
});

test('comparisons in plain words: the survey\'s sentences and card lines say what the report\'s changes say', async () => {
  const { page, errors } = await openPage();
  await page.click('#sample');
  await finished(page);
  const want = em.analyze(readFileSync(`${root}www/samples/survey-sample.csv`), { granularity: 'month' });
  const partial = new Set(want.partialPeriods.map((p) => p.period));
  const lines = await page.locator('#survey-plain li').allTextContents();
  for (const metric of ['nps', 'csat']) {
    const c = want.comparisons.periodOverPeriod.filter((x) => x.metric === metric && !partial.has(x.group) && !partial.has(x.baseline)).at(-1);
    const d = c.comparison.difference, p = c.adjustedPValue ?? c.comparison.pValue;
    const sentence = `${label[metric]} ${d > 0 ? 'rose' : 'fell'} ${Math.abs(d).toFixed(2)} points from ${c.baseline} to ${c.group}; ` +
      (c.significant ? `a change this large happens by chance ${chance(p)} of the time.` : `not significant (${pWords(p)}): could be chance.`);
    assert.ok(lines.includes(sentence), `${sentence}\nnot among\n${lines.join('\n')}`);
    // The card says the same change in short.
    assert.equal(await page.textContent(`[data-testid=${metric}-change]`),
      `${c.group}: ${d >= 0 ? '+' : ''}${d.toFixed(2)} points vs ${c.baseline} (${c.significant ? 'significant' : 'could be chance'}, ${pWords(p)})`);
  }
  // The segment furthest from the rest of its breakdown (smallest adjusted p), in words.
  const segs = want.comparisons.segments.flatMap((s) => s.comparisons).filter((x) => x.comparison && x.metric === 'nps');
  const x = segs.reduce((a, b) => (b.adjustedPValue < a.adjustedPValue ? b : a));
  const xd = x.comparison.difference;
  const words = `${label.nps} is ${Math.abs(xd).toFixed(2)} points ${xd > 0 ? 'higher' : 'lower'} for ${x.group} than for the ${x.baseline}; ` +
    (x.significant ? `a difference this large happens by chance ${chance(x.adjustedPValue)} of the time` : `not significant (${pWords(x.adjustedPValue)}`);
  assert.ok(lines.some((l) => l.startsWith(words)), `${words}\nnot among\n${lines.join('\n')}`);
  // Orders over more than a year: the same month a year earlier too.
  await page.evaluate(() => { document.body.dataset.state = 'idle'; });
  await page.click('#transactions-sample');
  await finished(page);
  const t = em.analyze(readFileSync(`${root}www/samples/transactions-sample.csv`), { granularity: 'month', clv: {} });
  const y = t.revenue.changes.filter((x) => x.metric === 'arpu' && x.against === 'yearEarlier').at(-1);
  const tl = await page.locator('#transactions-plain li').allTextContents();
  const yp = y.adjustedPValue ?? y.comparison.pValue;
  assert.ok(tl.includes(`${label.arpu} ${y.comparison.difference > 0 ? 'rose' : 'fell'} ${Math.abs(y.comparison.difference).toFixed(2)} from ${y.baseline} to ${y.group} (the same period a year earlier); ` +
    (y.significant ? `a change this large happens by chance ${chance(yp)} of the time.` : `not significant (${pWords(yp)}): could be chance.`)), tl.join('\n'));
  // Posts too few to test say so, never "significant".
  await page.evaluate(() => { document.body.dataset.state = 'idle'; });
  await page.click('#social-sample');
  await finished(page);
  const sl = await page.locator('#social-plain li').allTextContents();
  assert.ok(sl.some((l) => /: too few posts to tell \(n = \d+ and \d+\)\.$/.test(l)), sl.join('\n'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('charts: text at least 10 px as rendered at 390 px and 1280 px, a summary and a data table each, lines at 3:1 in dark mode', async () => {
  const { page, errors } = await openPage();
  await page.emulateMedia({ colorScheme: 'dark' });
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const [kind, button] of Object.entries(SAMPLES)) {
      await page.evaluate(() => { document.body.dataset.state = 'idle'; });
      await page.click(`#${button}`);
      await finished(page);
      await openSections(page);
      await settled(page);
      const got = await page.evaluate(() => {
        const rgb = (c) => (c.match(/[\d.]+/g) ?? []).map(Number).slice(0, 3);
        const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
          .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
        const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)]; return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
        const charts = [...document.querySelectorAll('#results figure.chart')].filter((f) => f.closest('[hidden]') === null);
        return charts.map((f) => {
          const s = f.querySelector('svg');
          const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
          const texts = [...s.querySelectorAll('text')].map((t) => ({ text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale, box: t.getBoundingClientRect().height }));
          const surface = rgb(getComputedStyle(f).backgroundColor);
          const lines = [...s.querySelectorAll('polyline, rect, circle:not(.hollow)')].map((e) => contrast(rgb(getComputedStyle(e).getPropertyValue(e.tagName === 'polyline' ? 'stroke' : 'fill')), surface));
          return { id: s.dataset.testid, label: s.getAttribute('aria-label'), role: s.getAttribute('role'), texts, lines, rows: f.querySelectorAll('details table tr').length };
        });
      });
      assert.ok(got.length >= 1, kind);
      for (const c of got) {
        assert.equal(c.role, 'img', c.id);
        assert.ok(c.label && c.label.length > 20, `${c.id}: a summary in words (${c.label})`);
        assert.ok(c.rows >= 2, `${c.id}: a data table`);
        assert.ok(c.texts.length > 0, c.id);
        for (const t of c.texts) assert.ok(t.px >= 10 && t.box >= 10, `${kind} ${c.id} at ${width} px: "${t.text}" renders at ${t.px.toFixed(1)} px (box ${t.box.toFixed(1)})`);
        for (const r of c.lines) assert.ok(r >= 3, `${kind} ${c.id}: a series at contrast ${r.toFixed(2)} < 3 on the dark surface`);
      }
    }
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('a chart downloads as SVG (standalone, with its series) and as PNG', async () => {
  const { page, errors } = await openPage();
  await page.click('#sample');
  await finished(page);
  await settled(page);
  const want = em.analyze(readFileSync(`${root}www/samples/survey-sample.csv`), { granularity: 'month' });
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=trend-nps-svg]')]);
  assert.equal(svgDownload.suggestedFilename(), 'trend-nps.svg');
  const text = readFileSync(await svgDownload.path(), 'utf8');
  // Parsed as an SVG document on its own: the line and a point per period, in colours written
  // into the file (it has no style sheet), the period labels as text.
  const parsed = await page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null, name: root.localName, ns: root.namespaceURI,
      stroke: doc.querySelector('polyline')?.getAttribute('stroke'), points: doc.querySelectorAll('circle').length,
      titles: [...doc.querySelectorAll('circle title')].map((e) => e.textContent), texts: [...doc.querySelectorAll('text')].map((e) => e.textContent),
      styled: doc.querySelectorAll('[class], [style]').length,
    };
  }, text);
  assert.equal(parsed.error, null);
  assert.deepEqual([parsed.name, parsed.ns], ['svg', 'http://www.w3.org/2000/svg']);
  assert.match(parsed.stroke, /^rgb\(\d+, \d+, \d+\)$/);
  assert.equal(parsed.points, want.periods.length);
  assert.equal(parsed.styled, 0);
  want.periods.forEach((p, i) => assert.ok(parsed.titles[i].startsWith(`${p.period}: ${label.nps} ${p.metrics.nps.score.toFixed(1)}`), parsed.titles[i]));
  assert.ok(parsed.texts.includes(want.periods[0].period));
  assert.equal(parsed.texts[0], `${label.nps} per month`, 'the title in the file');
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=trend-nps-png]')]);
  assert.equal(pngDownload.suggestedFilename(), 'trend-nps.png');
  const png = readFileSync(await pngDownload.path());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // Drawn at twice the size of the SVG file (the chart, 640 px wide or more, its title above).
  const [w, h] = /viewBox="0 0 (\d+) (\d+)"/.exec(text).slice(1).map(Number);
  const box = await page.evaluate(() => document.querySelector('[data-testid=trend-nps]').viewBox.baseVal.width);
  assert.equal(w, Math.max(640, box));
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [2 * w, 2 * h]);
  assert.deepEqual(errors, []);
  await page.close();
});
