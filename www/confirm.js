// @ts-check
// The columns form: what the engine understood of a file (its kind, every column's role, how
// it is read, sample values and why), shown before the analysis when the detection is unsure
// or fails, and one click away otherwise. Every choice becomes an analyze option; the form
// never leaves a person without a way forward.
import { $, el, select } from './dom.js';
import { Role } from './pkg/vocabulary.js';

/** @typedef {import('./pkg/engagement_metrics.js').Schema} Schema */
/** @typedef {import('./pkg/engagement_metrics.js').Report} Report */
/** @typedef {import('./pkg/engagement_metrics.js').Vocabulary} Vocabulary */
/** @typedef {import('./pkg/engagement_metrics.js').AnalyzeOptions} AnalyzeOptions */
/** @typedef {import('./pkg/engagement_metrics.js').Role} RoleName */
/** @typedef {import('./pkg/engagement_metrics.js').Kind} KindName */
/** @typedef {Schema['columns'][number]} Column */
/** @typedef {{ code: string, message: string, column?: string }} Problem */

/** Detected roles below this confidence are asked about before analysing. */
const SURE = 0.6;

/**
 * True when the file can be analysed as detected without asking: no problem, and every column
 * the kind needs was recognised with confidence (or named by the person).
 * @param {Schema} s @param {Vocabulary} vocab
 */
export function confident(s, vocab) {
  if (s.problem || !s.kind) return false;
  const needed = new Set(vocab.kindNeeds[s.kind].flat());
  return s.columns.every((c) => !needed.has(c.role) || c.source !== 'detected' || c.confidence >= SURE);
}

/**
 * Fills the form from a schema or a report (both say the kind, the columns and the preview),
 * with a problem to mark (the schema's, or an analysis error), and opens it when asked.
 * @param {Schema | Report} s @param {Vocabulary} vocab @param {{ problem?: Problem | null, open: boolean, analysed: boolean }} how
 */
export function fillForm(s, vocab, { problem = null, open, analysed }) {
  const form = /** @type {HTMLDetailsElement} */ ($('confirm'));
  form.hidden = false;
  form.open = open;
  const kind = s.kind ? vocab.kindLabels[s.kind] : null;
  $('confirm-summary').textContent = problem
    ? 'Columns: the file needs your help — check the roles below'
    : `Columns: ${kind} (${s.kindChoice.source === 'option' ? 'as chosen' : 'detected'}) — ${analysed ? 'change' : 'check and analyse'}`;
  const note = $('confirm-problem');
  note.hidden = !problem;
  note.textContent = problem ? plainProblem(problem, s, vocab) : '';
  note.dataset.column = problem?.column ?? '';
  $('confirm-engine-message').textContent = problem ? `${problem.message} [${problem.code}]` : '';
  $('confirm-engine').hidden = !problem;
  fillColumns(s, vocab, problem);
  neededLine(vocab);
}

/**
 * The problem in plain words: which column, or what the chosen kind still needs.
 * @param {Problem} p @param {Schema | Report} s @param {Vocabulary} vocab
 */
function plainProblem(p, s, vocab) {
  if (p.column) return `The dates in “${p.column}” could be day first or month first. Choose how they are written below, then analyse.`;
  if (s.kind) return `This does not read as ${vocab.kindLabels[s.kind].toLowerCase()} yet: choose the column for each role it needs (listed below), then analyse.`;
  return 'The columns did not match any kind of file. Choose the kind of file and the role of each column it needs, then analyse.';
}

/**
 * One row per column: header, a role picker, how it is read, sample values, why.
 * @param {Schema | Report} s @param {Vocabulary} vocab @param {Problem | null} problem
 */
function fillColumns(s, vocab, problem) {
  const t = $('confirm-columns');
  t.replaceChildren(el('tr', {}, ...['Column', 'Role', 'Read as', 'Format', 'Sample values', 'Why'].map((h) => el('th', { scope: 'col', text: h }))));
  detected = s.kind ?? null;
  for (const c of s.columns) {
    const sel = /** @type {HTMLSelectElement} */ (el('select', { 'data-header': c.header, 'aria-label': `Role of column ${c.header}` }));
    fillRoles(sel, c.role, vocab);
    sel.addEventListener('change', () => {
      neededLine(vocab);
      // What was detected no longer applies to a column the person gave a role.
      const why = sel.closest('tr')?.querySelector('td.detail');
      if (why) why.textContent = 'as you chose (read as its role once analysed)';
    });
    const marked = problem?.column === c.header;
    if (marked) sel.setAttribute('aria-invalid', 'true');
    t.append(el('tr', marked ? { class: 'problem' } : {},
      el('th', { scope: 'row', text: c.header }),
      el('td', {}, sel),
      // data-label names each cell where the rows are shown as cards (phones).
      el('td', { 'data-label': 'Read as', text: vocab.valueTypeLabels[c.valueType] }),
      el('td', { 'data-label': 'Format', text: format(c, vocab) }),
      el('td', { 'data-label': 'Samples', text: samples(s.input.preview, c.index).join(' · ') }),
      el('td', { class: 'detail', 'data-label': 'Why', text: c.source === 'detected' ? `${c.reason} (confidence ${Math.round(c.confidence * 100)} %)` : 'as you chose' })));
  }
}

/** The kind the file was detected as, for the role menus while the kind menu says "Detect". @type {KindName | null} */
let detected = null;

/** The kind the role menus are ordered for: the one chosen, else the one detected. @returns {KindName | null} */
function menuKind() {
  const kind = select('kind-choice').value;
  return kind === 'auto' ? detected : /** @type {KindName} */ (kind);
}

