// @ts-check
// DOM helpers. Every string from a file is set with textContent or an attribute, never as HTML.

const SVG = 'http://www.w3.org/2000/svg';

/** The element with this id (the page's markup has every id the renderers use). @param {string} id */
export function $(id) {
  const e = document.getElementById(id);
  if (!e) throw new Error(`page: no element #${id}`);
  return e;
}
/** @param {string} id */
export const input = (id) => /** @type {HTMLInputElement} */ ($(id));
/** @param {string} id */
export const select = (id) => /** @type {HTMLSelectElement} */ ($(id));
/** @param {string} id */
export const table = (id) => /** @type {HTMLTableElement} */ ($(id));

/** @typedef {string | number | Node | null | undefined | false} Child */

/**
 * An element: `text` sets textContent, `class` the class name, anything else an attribute.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag @param {Record<string, string | number | boolean>} props @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  const { text, class: cls, ...attrs } = props;
  if (cls !== undefined) e.className = String(cls);
  if (text !== undefined) e.textContent = String(text);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(typeof c === 'number' ? String(c) : c);
  return e;
}

/** An SVG element with attributes and optional text. @param {string} tag @param {Record<string, string | number>} attrs @param {string} [text] */
export function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Fills the table with this id: a header row and one row per array of cells.
 * @param {string} id @param {string[]} header @param {(string | number | null | undefined)[][]} rows
 */
export function fillTable(id, header, rows) {
  const t = $(id);
  t.replaceChildren(el('tr', {}, ...header.map((h) => el('th', { text: h }))));
  for (const row of rows) t.append(el('tr', {}, ...row.map((v) => el('td', { text: String(v ?? '') }))));
  csvButton(t, rows.length > 0);
}

/**
 * A "Download CSV" button after a table (one per table, hidden while it is empty): the table as
 * shown, header first, every cell neutralised as `csvCell` does.
 * @param {HTMLElement} t @param {boolean} shown
 */
function csvButton(t, shown) {
  const id = `${t.id}-csv`;
  let b = document.getElementById(id);
  if (!b) {
    b = el('button', { id, type: 'button', class: 'csv', text: 'Download CSV', 'data-testid': id });
    b.addEventListener('click', () => {
      const lines = [...t.querySelectorAll('tr')].map((tr) => [...tr.cells].map((c) => csvCell(c.textContent)).join(','));
      save(`${lines.join('\n')}\n`, `${t.id}.csv`, 'text/csv');
    });
    (t.parentElement?.classList.contains('scroll') ? t.parentElement : t).after(b);
  }
  b.hidden = !shown;
}

/**
 * A headline card (`testid` names it for tests): title, value, detail lines, and a flag when
 * the sample is small.
 * @param {string} testid @param {string} title @param {string} value @param {(string | false | null | undefined)[]} lines
 * @param {boolean} [small] @param {string} [unit] shown after the value ("%")
 */
export function card(testid, title, value, lines, small = false, unit = '') {
  return el('div', { class: 'card', 'data-testid': testid },
    el('h3', { text: title }),
    el('div', { class: 'value' }, el('span', { 'data-testid': `${testid}-value`, text: value }), unit),
    ...lines.filter((l) => l).map((l) => el('div', { class: 'detail', text: String(l) })),
    small ? el('div', { class: 'flag', text: 'small sample (n < 30): read with care' }) : null);
}

/** Saves text as a download (nothing leaves the browser: a blob URL). @param {string} text @param {string} name @param {string} type */
export function save(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  el('a', { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A CSV cell: quoted, and a leading = + - − @ (or tab, CR) neutralised so a spreadsheet does not run it. @param {unknown} v */
export function csvCell(v) {
  let s = String(v ?? '');
  // A plain number (−7.98, +1.5) is data a spreadsheet may compute with; anything else that
  // starts like a formula is made text.
  if (/^[=+\-\u2212@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** Downloads rows as CSV, a column per field (in the order the report has them). @param {Record<string, unknown>[]} rows @param {string} name */
export function saveCsv(rows, name) {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = [columns.map(csvCell).join(',')];
  for (const r of rows) lines.push(columns.map((k) => csvCell(r[k])).join(','));
  save(`${lines.join('\n')}\n`, name, 'text/csv');
}

/** The roots `keyboardScroll` looks after, again on resize and when a details section opens. @type {Set<HTMLElement>} */
const scrollRoots = new Set();
let scrollFrame = 0;
const rescan = () => {
  cancelAnimationFrame(scrollFrame);
  scrollFrame = requestAnimationFrame(() => { for (const r of scrollRoots) keyboardScroll(r); });
};

/**
 * Makes each box in `root` that scrolls sideways (a wide table, in its `.scroll` box or itself
 * the scroller) reachable with the keyboard: tabindex 0 while it overflows, none once it fits.
 * Checked again when the window is resized and when a details section opens or closes.
 * @param {HTMLElement} root
 */
export function keyboardScroll(root) {
  if (!scrollRoots.size) {
    window.addEventListener('resize', rescan);
    document.addEventListener('toggle', rescan, true);
  }
  scrollRoots.add(root);
  for (const e of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll('.scroll, table, pre'))) {
    const x = getComputedStyle(e).overflowX;
    const scrolls = (x === 'auto' || x === 'scroll') && e.scrollWidth > e.clientWidth + 1;
    if (scrolls && !e.hasAttribute('tabindex')) {
      e.tabIndex = 0;
      e.dataset.keyboardScroll = 'true';
    } else if (!scrolls && e.dataset.keyboardScroll) {
      e.removeAttribute('tabindex');
      delete e.dataset.keyboardScroll;
    }
  }
}
