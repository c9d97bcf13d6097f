// @ts-check
// Page controller: hands the chosen file to a module Web Worker (the wasm engine runs there),
// keeps the options the person changed, and shows the report with the renderer of its kind.
// Labels come from the engine's catalogue and vocabulary; every string from the file is set as
// text, never as HTML.
import init, { buildInfo, catalogue, vocabulary } from './pkg/core/engagement_metrics.js';
import { $, el, fillTable, input, keyboardScroll, save, select } from './dom.js';
import { count, metricNames } from './pkg/format.js';
import { ErrorCode, Kind } from './pkg/vocabulary.js';
import { renderDataset, renderProblems, renderSignals, renderWeekdays } from './render/common.js';
import { confident, fillForm, formOptions, setUpForm } from './confirm.js';
import { filterWords, renderFilters } from './filters.js';
import * as survey from './render/survey.js';
import * as events from './render/events.js';
import * as transactions from './render/transactions.js';
import * as tickets from './render/tickets.js';
import * as campaigns from './render/campaigns.js';
import * as social from './render/social.js';
import * as voice from './render/voice.js';
import * as scans from './render/scans.js';

/** @typedef {import('./pkg/engagement_metrics.js').Report} Report */
/** @typedef {import('./pkg/engagement_metrics.js').Schema} Schema */
/** @typedef {import('./pkg/engagement_metrics.js').Kind} KindName */
/** @typedef {import('./pkg/engagement_metrics.js').AnalyzeOptions} AnalyzeOptions */
/** @typedef {import('./pkg/analyze-worker.js').WorkerMessage} WorkerMessage */
/** @typedef {import('./render/common.js').Context} Context */

/**
 * Each kind's renderer and the section it fills. One renderer for reviews and mentions.
 * @type {{ [K in KindName]: { section: string, render: (r: Extract<Report, { kind: K }>, ctx: Context) => void } }}
 */
const RENDERERS = {
  [Kind.Survey]: { section: 'survey-results', render: survey.render },
  [Kind.Events]: { section: 'events-results', render: events.render },
  [Kind.Transactions]: { section: 'transactions-results', render: transactions.render },
  [Kind.Tickets]: { section: 'tickets-results', render: tickets.render },
  [Kind.Campaigns]: { section: 'campaigns-results', render: campaigns.render },
  [Kind.Social]: { section: 'social-results', render: social.render },
  [Kind.Reviews]: { section: 'voice-results', render: voice.render },
  [Kind.Mentions]: { section: 'voice-results', render: voice.render },
  [Kind.Scans]: { section: 'scans-results', render: scans.render },
};

/** @type {Worker} */
let worker;
/** @type {Report | null} */
let lastReport = null;
/** @type {File | null} */
let lastFile = null;
/** What the form was last filled from: the file's schema, then its report. @type {Schema | Report | null} */
let understood = null;
/** Options the person set on the report (roles, targets, funnel, CLV…), kept across re-analyses. @type {AnalyzeOptions} */
let chosen = {};

// Two builds of the engine: the core (every format but .xlsx, 440 KB less to download) serves
// the page; the full one is fetched only when a file is a workbook. Each is downloaded and
// compiled once, here, and the compiled module shared with its worker (it would otherwise fetch
// the .wasm a second time).
const BUILDS = {
  core: { wasm: './pkg/core/engagement_metrics_bg.wasm', worker: './pkg/core/analyze-worker.js' },
  full: { wasm: './pkg/engagement_metrics_bg.wasm', worker: './pkg/analyze-worker.js' },
};
/** @type {Partial<Record<keyof typeof BUILDS, Promise<WebAssembly.Module>>>} */
const compiled = {};
/** @param {keyof typeof BUILDS} b */
const compile = (b) => (compiled[b] ??= WebAssembly.compileStreaming(fetch(new URL(BUILDS[b].wasm, import.meta.url))));
/** The build the worker runs. @type {keyof typeof BUILDS} */
let build = 'core';
/** @type {WebAssembly.Module} */
let engine = await compile(build);
await init({ module_or_path: engine });
const names = metricNames(catalogue());
const vocab = vocabulary();
$('build').textContent = (({ name, version, gitRevision }) => `${name} ${version} (${gitRevision})`)(buildInfo());
select('kind-choice').replaceChildren(el('option', { value: 'auto', text: 'Detect' }),
  ...vocab.kinds.map((k) => el('option', { value: k, text: vocab.kindLabels[k] })));
setUpForm(vocab);
select('granularity').replaceChildren(...vocab.granularities.map((g) => el('option', { value: g, text: g, ...(g === 'month' ? { selected: true } : {}) })));

