// Launches Debian's Chromium through playwright-core with a fresh profile and flags that keep
// the browser itself off the network (see TOOLCHAIN notes in the README).
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic',
  '--no-first-run', '--disable-default-apps', '--disable-extensions', '--metrics-recording-only',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost',
];

export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'em-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport: { width: 1100, height: 900 },
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

/**
 * Serves `dir` on 127.0.0.1 and opens Chromium. Every request of its pages and their workers is
 * recorded; `close()` fails when any went elsewhere than the served origin.
 */
export async function servedBrowser(dir) {
  const server = await serve(dir, 0);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  const requests = [];
  browser.context.on('request', (r) => requests.push(r.url()));
  const close = async () => {
    await browser.close();
    server.close();
    const foreign = requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(foreign, [], `requests left the origin: ${foreign.join(', ')}`);
  };
  return { origin, context: browser.context, close };
}

/**
 * A new page of `browser` (from servedBrowser) at `path`, its errors collected (page errors,
 * console errors, dialogs), once it is ready: the analysis page when its engine is compiled,
 * the calculators page when its calculators are drawn.
 */
export async function openPage(browser, path = '/') {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(`${browser.origin}${path}`);
  if (path === '/') await page.waitForFunction(() => document.body.dataset.ready === 'true');
  else await page.waitForFunction(() => document.getElementById('calculators')?.dataset.state === 'ready');
  return { page, errors };
}

/** Clicks a sample button and waits for its report (the state cleared first: the previous report's "done" must not count). */
export async function openSample(page, id) {
  await page.evaluate(() => { document.body.dataset.state = ''; });
  await page.click(`#${id}`);
  await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state ?? ''), null, { timeout: 60000 });
  assert.equal(await page.evaluate(() => document.body.dataset.state), 'done', await page.textContent('#error'));
}
