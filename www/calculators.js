// @ts-check
// The calculators page: one form per calculator of the package's catalogue (`calculators()`),
// results as you type, the last changed calculator's inputs kept in the URL fragment.
// The calculators-only module: a tenth of the file engine's download (docs/PERFORMANCE.md).
import init, { calculate, calculators } from './pkg/calculators.js';
import { $, el } from './dom.js';
import { calculated as show, percent } from './pkg/format.js';

// Details in words, not the engine's field names: an interval's bounds together, at the
// calculator's confidence, in the value's unit (a difference of means on its own scale, an A/B
// lift as a percentage); relative lifts (fractions) as percentages; p-values to 4 places; flags
// as yes/no; any other field by its name in words ("logLikelihood" is "log likelihood").
const WORDS = { n: 'n =', responses: 'n =', pValue: 'p =', alpha: 'α', beta: 'β', pAlive: 'P(alive)', df: 'degrees of freedom', t: 't =' };
const words = (k) => WORDS[k] ?? k.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
/** @param {Record<string, number | boolean>} details @param {import('./pkg/calculators.js').Unit} unit @param {number} confidence */
function describe(details, unit, confidence) {
  const rest = { ...details };
  const level = `${Number.isFinite(confidence) && confidence > 0 && confidence < 1 ? +(100 * confidence).toFixed(2) : 95}%`;
  const out = [];
  /** @param {string} low @param {string} high @param {string} what @param {(v: number) => string} f */
  const bounds = (low, high, what, f) => {
    if (!(low in rest && high in rest)) return;
    out.push(`${level} interval${what} ${f(Number(rest[low]))} to ${f(Number(rest[high]))}`);
    delete rest[low];
    delete rest[high];
  };
  bounds('intervalLow', 'intervalHigh', '', (v) => show(v, unit));
  bounds('differenceLow', 'differenceHigh', ' of the difference', (v) => show(v, unit));
  bounds('relativeLow', 'relativeHigh', ' of the relative lift', (v) => percent(v, 2));
  for (const [k, v] of Object.entries(rest)) {
    if (typeof v === 'boolean' || k === 'significant') out.push(`${words(k)}: ${v ? 'yes' : 'no'}`);
    else if (k === 'marginOfError') out.push(`margin of error ±${show(v, unit)}`);
    else if (k === 'relativeLift') out.push(`relative lift ${percent(v, 2)}`);
    else if (k === 'pValue') out.push(`p = ${v.toFixed(4)}`);
    else out.push(`${words(k)} ${Number.isInteger(v) ? v.toLocaleString('en') : v.toFixed(4)}`);
  }
  return out.join(' · ');
}
const CAUTION = 'Decide the sample size before the test and read the result once it is reached: checking repeatedly and stopping at the first significant result inflates false positives.';

/** @returns {import('./pkg/calculators.js').Calculation} */
function readInputs(spec, form) {
  /** @type {Record<string, unknown>} */
  const input = { metric: spec.metric };
  for (const i of spec.inputs) {
    const raw = form.elements[i.name].value;
    input[i.name] = i.kind === 'numbers' ? raw.split(/[\s,;]+/).filter(Boolean).map(Number) : (raw.trim() === '' ? NaN : Number(raw));
  }
  return /** @type {import('./pkg/calculators.js').Calculation} */ (/** @type {unknown} */ (input));
}

function run(spec, form, out) {
  out.replaceChildren();
  let r;
  try {
    r = calculate(readInputs(spec, form));
  } catch (e) {
    out.append(el('p', { class: 'error', role: 'alert', 'data-testid': `${spec.metric}-error`, text: String(/** @type {Error} */ (e).message) }));
    return;
  }
  out.append(el('p', { class: 'result' },
    el('strong', { 'data-testid': `${spec.metric}-value`, text: r.value === null ? 'not available' : show(r.value, r.unit, r.metric) }),
    r.value === null ? ` — ${r.unavailableReason}` : ''));
  const details = Object.entries(r.details);
  const confidence = form.elements.confidence ? Number(form.elements.confidence.value) : NaN;
  if (details.length) out.append(el('p', { class: 'detail', 'data-testid': `${spec.metric}-details`, text: describe(r.details, r.unit, confidence) }));
  if (r.series) out.append(el('p', { class: 'detail', text: `projected share still subscribed: ${r.series.map((v) => `${(100 * v).toFixed(1)}%`).join(', ')}` }));
}

// Fragment: #metric=churnRate&lost=30&start=200
function fromFragment() {
  const p = new URLSearchParams(location.hash.slice(1));
  return p.get('metric') ? p : null;
}
function toFragment(spec, form) {
  const p = new URLSearchParams({ metric: spec.metric });
  for (const i of spec.inputs) p.set(i.name, form.elements[i.name].value);
  history.replaceState(null, '', `#${p}`);
}

await init();
const main = $('calculators');
const shared = fromFragment();
let focus = null;
const groups = new Map();
for (const spec of calculators()) {
  if (!groups.has(spec.group)) {
    const section = el('section', { 'aria-label': spec.group }, el('h2', { text: spec.group[0].toUpperCase() + spec.group.slice(1) }));
    if (spec.group === 'A/B tests') section.append(el('p', { class: 'flag', role: 'note', text: CAUTION }));
    groups.set(spec.group, section);
    main.append(section);
  }
  const form = el('form', { class: 'calculator card', id: `calc-${spec.metric}`, 'data-testid': spec.metric, 'aria-label': spec.title });
  form.append(el('h3', { text: spec.title }), el('p', { class: 'detail formula', text: spec.formula }));
  for (const i of spec.inputs) {
    const value = shared?.get('metric') === spec.metric && shared.has(i.name) ? shared.get(i.name) : i.example;
    const input = el('input', { name: i.name, inputmode: 'decimal', autocomplete: 'off' });
    input.value = value ?? '';
    form.append(el('label', i.kind === 'numbers' ? { class: 'list' } : {}, el('span', { text: i.label }), input));
  }
  const out = el('div', { class: 'output', 'aria-live': 'polite' });
  form.append(out);
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('input', () => { run(spec, form, out); toFragment(spec, form); });
  run(spec, form, out);
  groups.get(spec.group).append(form);
  if (shared?.get('metric') === spec.metric) focus = form;
}
if (focus) {
  focus.scrollIntoView();
  focus.querySelector('input')?.focus();
}
main.dataset.state = 'ready';