/** A fresh worker; the page starts another if one dies (a fault of the engine ends its instance). */
function startWorker() {
  worker = new Worker(new URL(`${BUILDS[build].worker}?module=posted`, import.meta.url), { type: 'module' });
  worker.postMessage({ type: 'module', module: engine });
  worker.onmessage = ({ data }) => {
    const m = /** @type {WorkerMessage} */ (data);
    if (m.type === 'progress') showProgress(m);
    else if (m.type === 'report') done(m.report, m.ms);
    else if (m.type === 'schema') understand(m.schema);
    else if (m.type === 'error') {
      fail(m.code === ErrorCode.Internal
        ? `The engine failed on this file and was restarted [${m.code}]: ${m.message}. Please report it with the file if you can share it.`
        : `${m.message} [${m.code}]`);
      if (m.code === ErrorCode.Internal) restartWorker();
      // A problem with the columns or their formats: the form opens with it marked.
      else if (understood && SCHEMA_ERRORS.has(m.code)) askAboutColumns({ code: m.code, message: m.message });
    }
  };
  worker.onerror = (e) => {
    e.preventDefault();
    fail(`The analysis worker stopped and was restarted [${ErrorCode.Internal}]: ${e.message ?? e}`);
    restartWorker();
  };
}
function restartWorker() {
  worker.terminate();
  startWorker();
}

// A workbook (a zip: the magic the engine's reader checks) needs the full build; once it is
// loaded it serves every later file too (both builds give the same report for the rest).
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** Messages for the worker, in order, each after its file's build is running. */
let queue = Promise.resolve();
/** @param {File} file @param {object} message */
function send(file, message) {
  queue = queue.then(async () => {
    if (build === 'core') {
      const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
      if (ZIP_MAGIC.every((b, i) => head[i] === b)) {
        engine = await compile('full');
        build = 'full';
        restartWorker();
      }
    }
    worker.postMessage(message);
  }).catch((e) => fail(`The engine for this file could not be loaded: ${e?.message ?? e}`));
}

/** The options of the form, with what the person chose on the report. @returns {AnalyzeOptions} */
function options() {
  const kind = select('kind-choice').value;
  return {
    kind: /** @type {AnalyzeOptions['kind']} */ (kind),
    timezone: input('timezone').value.trim() || 'UTC',
    granularity: /** @type {AnalyzeOptions['granularity']} */ (select('granularity').value),
    // Predictive CLV is fitted for every transactions file (other kinds ignore the option).
    clv: {},
    ...(input('include-partial').checked ? { includePartialPeriods: true } : {}),
    ...chosen,
  };
}

/** Changes the chosen options (undefined removes one) and, unless told not to, analyses again. @param {AnalyzeOptions} patch */
function rerun(patch, analyse = true) {
  const next = /** @type {Record<string, unknown>} */ ({ ...chosen, ...patch });
  for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
  chosen = /** @type {AnalyzeOptions} */ (next);
  if (analyse && lastFile) analyzeFile(lastFile, true);
}

/** Errors the columns form can resolve (a role, the kind, the date order). */
/** @type {Set<string>} */
const SCHEMA_ERRORS = new Set([ErrorCode.NoMetricColumns, ErrorCode.AmbiguousDateOrder, ErrorCode.ColumnNotFound]);

/**
 * Reads how the engine understands a new file (its schema, from the first rows) before any
 * analysis: a confident detection is analysed at once, any other opens the columns form.
 * @param {File} file
 */
function inspectFile(file, keepChoices = false) {
  newFile = !keepChoices;
  // With a file open the drop zone and the samples take one line each (the report below counts).
  document.body.classList.add('has-file');
  if (restored) restored = false;
  else if (!keepChoices) {
    chosen = {};
    for (const id of ['date-order', 'decimal-mark']) select(id).value = '';
    select('kind-choice').value = 'auto';
  }
  lastFile = file;
  lastReport = null;
  $('error').hidden = true;
  $('results').hidden = true;
  $('filter-bar').hidden = true;
  $('status').textContent = `Reading the columns of ${file.name ?? 'the file'}…`;
  document.body.dataset.state = 'inspecting';
  send(file, { type: 'inspect', file, options: options() });
}

/** @param {Schema} s */
function understand(s) {
  understood = s;
  if (confident(s, vocab) && lastFile) {
    fillForm(s, vocab, { open: false, analysed: false });
    analyzeFile(lastFile, true);
  } else askAboutColumns(s.problem ?? null);
}

