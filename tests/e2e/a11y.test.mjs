// Accessibility of the page in headless Chromium: axe-core (from node_modules, evaluated in the
// page — nothing fetched) on the landing page, every kind's report (each sample button of the
// page), the columns form and the calculators page, in light and dark colour schemes, with every details section
// open: no critical, serious or moderate violation. Also: the report takes the focus when it
// arrives, and the page has one polite live region, for status only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openPage as open, openSample as sample, servedBrowser } from './chromium.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const AXE = readFileSync(`${root}node_modules/axe-core/axe.min.js`, 'utf8');
const BLOCKING = ['critical', 'serious', 'moderate'];
let browser;
const openPage = (path = '/') => open(browser, path);

before(async () => {
  browser = await servedBrowser(`${root}www`);
});
after(async () => {
  await browser?.close();
});



/**
 * axe-core's violations of the page as it is, every details section opened first (charts' data
 * tables, options). The page's CSP forbids injected script tags; CDP evaluation is not subject
 * to it, so axe's source is evaluated.
 * @returns {Promise<string[]>} one line per blocking violation
 */
async function violations(page) {
  await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const { violations } = await /** @type {any} */ (window).axe.run(document, { resultTypes: ['violations'] });
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return found.filter((v) => BLOCKING.includes(v.impact))
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.length} × ${v.nodes.slice(0, 3).join(' | ')}`);
}

for (const colorScheme of ['light', 'dark']) {
  test(`axe (${colorScheme}): landing page, every kind's report, calculators — no critical, serious or moderate violation`, async () => {
    const { page, errors } = await openPage();
    await page.emulateMedia({ colorScheme });
    const problems = {};
    const record = async (name) => { const v = await violations(page); if (v.length) problems[name] = v; };
    await record('landing');
    const ids = await page.$$eval('button[data-sample]', (bs) => bs.map((b) => b.id));
    assert.ok(ids.length >= 9, `sample buttons: ${ids}`);
    const kinds = new Set();
    for (const id of ids) {
      await sample(page, id);
      kinds.add(await page.evaluate(() => document.querySelector('#results > div:not([hidden])')?.id));
      await record(id);
    }
    // Every kind's view was checked (reviews and mentions share one).
    assert.ok(kinds.size >= 8, `views seen: ${[...kinds]}`);
    // Two files at once (one button each), the first unreadable: the error and the file list.
    await page.evaluate(() => { document.body.dataset.state = ''; });
    await page.setInputFiles('#file', [
      { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') },
      { name: 'other.csv', mimeType: 'text/csv', buffer: Buffer.from('nps\n9\n') },
    ]);
    await page.waitForFunction(() => document.body.dataset.state === 'error');
    await record('two files, an error');
    // The columns form, open with a problem marked (a file no kind fits).
    await page.setInputFiles('#file', `${root}tests/fixtures/german-export.csv`);
    await page.waitForFunction(() => document.body.dataset.state === 'confirm');
    await record('columns form');
    await page.close();
    const calc = await openPage('/calculators.html');
    await calc.page.emulateMedia({ colorScheme });
    const v = await violations(calc.page);
    if (v.length) problems.calculators = v;
    assert.deepEqual(problems, {});
    assert.deepEqual([...errors, ...calc.errors], []);
    await calc.page.close();
  });
}

test('the report takes the focus when it arrives; one polite live region, for status', async () => {
  const { page, errors } = await openPage();
  const live = () => page.evaluate(() => [...document.querySelectorAll('[aria-live=polite], [role=status]')].map((e) => e.id));
  assert.deepEqual(await live(), ['status']);
  await sample(page, 'sample');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'results-title');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H2');
  assert.match(await page.textContent('#results-title'), /survey-sample\.csv/);
  assert.match(await page.textContent('#status'), /^Report ready: 402 rows in \d+\.\d\d s\.$/);
  assert.deepEqual(await live(), ['status']);
  // An option changed in the form re-analyses without taking the focus from that control.
  await page.evaluate(() => { const d = document.getElementById('granularity')?.closest('details'); if (d) d.open = true; });
  await page.focus('#granularity');
  await page.evaluate(() => { document.body.dataset.state = ''; });
  await page.selectOption('#granularity', 'week');
  await page.waitForFunction(() => document.body.dataset.state === 'done');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'granularity');
  // A re-analysis started from the columns form gives the focus to the report.
  await page.evaluate(() => { document.body.dataset.state = ''; });
  await page.click('#confirm-summary');
  await page.click('#analyse');
  await page.waitForFunction(() => document.body.dataset.state === 'done');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'results-title');
  // Errors are alerts, not status: the status line is cleared.
  await page.evaluate(() => { document.body.dataset.state = ''; });
  await page.setInputFiles('#file', { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
  await page.waitForFunction(() => document.body.dataset.state === 'error');
  assert.equal(await page.getAttribute('#error', 'role'), 'alert');
  assert.equal(await page.textContent('#status'), '');
  assert.deepEqual(errors, []);
  await page.close();
});
