// Screenshots of the page for the docs: every sample's report (one per kind), the landing page
// and the calculators page, at 1280×800 and at 390×844, in headless Chromium with every request
// checked to stay on 127.0.0.1 (tests/e2e/chromium.mjs). Written to docs/screenshots/<name>-<width>.png;
// prints each page's full height.
//
//   node scripts/screenshots.mjs [--full] [--out DIR]
//
// By default a screenshot shows the top of the page, up to two screens at 1280 px (where the
// overview should fit) and three at 390 px, so the committed PNGs stay small; --full takes
// whole pages. Needs the page built (bash scripts/build.sh puts the engine in www/pkg/).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { servedBrowser } from '../tests/e2e/chromium.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const full = args.includes('--full');
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : `${root}docs/screenshots`;
const VIEWPORTS = [{ width: 1280, height: 800, screens: 2 }, { width: 390, height: 844, screens: 3 }];
mkdirSync(out, { recursive: true });

const browser = await servedBrowser(`${root}www`);
const page = await browser.context.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });

const openIndex = async () => {
  await page.goto(`${browser.origin}/`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
};
await openIndex();
// One sample per kind: the page's own sample buttons ("survey-sample.csv" is the survey).
const samples = await page.$$eval('button[data-sample]', (bs) => bs.map((b) => ({ id: b.id, file: b.dataset.sample ?? '' })));

/** Shoots the page as it is at the current viewport; returns its full height. @param {string} name @param {{ width: number, height: number, screens: number }} v */
async function shoot(name, v) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const shown = full ? height : Math.min(height, v.height * v.screens);
  await page.screenshot({ path: `${out}/${name}-${v.width}.png`, fullPage: true, clip: { x: 0, y: 0, width: v.width, height: shown } });
  return { height, shown };
}

const rows = [];
for (const v of VIEWPORTS) {
  await page.setViewportSize({ width: v.width, height: v.height });
  await openIndex();
  rows.push({ page: 'landing', width: v.width, ...(await shoot('landing', v)) });
  for (const s of samples) {
    const name = s.file.replace(/-sample\.\w+$/, '');
    await openIndex();
    await page.click(`#${s.id}`);
    await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state ?? ''), null, { timeout: 120000 });
    if (await page.evaluate(() => document.body.dataset.state) !== 'done') throw new Error(`${s.file}: ${await page.textContent('#error')}`);
    // The report has the focus; the shot shows the page, not a focus ring.
    await page.evaluate(() => /** @type {HTMLElement | null} */ (document.activeElement)?.blur());
    rows.push({ page: name, width: v.width, ...(await shoot(name, v)) });
  }
  await page.goto(`${browser.origin}/calculators.html`);
  await page.waitForFunction(() => document.getElementById('calculators')?.dataset.state === 'ready');
  rows.push({ page: 'calculators', width: v.width, ...(await shoot('calculators', v)) });
}
await page.close();
await browser.close();
if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);

console.log('page          width   height   shown');
for (const r of rows) console.log(`${r.page.padEnd(13)} ${String(r.width).padStart(5)} ${String(r.height).padStart(8)} ${String(r.shown).padStart(7)}`);
console.log(`${rows.length} screenshots in ${out}`);