/** Opens the columns form (with the problem marked, if any) and waits for the person. @param {{ code: string, message: string, column?: string } | null} problem */
function askAboutColumns(problem) {
  if (!understood) return;
  fillForm(understood, vocab, { problem, open: true, analysed: lastReport !== null });
  $('progress-wrap').hidden = true;
  $('error').hidden = true;
  $('status').textContent = problem ? 'This file needs your help: check its columns, then analyse.' : 'Check the columns as recognised, then analyse.';
  document.body.dataset.state = 'confirm';
  $(problem ? 'confirm-problem' : 'confirm-summary').focus();
}
/**
 * Whether the report takes the focus when it arrives: after a new file, or when the control
 * that started a re-analysis went away with the report (not while one changes an option).
 */
let focusResults = false;
/** A new file is being read for its columns (its report will take the focus). */
let newFile = false;

/** @param {File} file */
function analyzeFile(file, keepChoices = false) {
  if (!keepChoices) chosen = {};
  lastFile = file;
  // A new file (read for its columns first) or the columns form's button: the report takes it.
  focusResults = !keepChoices || newFile || $('results').contains(document.activeElement) || $('confirm').contains(document.activeElement);
  newFile = false;
  $('error').hidden = true;
  // The page's one polite live region: what is running, then what is ready.
  $('status').textContent = `Analysing ${file.name ?? 'the file'}…`;
  $('results').hidden = true;
  $('progress-wrap').hidden = false;
  $('cancel').hidden = false;
  /** @type {HTMLProgressElement} */ ($('progress')).value = 0;
  $('progress-text').textContent = `Reading ${file.name ?? 'file'}…`;
  document.body.dataset.state = 'running';
  send(file, { type: 'analyze', file, options: options() });
}

/** @param {{ bytes: number, rows: number, total: number }} p */
function showProgress({ bytes, rows, total }) {
  /** @type {HTMLProgressElement} */ ($('progress')).value = total ? bytes / total : 0;
  $('progress-text').textContent = `${count(rows)} rows · ${(bytes / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB`;
}

/** @param {string} message */
function fail(message) {
  $('progress-wrap').hidden = true;
  $('status').textContent = '';
  $('error').hidden = false;
  $('error').textContent = message;
  document.body.dataset.state = 'error';
}

/** @param {Report} r @param {number} ms */
function done(r, ms) {
  lastReport = r;
  understood = r;
  fillForm(r, vocab, { open: false, analysed: true });
  /** @type {HTMLProgressElement} */ ($('progress')).value = 1;
  $('progress-text').textContent = `${count(r.input.rows)} rows in ${(ms / 1000).toFixed(2)} s`;
  $('cancel').hidden = true;
  // The status line says it is done (and how long it took); the full bar would only repeat it.
  $('progress-wrap').hidden = true;
  const layout = r.input.delimiter ? `delimiter "${r.input.delimiter}"` : r.input.format;
  $('summary').textContent = `${vocab.kindLabels[r.kind]} (${r.kindChoice.source === 'option' ? 'as chosen' : `detected: ${r.kindChoice.reason}`}) · ` +
    `${count(r.input.rows)} rows · ${r.input.encoding}, ${layout} · periods in ${r.options.timezone}` +
    (chosen.filter ? ` · ${filterWords(chosen.filter)} (${count(r.dataset.rowsFiltered)} rows left out)` : '');
  /** @type {Context} */
  const ctx = { names, roleLabels: vocab.roleLabels, kindLabels: vocab.kindLabels, variantLabels: vocab.variantLabels,
    rfmSegmentLabels: vocab.rfmSegmentLabels, engagementLabels: vocab.engagementLabels, options: options(), rerun };
  const mine = RENDERERS[r.kind];
  for (const { section } of Object.values(RENDERERS)) $(section).hidden = section !== mine.section;
  /** @type {(r: Report, ctx: Context) => void} */ (mine.render)(r, ctx);
  const signals = names.targets(r.kind).length > 0 || r.signals.trendFlags.length > 0;
  $('signals-results').hidden = !signals;
  if (signals) renderSignals(r, ctx);
  renderWeekdays(r, ctx);
  renderDataset(r, ctx);
  renderFilters(r, chosen.filter, rerun);
  saveState();
  renderProblems(r, vocab);
  fillTable('preview', r.input.header, r.input.preview);
  markPartialPeriods(r);
  $('results').hidden = false;
  $('results-title').textContent = `Report on ${lastFile?.name ?? 'the file'}`;
  $('status').textContent = `Report ready: ${count(r.input.rows)} rows in ${(ms / 1000).toFixed(2)} s.`;
  keyboardScroll($('results'));
  const focusHere = focusResults || document.activeElement === document.body || document.activeElement === null;
  if (focusHere) $('results-title').focus();
  document.body.dataset.state = 'done';
}

