// Layout of the page in headless Chromium (every request recorded; none may leave 127.0.0.1):
// the print stylesheet (the report with its charts, without the controls; a PDF comes out) and
// a 390 px phone, where no kind's report may scroll sideways (tables scroll inside their box).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { openPage as open, openSample as sample, servedBrowser } from './chromium.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
let browser;
const openPage = (path = '/') => open(browser, path);

before(async () => {
  browser = await servedBrowser(`${root}www`);
});
after(async () => {
  await browser?.close();
});



/**
 * For each selector: "absent", "none" when none of its elements is rendered (its own or an
 * ancestor's computed display is none), else the displays of the rendered ones.
 */
const displays = (page, selectors) => page.evaluate((sels) => Object.fromEntries(sels.map((s) => {
  const found = [...document.querySelectorAll(s)];
  if (!found.length) return [s, 'absent'];
  const rendered = found.filter((e) => e.checkVisibility());
  return [s, rendered.length ? [...new Set(rendered.map((e) => getComputedStyle(e).display))].join(',') : 'none'];
})), selectors);

test('print: the report with its charts and cards, without controls, on white; a PDF comes out', async () => {
  const { page, errors } = await openPage();
  await page.emulateMedia({ colorScheme: 'dark' });
  await sample(page, 'transactions-sample');
  // The overview prints; of the details, the sections the person opened (here the cohorts and
  // the lifetime value), the closed ones not at all.
  await page.evaluate(() => {
    for (const id of ['customer-cohorts', 'lifetime']) {
      for (let d = document.getElementById(id)?.closest('details'); d; d = d.parentElement?.closest('details')) d.open = true;
    }
  });
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  const controls = ['#input', '#drop', '#file', '#progress-wrap', '#status', 'button', 'button.csv', '#export', '#reanalyse',
    '#clv-form', '#kind-benchmark-form', 'details:not([open])'];
  for (const [sel, d] of Object.entries(await displays(page, controls))) {
    assert.ok(d === 'none' || d === 'absent', `${sel} printed (display ${d})`);
  }
  // The containers themselves are display: none.
  const own = await page.evaluate(() => ['#input', '#export', '.csv', '#clv-form'].map((s) => getComputedStyle(document.querySelector(s)).display));
  assert.deepEqual(own, ['none', 'none', 'none', 'none']);
  // The controls were there (on screen) and the report is printed.
  assert.ok(await page.locator('button.csv').count() > 3);
  const shown = ['#results', '#results-title', '#summary', 'svg[role=img]', '#customer-cohorts td.heat', '#lifetime'];
  for (const [sel, d] of Object.entries(await displays(page, shown))) assert.ok(d !== 'none' && d !== 'absent', `${sel}: ${d}`);
  // Printed on white, dark mode or not; links as plain text; the heatmap keeps its shading.
  const look = await page.evaluate(() => ({
    body: getComputedStyle(document.body).backgroundColor,
    text: getComputedStyle(document.body).color,
    link: getComputedStyle(document.querySelector('a')).textDecorationLine,
    heat: getComputedStyle(document.querySelector('td.heat')).printColorAdjust,
    card: getComputedStyle(document.querySelector('.card, svg[role=img]')).breakInside,
  }));
  assert.deepEqual(look, { body: 'rgb(255, 255, 255)', text: 'rgb(0, 0, 0)', link: 'none', heat: 'exact', card: 'avoid' });
  // The survey's overview prints (cards, charts); its closed sections do not.
  await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
  await sample(page, 'sample');
  await page.emulateMedia({ media: 'print', colorScheme: 'light' });
  const survey = await displays(page, ['.card', 'figure.chart svg[role=img]', '#period-changes']);
  assert.deepEqual(Object.values(survey).map((d) => d !== 'none' && d !== 'absent'), [true, true, false], JSON.stringify(survey));
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  assert.ok(pages >= 1, `PDF pages: ${pages}`);
  console.log(`survey report printed: ${pages} A4 pages, ${(pdf.length / 1024).toFixed(0)} KB`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('390 px: no kind\'s report scrolls sideways; wide tables scroll in their box', async () => {
  const { page, errors } = await openPage();
  await page.setViewportSize({ width: 390, height: 844 });
  const fits = () => page.evaluate(() => {
    const d = document.documentElement;
    return { scrollWidth: d.scrollWidth, clientWidth: d.clientWidth };
  });
  const landing = await fits();
  assert.ok(landing.scrollWidth <= landing.clientWidth, `landing: ${JSON.stringify(landing)}`);
  const ids = await page.$$eval('button[data-sample]', (bs) => bs.map((b) => b.id));
  let scrollers = 0;
  for (const id of ids) {
    await sample(page, id);
    // Every details section open too (the charts' tables).
    await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const w = await fits();
    assert.ok(w.scrollWidth <= w.clientWidth, `${id}: the page is ${w.scrollWidth} px wide at ${w.clientWidth}`);
    // What is wider than the phone scrolls inside its box, and the keyboard can reach it.
    const boxes = await page.evaluate(() => [...document.querySelectorAll('#results [data-keyboard-scroll]')]
      .map((e) => ({ tabIndex: /** @type {HTMLElement} */ (e).tabIndex, wider: e.scrollWidth > e.clientWidth })));
    assert.ok(boxes.every((b) => b.tabIndex === 0 && b.wider), `${id}: ${JSON.stringify(boxes)}`);
    scrollers += boxes.length;
  }
  assert.ok(scrollers > 9, `tables scrolling in their box: ${scrollers}`);
  await page.goto(`${browser.origin}/calculators.html`);
  await page.waitForFunction(() => document.getElementById('calculators')?.dataset.state === 'ready');
  const calc = await fits();
  assert.ok(calc.scrollWidth <= calc.clientWidth, `calculators: ${JSON.stringify(calc)}`);
  assert.deepEqual(errors, []);
  await page.close();
});