/**
 * A role menu: the roles the kind needs first (its `kindNeeds`, then a breakdown and "not
 * used", which every kind takes), the rest under "Other roles"; the whole list, ungrouped,
 * while no kind is known.
 * @param {HTMLSelectElement} sel @param {RoleName} chosen @param {Vocabulary} vocab
 */
function fillRoles(sel, chosen, vocab) {
  const option = (/** @type {RoleName} */ role) => el('option', { value: role, text: vocab.roleLabels[role], ...(role === chosen ? { selected: true } : {}) });
  const kind = menuKind();
  if (!kind) {
    sel.replaceChildren(...vocab.roles.map(option));
    return;
  }
  const first = new Set([...vocab.kindNeeds[kind].flat(), Role.Segment, Role.Ignored]);
  const rest = vocab.roles.filter((r) => !first.has(r));
  sel.replaceChildren(
    el('optgroup', { label: `For ${vocab.kindLabels[kind].toLowerCase()}` }, ...[...first].map(option)),
    el('optgroup', { label: 'Other roles' }, ...rest.map(option)));
}

/** Orders every role menu for the kind now chosen, keeping each column's role. @param {Vocabulary} vocab */
function reorderRoles(vocab) {
  for (const x of $('confirm-columns').querySelectorAll('select')) {
    const sel = /** @type {HTMLSelectElement} */ (x);
    fillRoles(sel, /** @type {RoleName} */ (sel.value), vocab);
  }
}

/** How a column's values are written, as detected. @param {Column} c @param {Vocabulary} vocab */
function format(c, vocab) {
  if (c.timeFormat) return vocab.timeFormatLabels[c.timeFormat];
  if (c.decimalMark) return vocab.decimalMarkLabels[c.decimalMark];
  if (c.scale) return `Scale ${c.scale.min}–${c.scale.max}`;
  return '';
}

/** Up to three distinct non-blank values of a column in the preview rows. @param {string[][]} rows @param {number} i */
function samples(rows, i) {
  const seen = new Set();
  for (const r of rows) {
    const v = (r[i] ?? '').trim();
    if (v) seen.add(v.length > 40 ? `${v.slice(0, 39)}…` : v);
    if (seen.size === 3) break;
  }
  return [...seen];
}

/** Says what the chosen kind needs and which of it no column has yet. @param {Vocabulary} vocab */
function neededLine(vocab) {
  const kind = /** @type {KindName | 'auto'} */ (select('kind-choice').value);
  const line = $('confirm-needs');
  if (kind === 'auto') {
    line.textContent = 'Kind of file: detected from the roles of the columns.';
    return;
  }
  const roles = new Set([...$('confirm-columns').querySelectorAll('select')].map((x) => /** @type {HTMLSelectElement} */ (x).value));
  const groups = vocab.kindNeeds[kind];
  const missing = groups.filter((g) => !g.some((r) => roles.has(r)));
  const words = (/** @type {RoleName[]} */ g) => g.map((r) => vocab.roleLabels[r]).join(' or ');
  line.textContent = `${vocab.kindLabels[kind]} need ${groups.length ? groups.map(words).join(', ') : 'no particular column'}` +
    (missing.length ? `; still missing: ${missing.map(words).join(', ')}.` : '; every one is there: press the button to analyse.');
  line.classList.toggle('flag', missing.length > 0);
  // Once the roles are there, the problem above is answered: it would only contradict this line.
  const note = $('confirm-problem');
  if (!missing.length && !note.dataset.column) note.hidden = true;
}

/**
 * The options the form says: the kind, each column's role (one column per unique role,
 * segments and left-out columns by name), how dates and decimals are written.
 * @param {Vocabulary} vocab @returns {AnalyzeOptions}
 */
export function formOptions(vocab) {
  const shared = new Set(vocab.sharedRoles);
  /** @type {Record<string, string>} */
  const columns = {};
  /** @type {string[]} */
  const segments = [], ignore = [];
  for (const x of $('confirm-columns').querySelectorAll('select')) {
    const sel = /** @type {HTMLSelectElement} */ (x);
    const role = /** @type {RoleName} */ (sel.value), header = sel.dataset.header ?? '';
    if (role === Role.Segment) segments.push(header);
    else if (role === Role.Ignored) ignore.push(header);
    // A shared role (ids, texts) named for the first of its columns; the others keep theirs.
    else if (!shared.has(role) || !(role in columns)) columns[role] = header;
  }
  const dateOrder = select('date-order').value, decimalMark = select('decimal-mark').value;
  return {
    columns, segments, ignore,
    dateOrder: /** @type {AnalyzeOptions['dateOrder']} */ (dateOrder || undefined),
    decimalMark: /** @type {AnalyzeOptions['decimalMark']} */ (decimalMark || undefined),
  };
}

/** Fills the format pickers once, from the vocabulary. @param {Vocabulary} vocab */
export function setUpForm(vocab) {
  select('date-order').replaceChildren(el('option', { value: '', text: 'As detected' }),
    ...Object.entries(vocab.timeFormatLabels).map(([f, label]) => el('option', { value: f, text: label })));
  select('decimal-mark').replaceChildren(el('option', { value: '', text: 'As detected' }),
    ...Object.entries(vocab.decimalMarkLabels).map(([m, label]) => el('option', { value: m, text: label })));
  select('kind-choice').addEventListener('change', () => {
    reorderRoles(vocab);
    neededLine(vocab);
  });
}