/**
 * Says which periods the data cover only in part: a line under the summary, and each table row
 * of such a period greyed with the covered days in its tooltip.
 * @param {Report} r
 */
function markPartialPeriods(r) {
  const partial = new Map(r.partialPeriods.map((p) => [p.period, p]));
  const note = $('partial-periods');
  note.hidden = partial.size === 0;
  note.textContent = partial.size === 0 ? '' : `Partial ${partial.size === 1 ? 'period' : 'periods'}: ` +
    [...partial.values()].map((p) => `${p.period} (data ${p.from} to ${p.to})`).join(', ') +
    (r.options.includePartialPeriods ? '; tested like the others, as asked.' : '; shown, but left out of the tests of change and the trend flags.');
  for (const td of $('results').querySelectorAll('tr > td:first-child')) {
    const p = partial.get(td.textContent ?? '');
    if (!p) continue;
    const tr = /** @type {HTMLElement} */ (td.parentElement);
    tr.classList.add('partial');
    tr.title = `Partial period: the data cover ${p.from} to ${p.to}`;
  }
}

/** The files picked or dropped together, one button each; the first is analysed. @param {FileList | File[] | null | undefined} list */
function openFiles(list) {
  const files = [...(list ?? [])];
  if (!files.length) return;
  const nav = $('files');
  nav.hidden = files.length < 2;
  nav.replaceChildren(...files.map((f, i) => {
    const b = el('button', { type: 'button', text: f.name, 'aria-pressed': String(i === 0) });
    b.addEventListener('click', () => {
      for (const other of nav.querySelectorAll('button')) other.setAttribute('aria-pressed', String(other === b));
      inspectFile(f);
    });
    return b;
  }));
  inspectFile(files[0]);
}

input('file').addEventListener('change', () => {
  openFiles(input('file').files);
  // Picking the same file again is a change too.
  input('file').value = '';
});
// A file dropped anywhere on the page is analysed (the browser would otherwise open it and
// leave the page).
const drop = $('drop');
window.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
window.addEventListener('dragleave', (e) => { if (!e.relatedTarget) drop.classList.remove('over'); });
window.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  openFiles(e.dataTransfer?.files);
});
// Every option re-analyses the file in memory; another kind is first read again.
for (const id of ['timezone', 'granularity', 'include-partial']) {
  $(id).addEventListener('change', () => { if (lastFile) analyzeFile(lastFile, true); });
}
select('kind-choice').addEventListener('change', () => { if (lastFile) inspectFile(lastFile, true); });
$('confirm-form').addEventListener('submit', (e) => {
  e.preventDefault();
  rerun(formOptions(vocab));
});
$('cancel').addEventListener('click', () => {
  restartWorker();
  $('progress-wrap').hidden = true;
  $('status').textContent = 'Analysis cancelled.';
  $('results').hidden = lastReport === null;
  document.body.dataset.state = 'cancelled';
});
// The bundled samples come from the page's own origin.
for (const button of document.querySelectorAll('button[data-sample]')) {
  const name = /** @type {HTMLButtonElement} */ (button).dataset.sample ?? '';
  button.addEventListener('click', async () => {
    const blob = await (await fetch(`samples/${name}`)).blob();
    openFiles([new File([blob], name, { type: 'text/csv' })]);
  });
}
$('export').addEventListener('click', () => {
  if (lastReport) save(JSON.stringify(lastReport, null, 2), 'engagement-report.json', 'application/json');
});

/**
 * The options in the URL fragment — kind, period, time zone, roles, filters; never a row of the
 * file (a fragment is not sent to any server) — so that a reload, a bookmark or a link given to
 * a colleague applies them to the next file opened.
 */
function saveState() {
  const { clv: _fitted, ...o } = options();
  history.replaceState(null, '', `#${encodeURIComponent(JSON.stringify(o))}`);
}
/** Options read from the fragment, waiting for the first file. */
let restored = false;
function restoreState() {
  /** @type {AnalyzeOptions} */
  let o;
  try {
    o = JSON.parse(decodeURIComponent(location.hash.slice(1)));
  } catch {
    return;
  }
  if (!o || typeof o !== 'object' || Array.isArray(o)) return;
  const { kind, timezone, granularity, includePartialPeriods, ...rest } = o;
  if (kind) select('kind-choice').value = kind;
  if (timezone) input('timezone').value = timezone;
  if (granularity) select('granularity').value = granularity;
  input('include-partial').checked = includePartialPeriods === true;
  select('date-order').value = rest.dateOrder ?? '';
  select('decimal-mark').value = rest.decimalMark ?? '';
  chosen = rest;
  restored = true;
}

restoreState();
startWorker();
document.body.dataset.ready = 'true';
