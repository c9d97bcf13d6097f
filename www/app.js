// Page controller: hands the chosen file to a module Web Worker (the wasm engine runs there) and
// renders the report. Every string from the file is set with textContent, never as HTML.
const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}
function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text != null) e.textContent = text;
  return e;
}
const fmt = (v, d = 1) => (v === null || v === undefined ? 'n/a' : Number(v).toFixed(d));
const ivText = (i, d = 1) => (i ? `${fmt(i.low, d)} – ${fmt(i.high, d)} (${Math.round(i.level * 100)}%)` : 'no interval');

let worker;
let lastReport = null;
let lastFile = null;
let mapping = null; // explicit roles chosen on the page: { columns, segments }
const ROLES = ['ignored', 'nps', 'csat', 'ces', 'timestamp', 'userId', 'eventName', 'sessionId', 'page', 'amount', 'orderId',
  'product', 'quantity', 'ticketId', 'status', 'agent', 'priority', 'resolvedAt', 'firstResponseAt', 'campaign', 'sent',
  'delivered', 'opens', 'clicks', 'conversions', 'unsubscribes', 'bounces', 'impressions', 'spend', 'handleTime', 'contacts',
  'firstContactResolved', 'reopens', 'uniqueOpens', 'uniqueClicks', 'rating', 'likes', 'comments', 'shares', 'saves', 'followers', 'reach',
  'brand', 'mentions', 'searches', 'device', 'location', 'channel', 'segment', 'text', 'id'];
function startWorker() {
  worker = new Worker(new URL('./pkg/analyze-worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = ({ data }) => {
    if (data.type === 'progress') showProgress(data);
    else if (data.type === 'report') done(data.report, data.ms);
    else if (data.type === 'error') fail(`${data.message} [${data.code}]`);
  };
  worker.onerror = (e) => fail(`The analysis worker failed: ${e.message ?? e}`);
}

function options() {
  // Predictive CLV is fitted for every transactions file (other kinds ignore the option).
  const o = { kind: $('kind').value, timezone: $('timezone').value.trim() || 'UTC', granularity: $('granularity').value, clv: {} };
  if (mapping) Object.assign(o, mapping);
  return o;
}

function analyzeFile(file, keepMapping = false) {
  if (!keepMapping) mapping = null;
  lastFile = file;
  $('error').hidden = true;
  $('results').hidden = true;
  $('progress-wrap').hidden = false;
  $('progress').value = 0;
  $('progress-text').textContent = `Reading ${file.name ?? 'file'}…`;
  document.body.dataset.state = 'running';
  worker.postMessage({ type: 'analyze', file, options: options() });
}

function showProgress({ bytes, rows, total }) {
  $('progress').value = total ? bytes / total : 0;
  $('progress-text').textContent = `${rows.toLocaleString('en')} rows · ${(bytes / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB`;
}

function fail(message) {
  $('progress-wrap').hidden = true;
  $('error').hidden = false;
  $('error').textContent = message;
  document.body.dataset.state = 'error';
}

function card(title, testid, value, unit, lines, small) {
  return el('div', { class: 'card', 'data-testid': testid },
    el('h3', { text: title }),
    el('div', { class: 'value' }, el('span', { 'data-testid': `${testid}-value`, text: value }), unit),
    ...lines.map((l) => el('div', { class: 'detail', text: l })),
    small ? el('div', { class: 'flag', text: 'small sample (n < 30)' }) : null);
}

function renderCards(m) {
  const c = $('cards');
  c.replaceChildren();
  if (m.nps) c.append(card('NPS', 'nps', fmt(m.nps.score), '', [
    `±${fmt(m.nps.marginOfError)} points · ${ivText(m.nps.interval)}`,
    `${m.nps.promoters} promoters · ${m.nps.passives} passives · ${m.nps.detractors} detractors (n = ${m.nps.responses})`,
    m.nps.definition.formula.split(';')[0]], m.nps.smallSample));
  if (m.csat) c.append(card('CSAT', 'csat', fmt(m.csat.score), m.csat.definition.unit === 'percent' ? '%' : '', [
    `${ivText(m.csat.interval)} · n = ${m.csat.responses}`,
    `mean ${fmt(m.csat.mean, 2)} · net ${fmt(m.csat.variants.net.value)} · % 3–5 − % 1–2: ${fmt(m.csat.variants.netWithNeutral.value)}`,
    m.csat.definition.formula], m.csat.smallSample));
  if (m.ces) c.append(card('CES', 'ces', fmt(m.ces.score, 2), '', [
    `${ivText(m.ces.interval, 2)} · n = ${m.ces.responses}`,
    `${fmt(m.ces.easyPercent)}% easy (${m.ces.variants.easyPercent.definition.formula.replace(/ \(.*/, '')})`,
    `scale ${m.ces.definition.params.scaleMin}–${m.ces.definition.params.scaleMax}, ${m.ces.direction}`], m.ces.smallSample));
  if (m.comments) c.append(card('Comment sentiment', 'comments', sentimentText(m.comments), '', [
    `${m.comments.positive} positive · ${m.comments.neutral} neutral · ${m.comments.negative} negative of ${m.comments.texts} comments`,
    '(positive − negative) / comments; VADER, compound ≥ 0.05 positive, ≤ −0.05 negative']));
}

// Line chart of NPS (−100..100) and CSAT % (0..100) per period, CES mapped to its scale.
function renderTrend(periods) {
  const W = 760, H = 240, L = 40, R = 10, T = 10, B = 30;
  const s = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': 'Trend per period', 'data-testid': 'trend' });
  const y = (v) => T + (H - T - B) * (1 - (v + 100) / 200);
  for (const v of [-100, -50, 0, 50, 100]) {
    s.append(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: '#dde2ea' }));
    s.append(svg('text', { x: 4, y: y(v) + 4 }, String(v)));
  }
  const n = periods.length;
  const x = (i) => L + (n <= 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (n - 1));
  const series = [['nps', '#2357c6', (m) => m.nps?.score], ['csat', '#1f7a3f', (m) => m.csat?.score]];
  for (const [name, color, get] of series) {
    const pts = periods.map((p, i) => [x(i), get(p.metrics)]).filter(([, v]) => v !== null && v !== undefined);
    if (!pts.length) continue;
    s.append(svg('polyline', { points: pts.map(([a, v]) => `${a},${y(v)}`).join(' '), fill: 'none', stroke: color, 'stroke-width': 2 }));
    for (const [a, v] of pts) s.append(svg('circle', { cx: a, cy: y(v), r: 3, fill: color }, null));
  }
  const step = Math.max(1, Math.ceil(n / 12));
  periods.forEach((p, i) => { if (i % step === 0) s.append(svg('text', { x: Math.min(x(i) - 18, W - R - 60), y: H - 10 }, p.period)); });
  const legend = el('div', { class: 'legend' },
    el('span', {}, el('i', { class: 'swatch nps' }), 'NPS (points)'),
    el('span', {}, el('i', { class: 'swatch csat' }), 'CSAT (% satisfied)'));
  $('trend').replaceChildren(s, legend, periodTable(periods));
}

// A survey metric's value with its interval, "*" when it rests on fewer than 30 answers.
const scoreWithIv = (m, d = 1) => (m ? `${fmt(m.score, d)}${m.interval ? ` (${fmt(m.interval.low, d)}–${fmt(m.interval.high, d)})` : ''}${m.smallSample ? ' *' : ''}` : 'n/a');
const SMALL_NOTE = 'Intervals at the report\'s confidence; * fewer than 30 answers (small sample).';

// One row per group of survey metrics: NPS, CSAT and CES with their intervals.
function metricsTable(testid, first, rows) {
  const t = el('table', { 'data-testid': testid });
  t.append(el('tr', {}, ...[first, 'rows', 'NPS (interval)', 'CSAT % (interval)', 'CES (interval)'].map((h) => el('th', { text: h }))));
  for (const [name, m] of rows) {
    t.append(el('tr', {}, ...[name, m.rows, scoreWithIv(m.nps), scoreWithIv(m.csat), scoreWithIv(m.ces, 2)].map((v) => el('td', { text: String(v) }))));
  }
  return t;
}

function periodTable(periods) {
  const t = metricsTable('period-table', 'period', periods.map((p) => [p.period, p.metrics]));
  return el('details', {}, el('summary', { text: 'Table' }), t, el('p', { class: 'detail', text: SMALL_NOTE }));
}

function renderDistribution(title, dist, color) {
  const W = 300, H = 150, B = 20;
  const max = Math.max(1, ...dist.map((d) => d.count));
  const bw = W / dist.length;
  const s = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': `${title} distribution` });
  dist.forEach((d, i) => {
    const h = ((H - B - 14) * d.count) / max;
    s.append(svg('rect', { x: i * bw + 2, y: H - B - h, width: bw - 4, height: h, fill: color }));
    s.append(svg('text', { x: i * bw + bw / 2 - 4, y: H - 5 }, String(d.score)));
    s.append(svg('text', { x: i * bw + 2, y: H - B - h - 3 }, String(d.count)));
  });
  return el('div', { class: 'card' }, el('h3', { text: title }), s);
}

function renderSegments(r) {
  const box = $('segments');
  box.replaceChildren();
  for (const seg of r.segments) {
    box.append(el('h2', { text: `By ${seg.column}` }));
    box.append(metricsTable(`segment-${seg.column}`, 'value', seg.groups.map((g) => [g.value, g.metrics])), el('p', { class: 'detail', text: SMALL_NOTE }));
  }
  const ch = r.channelCsat;
  $('channel').replaceChildren();
  if (ch) {
    $('channel').append(el('h2', { text: 'CSAT across channels' }),
      el('p', { 'data-testid': 'channel-csat', text: `Weighted by each channel's share of interactions: ${fmt(ch.value)}% (${ivText(ch.interval)}) · pooled over all answers: ${fmt(ch.pooled)}%` }),
      el('p', { class: 'detail', text: ch.definition.formula }));
  }
}

function renderProblems(r) {
  const box = $('problems');
  box.replaceChildren();
  const a = (r.overall?.answers ?? []).map((x) => `${x.metric.toUpperCase()} (${x.column}): ${x.answered} answered, ${x.blank} blank, ${x.rejected} rejected`);
  box.append(el('ul', {}, ...a.map((t) => el('li', { text: t }))));
  if (r.rejected.length) {
    const t = el('table', { 'data-testid': 'rejected' });
    t.append(el('tr', {}, ...['reason', 'column', 'count', 'what happened', 'examples (row: value — why)'].map((h) => el('th', { text: h }))));
    for (const x of r.rejected) {
      const ex = x.examples.map((e) => `${e.row}: ${JSON.stringify(e.value)} — ${e.reason}`).join('\n');
      t.append(el('tr', {}, ...[x.code, x.column, x.count, x.fate, ex].map((v) => el('td', { text: String(v) }))));
    }
    box.append(t);
  } else box.append(el('p', { text: 'No rejected values.' }));
  for (const w of r.warnings) box.append(el('p', { class: 'flag', text: `${w.code}: ${w.message}` }));
}

function renderTable(id, header, rows) {
  const t = $(id);
  t.replaceChildren(el('tr', {}, ...header.map((h) => el('th', { text: h }))));
  for (const row of rows) t.append(el('tr', {}, ...row.map((v) => el('td', { text: String(v ?? '') }))));
}

function renderColumns(r) {
  const t = $('columns');
  t.replaceChildren(el('tr', {}, ...['column', 'used as', 'kept as', 'how', 'why'].map((h) => el('th', { text: h }))));
  for (const c of r.columns) {
    const sel = el('select', { 'data-header': c.header, 'aria-label': `role of ${c.header}` });
    for (const role of ROLES) {
      const o = el('option', { value: role, text: role });
      if (role === c.role) o.selected = true;
      sel.append(o);
    }
    t.append(el('tr', {}, el('td', { text: c.header }), el('td', {}, sel), el('td', { text: c.valueType }),
      el('td', { text: c.source === 'mapped' ? 'mapped' : `detected (${c.confidence})` }), el('td', { text: c.reason })));
  }
}

function renderDataset(r) {
  const d = r.dataset;
  $('dataset-summary').textContent = `${d.rowsKept.toLocaleString('en')} rows kept, ${d.rowsSkipped.toLocaleString('en')} skipped · ` +
    `${d.bytesPerRow} bytes per row in typed columns · ${(d.memoryBytes / 1e6).toFixed(1)} MB held. ` +
    `The ${r.kind} metrics are computed from these columns.`;
  renderTable('dataset-columns', ['column', 'role', 'type', 'distinct', 'from', 'to', 'missing'],
    d.columns.map((c) => [c.header, c.role, c.valueType, c.distinct ?? '', c.min ?? '', c.max ?? '', c.missing]));
}

// A cohort × period-offset table shaded by share (shares above 100% shade fully).
// rows: [label, size, rates, intervals?]; a cell's interval and n are in its tooltip.
function heatmap(id, sizeLabel, rows, rgb = '35, 87, 198') {
  const width = Math.max(0, ...rows.map((r) => r[2].length));
  const t = $(id);
  t.replaceChildren(el('tr', {}, ...['cohort', sizeLabel, ...Array.from({ length: width }, (_, k) => String(k))].map((h) => el('th', { text: h }))));
  for (const [label, size, rates, intervals] of rows) {
    const cells = rates.map((v, k) => {
      const a = Math.min(1, Math.max(0, v ?? 0));
      const iv = intervals?.[k];
      const td = el('td', { class: 'heat', text: pctText(v, 1), title: iv ? `${Math.round(100 * iv.level)}% interval ${pctText(iv.low)}–${pctText(iv.high)} · n = ${size}${size < 30 ? ' · small sample' : ''}` : '' });
      td.style.background = `rgba(${rgb}, ${a.toFixed(3)})`;
      if (a > 0.5) td.style.color = '#fff';
      return td;
    });
    t.append(el('tr', {}, el('td', { text: label }), el('td', { text: String(size) }), ...cells));
  }
}

const pctText = (v, d = 1) => (v === null || v === undefined ? 'n/a' : `${(100 * v).toFixed(d)}%`);

function lineChart(series, labels, testid, aria) {
  const W = 760, H = 220, L = 50, R = 10, T = 10, B = 30;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const s = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': aria, 'data-testid': testid });
  const n = labels.length;
  const x = (i) => L + (n <= 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (n - 1));
  const y = (v) => T + (H - T - B) * (1 - v / max);
  for (const f of [0, 0.5, 1]) {
    s.append(svg('line', { x1: L, x2: W - R, y1: y(max * f), y2: y(max * f), stroke: '#dde2ea' }));
    s.append(svg('text', { x: 4, y: y(max * f) + 4 }, String(Math.round(max * f))));
  }
  for (const { values, color } of series) {
    s.append(svg('polyline', { points: values.map((v, i) => `${x(i)},${y(v)}`).join(' '), fill: 'none', stroke: color, 'stroke-width': 1.5 }));
  }
  const step = Math.max(1, Math.ceil(n / 8));
  labels.forEach((l, i) => { if (i % step === 0) s.append(svg('text', { x: Math.min(x(i) - 18, W - R - 60), y: H - 10 }, l)); });
  const legend = el('div', { class: 'legend' }, ...series.map((x) => {
    const sw = el('i', { class: 'swatch' });
    sw.style.background = x.color;
    return el('span', {}, sw, x.name);
  }));
  return [s, legend];
}

function renderEvents(r) {
  const e = r.events, s = e.sessions, a = e.activity;
  const c = $('event-cards');
  const cards = [
    card('Users', 'users', String(e.summary.users), '', [`${e.summary.events.toLocaleString('en')} events over ${e.summary.days} days`, `${e.summary.duplicatesRemoved} exact duplicates counted once`]),
    card('Sessions', 'sessions', String(s.count), '', [`mean ${fmt(s.meanDurationSeconds, 0)} s (multi-event ${fmt(s.meanDurationMultiEventSeconds, 0)} s), median ${fmt(s.medianDurationSeconds, 0)} s`,
      ivDetail(s.medianDurationInterval, (v) => `${fmt(v, 0)} s`, 'interval of the median'), `${fmt(s.eventsPerSession, 2)} events · ${fmt(s.pageViewsPerSession, 2)} page views per session · ${fmt(s.sessionsPerUser, 2)} per user`, s.definition.formula]),
    card('Bounce rate', 'bounce', fmt(s.bounce.headline.value), '%', [`rule: ${s.bounce.rule}`, ivDetail(s.bounce.headline.interval, (v) => `${fmt(v)}%`), `single event ${fmt(s.bounce.singleEvent.value)}% · not engaged (GA4) ${fmt(s.bounce.notEngaged.value)}% · single page view (PostHog) ${fmt(s.bounce.singlePageView.value)}%`]),
    card('Stickiness', 'stickiness', pctText(a.meanStickiness), '', [`mean DAU ${fmt(a.meanDau)} · DAU / MAU (${e.settings.mauDays} days) averaged over days`]),
    e.conversion ? card('Conversion', 'conversion', fmt(e.conversion.users.value), '%', [`users with ${e.conversion.event} · ${fmt(e.conversion.sessions.value)}% of sessions`, ivDetail(e.conversion.users.interval, (v) => `${fmt(v)}%`)], e.conversion.users.smallSample) : null,
    e.activation ? card('Activation', 'activation', fmt(e.activation.rate.value), '%', [`${e.activation.activatedUsers} of ${e.activation.signupUsers} sign-ups within ${e.settings.activationDays} days`, ivDetail(e.activation.rate.interval, (v) => `${fmt(v)}%`)], e.activation.rate.smallSample) : null,
    card('Week-1 engagement', 'week1', fmt(e.week1Engagement.value), '%', [e.week1Engagement.definition.formula, ivDetail(e.week1Engagement.interval, (v) => `${fmt(v)}%`)], e.week1Engagement.smallSample),
  ];
  c.replaceChildren(...cards.filter(Boolean));
  const days = a.daily;
  $('activity').replaceChildren(...lineChart([
    { name: 'DAU', color: '#2357c6', values: days.map((d) => d.dau) },
    { name: `WAU (${e.settings.wauDays} d)`, color: '#1f7a3f', values: days.map((d) => d.wau) },
    { name: `MAU (${e.settings.mauDays} d)`, color: '#b26a00', values: days.map((d) => d.mau) },
  ], days.map((d) => d.date), 'activity-chart', 'Daily, weekly and monthly active users'));

  // Funnel: horizontal bars, numbers as text.
  const f = e.funnel;
  $('funnel-steps').value = (f ? f.steps.map((x) => x.event) : e.settings.funnel ?? []).join(', ');
  $('funnel-window').value = e.settings.funnelWindowDays;
  $('funnel-events').textContent = `Events in this file: ${e.features.map((x) => x.event).join(', ')}`;
  const fb = $('funnel');
  fb.replaceChildren();
  if (f) {
    const t = el('table', { 'data-testid': 'funnel' });
    t.append(el('tr', {}, ...['step', 'users', 'of first', 'of previous', 'drop-off', 'median time from previous', ''].map((h) => el('th', { text: h }))));
    for (const st of f.steps) {
      const bar = el('div', { class: 'bar' });
      bar.style.width = `${Math.round(300 * (st.conversionFromFirst ?? 0))}px`;
      t.append(el('tr', {}, ...[st.event, st.users, pctText(st.conversionFromFirst), pctText(st.conversionFromPrevious), st.dropOff,
        st.medianSecondsFromPrevious === null ? '' : `${fmt(st.medianSecondsFromPrevious, 0)} s`].map((v) => el('td', { text: String(v) })), el('td', {}, bar)));
    }
    fb.append(t, el('p', { class: 'detail', text: `${f.definition.formula} (window ${e.settings.funnelWindowDays} days)` }));
    if (e.cartAbandonment) fb.append(el('p', { text: `Cart abandonment: ${fmt(e.cartAbandonment.value)}%` }));
  } else fb.append(el('p', { text: 'No funnel: name its steps above.' }));

  // Cohort heatmap: the share of each cohort active k periods later.
  const ret = e.retention;
  $('retention-definition').textContent = `${ret.definition.formula}. Showing "${ret.headline}"; cohorts by ${ret.granularity}.`;
  heatmap('cohorts', 'users', ret.cohorts.map((co) => [co.cohort, co.size, ret.headline === 'exact' ? co.exactRate : co.onOrAfterRate, ret.headline === 'exact' ? co.exactInterval : co.onOrAfterInterval]));

  // Lifecycle: stacked bars per period, dormant below the axis.
  const lc = e.lifecycle;
  const W = 760, H = 220, mid = 130;
  const max = Math.max(1, ...lc.map((l) => l.new + l.returning + l.resurrecting), ...lc.map((l) => l.dormant));
  const sv = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': 'Lifecycle per period', 'data-testid': 'lifecycle' });
  const bw = (W - 20) / Math.max(1, lc.length);
  const scale = (v) => (100 * v) / max;
  lc.forEach((l, i) => {
    let top = mid;
    for (const [v, color] of [[l.new, '#2357c6'], [l.returning, '#1f7a3f'], [l.resurrecting, '#7a4fc6']]) {
      top -= scale(v);
      sv.append(svg('rect', { x: 10 + i * bw, y: top, width: bw - 3, height: scale(v), fill: color }));
    }
    sv.append(svg('rect', { x: 10 + i * bw, y: mid, width: bw - 3, height: scale(l.dormant) * 0.8, fill: '#b23a3a' }));
    sv.append(svg('text', { x: 10 + i * bw, y: H - 4 }, `${l.period}: +${l.new} ↺${l.returning} ↑${l.resurrecting} −${l.dormant}`));
  });
  $('lifecycle').replaceChildren(sv, el('div', { class: 'legend', text: 'new (blue) · returning (green) · resurrecting (purple) · dormant (red, below)' }));
  renderChanges('event-changes', e.changes);
  renderTable('features', ['event', 'users', '% of users', 'events', 'events per user'],
    e.features.map((x) => [x.event, x.users, fmt(x.shareOfUsers), x.events, fmt(x.eventsPerUser, 2)]));
  const segBox = $('event-segments');
  segBox.replaceChildren();
  for (const sg of e.segments) {
    const t = el('table', { 'data-testid': `event-segment-${sg.column}` });
    t.append(el('tr', {}, ...['value', 'users', 'events', 'sessions', 'mean session (s)', 'bounce %', 'conversion %'].map((h) => el('th', { text: h }))));
    const withIv = (v, i) => `${fmt(v)}${i ? ` (${fmt(i.low)}–${fmt(i.high)})` : ''}`;
    for (const v of sg.values) {
      t.append(el('tr', {}, ...[v.value, v.users, v.events, v.sessions, fmt(v.meanSessionSeconds, 0), withIv(v.bounceRate, v.bounceInterval), withIv(v.conversionRate, v.conversionInterval)].map((x) => el('td', { text: String(x) }))));
    }
    const cmp = el('table', { id: `event-segment-changes-${segBox.children.length}`, 'data-testid': 'event-segment-changes' });
    segBox.append(el('h2', { text: `By ${sg.column}` }), t, el('p', { class: 'detail', text: sg.definition.formula }), el('div', { class: 'scroll' }, cmp));
    renderChanges(cmp.id, sg.comparisons);
  }
}

function renderSurvey(r) {
  renderCards(r.overall);
  $('trend-period').textContent = r.options.granularity;
  renderTrend(r.periods);
  const d = $('distributions');
  d.replaceChildren();
  if (r.overall.nps) d.append(renderDistribution('NPS answers (0–10)', r.overall.nps.distribution, '#2357c6'));
  if (r.overall.csat) d.append(renderDistribution('CSAT answers', r.overall.csat.distribution, '#1f7a3f'));
  if (r.overall.ces) d.append(renderDistribution('CES answers', r.overall.ces.distribution, '#b26a00'));
  renderSegments(r);
  renderComparisons(r.comparisons, r.signals);
}

// Differences with their interval and p-value; "yes" only when significant at the report's level.
function renderComparisons(c, sig) {
  const unit = (m) => (m === 'ces' ? '' : m === 'csat' ? ' pts' : ' pts');
  const row = (m) => {
    const k = m.comparison;
    if (!k) return [m.metric.toUpperCase(), m.baseline, m.group, 'n/a', '', '', ''];
    const iv = k.differenceInterval ? `${fmt(k.differenceInterval.low, 2)} to ${fmt(k.differenceInterval.high, 2)}` : '';
    return [m.metric.toUpperCase(), m.baseline, m.group, `${k.difference >= 0 ? '+' : ''}${fmt(k.difference, 2)}${unit(m.metric)}`, iv,
      fmt(m.adjustedPValue, 4), m.significant ? 'yes' : 'no'];
  };
  const pct = Math.round(100 * c.confidence);
  $('comparisons-definition').textContent = `${c.definition.formula}. Confidence ${pct}%.`;
  const head = ['metric', 'from', 'to', 'change', `${pct}% interval`, 'p', 'significant'];
  renderTable('period-changes', head, c.periodOverPeriod.map(row));
  renderTable('segment-changes', ['metric', 'baseline', 'segment', 'difference', `${pct}% interval`, 'p (Holm)', 'significant'],
    c.segments.flatMap((s) => s.comparisons.map(row)));
  const flags = $('trend-flags');
  flags.replaceChildren(...sig.trendFlags.map((f) => el('li', {
    text: `${f.period}: ${f.metric.toUpperCase()} ${fmt(f.value, 1)} is ${f.direction === 'up' ? 'above' : 'below'} the band of the periods before it (median ${fmt(f.median, 1)}, robust z ${fmt(f.robustZ, 1)})`,
  })));
  if (!sig.trendFlags.length) flags.append(el('li', { text: 'No period lies outside the band of the periods before it.' }));
  renderTable('benchmarks', ['metric', 'target', 'value', 'gap'], sig.benchmarks.map((b) => [b.metric.toUpperCase(), b.target, fmt(b.value, 1), b.gap === null ? 'n/a' : `${b.gap >= 0 ? '+' : ''}${fmt(b.gap, 1)}`]));
}
$('benchmark-form').addEventListener('submit', (e) => {
  e.preventDefault();
  if (!lastFile) return;
  const benchmarks = {};
  for (const k of ['nps', 'csat', 'ces']) {
    const v = $(`bench-${k}`).value;
    if (v !== '') benchmarks[k] = Number(v);
  }
  mapping = { ...(mapping ?? {}), benchmarks };
  analyzeFile(lastFile, true);
});

// The targets each kind takes (units as in the report's benchmarks: percent for rates).
const KIND_TARGETS = {
  transactions: [['churnRate', 'Churn (%)'], ['retentionRate', 'Retention (%)'], ['repeatPurchaseRate', 'Repeat purchase (%)'], ['averageOrderValue', 'Average order'], ['arpu', 'ARPU']],
  tickets: [['firstContactResolution', 'FCR (%)'], ['reopenRate', 'Reopen rate (%)'], ['csat', 'CSAT (%)']],
  campaigns: [['deliveryRate', 'Delivery (%)'], ['openRate', 'Open rate (%)'], ['clickThroughRate', 'CTR (%)'], ['clickToOpenRate', 'Click-to-open (%)'], ['conversionRate', 'Conversion (%)'], ['unsubscribeRate', 'Unsubscribe (%)'], ['bounceRate', 'Bounce (%)']],
  events: [['bounceRate', 'Bounce rate (%)'], ['conversionRate', 'Conversion (%)'], ['activationRate', 'Activation (%)'], ['churnRate', 'Churn (%)']],
  social: [['engagementRate', 'Engagement rate (%)'], ['engagementRateByImpressions', 'ER by impressions (%)'], ['engagementRateByReach', 'ER by reach (%)']],
  reviews: [['averageRating', 'Average rating'], ['goodRatingShare', 'Good ratings (%)'], ['sentimentScore', 'Sentiment score']],
  mentions: [['sentimentScore', 'Sentiment score'], ['shareOfVoice', 'Our share of voice (%)']],
};

function renderSignals(kind, s) {
  const flags = $('kind-trend-flags');
  flags.replaceChildren(...s.trendFlags.map((f) => el('li', {
    text: `${f.period}: ${f.metric} ${fmt(f.value, 2)} is ${f.direction === 'up' ? 'above' : 'below'} the band of the periods before it (median ${fmt(f.median, 2)}, robust z ${fmt(f.robustZ, 1)})`,
  })));
  if (!s.trendFlags.length) flags.append(el('li', { text: 'No period lies outside the band of the periods before it.' }));
  const form = $('kind-benchmark-form');
  const entered = mapping?.benchmarks ?? {};
  form.replaceChildren(...(KIND_TARGETS[kind] ?? []).map(([k, label]) => el('label', {}, `${label} `,
    el('input', { name: k, type: 'number', step: 'any', value: entered[k] ?? '' }))), el('button', { type: 'submit', text: 'Compare with targets' }));
  renderTable('kind-benchmarks', ['figure', 'target', 'value', 'gap'], s.benchmarks.map((b) => [b.metric, String(b.target), fmt(b.value, 2), b.gap === null ? 'n/a' : `${b.gap >= 0 ? '+' : ''}${fmt(b.gap, 2)}`]));
}
$('kind-benchmark-form').addEventListener('submit', (e) => {
  e.preventDefault();
  if (!lastFile) return;
  const benchmarks = {};
  for (const i of e.target.querySelectorAll('input')) if (i.value !== '') benchmarks[i.name] = Number(i.value);
  mapping = { ...(mapping ?? {}), benchmarks };
  analyzeFile(lastFile, true);
});

function done(r, ms) {
  lastReport = r;
  $('progress').value = 1;
  $('progress-text').textContent = `${r.input.rows.toLocaleString('en')} rows in ${(ms / 1000).toFixed(2)} s`;
  const layout = r.input.format === 'csv' ? `delimiter "${r.input.delimiter}"` : r.input.format;
  $('summary').textContent = `${r.kind} file (${r.kindChoice.source === 'option' ? 'as chosen' : `detected: ${r.kindChoice.reason}`}) · ` +
    `${r.input.rows} rows · ${r.input.encoding}, ${layout} · periods in ${r.options.timezone}` +
    (r.firstResponse ? ` · ${r.firstResponse.slice(0, 10)} to ${r.lastResponse.slice(0, 10)}` : '');
  const survey = r.kind === 'survey';
  $('survey-results').hidden = !survey;
  $('events-results').hidden = r.kind !== 'events';
  $('dataset-results').hidden = survey;
  if (survey) renderSurvey(r);
  else renderDataset(r);
  if (r.kind === 'events') renderEvents(r);
  $('transactions-results').hidden = r.kind !== 'transactions';
  if (r.kind === 'transactions') {
    $('revenue-definition').textContent = r.revenue.definition.formula;
    renderTable('revenue', ['period', 'customers at start', 'lost', 'new', 'reactivated', 'at end', 'retention', 'churn', 'revenue', 'orders', 'ARPU', 'ARPU interval', 'avg order', 'avg order interval', 'repeat rate', 'NRR', 'GRR', 'retention interval'],
      r.revenue.periods.map((p) => [p.period, p.startCustomers, p.lostCustomers, p.newCustomers, p.reactivatedCustomers, p.endCustomers,
        pctText(p.retentionRate), pctText(p.churnRate), fmt(p.revenue, 2), p.orders, fmt(p.arpu, 2), p.arpuInterval ? `${fmt(p.arpuInterval.low, 2)}–${fmt(p.arpuInterval.high, 2)}` : '',
        fmt(p.averageOrderValue, 2), p.averageOrderValueInterval ? `${fmt(p.averageOrderValueInterval.low, 2)}–${fmt(p.averageOrderValueInterval.high, 2)}` : '',
        pctText(p.repeatPurchaseRate), pctText(p.netRevenueRetention), pctText(p.grossRevenueRetention),
        p.retentionInterval ? `${pctText(p.retentionInterval.low)}–${pctText(p.retentionInterval.high)}${p.startCustomers < 30 ? ' (small sample)' : ''}` : '']));
    renderRetentionChart(r.revenue.periods);
    renderChanges('revenue-changes', r.revenue.changes);
    renderCohortsAndValue(r);
    renderClv(r.clv);
    $('rfm-definition').textContent = `As of ${r.rfm.asOf}. ${r.rfm.definition.formula}`;
    renderTable('rfm', ['segment', 'engagement', 'customers', '% of customers', 'revenue', '% of revenue'],
      r.rfm.segments.map((s) => [s.segment, s.engagement, s.customers, pctText(s.shareOfCustomers), fmt(s.revenue, 2), pctText(s.shareOfRevenue)]));
    if (r.rfm.customers) downloadRfm(r.rfm.customers);
  }
  $('tickets-results').hidden = r.kind !== 'tickets';
  if (r.kind === 'tickets') renderSupport(r.support);
  $('campaigns-results').hidden = r.kind !== 'campaigns';
  if (r.kind === 'campaigns') renderCampaigns(r.campaigns);
  $('social-results').hidden = r.kind !== 'social';
  if (r.kind === 'social') renderSocial(r.social);
  $('voice-results').hidden = r.kind !== 'reviews' && r.kind !== 'mentions';
  if (r.kind === 'reviews' || r.kind === 'mentions') renderVoice(r.kind, r.voice);
  $('scans-results').hidden = r.kind !== 'scans';
  if (r.kind === 'scans') renderScans(r.scans);
  const signals = r.kind === 'survey' || r.kind === 'scans' ? null : r.signals;
  $('signals-results').hidden = !signals;
  if (signals) renderSignals(r.kind, signals);
  renderColumns(r);
  renderProblems(r);
  renderTable('preview', r.input.header, r.input.preview);
  $('results').hidden = false;
  document.body.dataset.state = 'done';
}

// A rate as a percentage, or why it is not available.
const rateText = (r) => (r.value === null ? `n/a (${r.unavailableReason})` : pctText(r.value));
// A share with its interval in a table cell, "*" when its denominator is below 30.
const rateWithIv = (r) => (r.value === null ? rateText(r)
  : `${pctText(r.value)}${r.interval ? ` (${pctText(r.interval.low)}–${pctText(r.interval.high)})` : ''}${r.smallSample ? ' *' : ''}`);
// Its interval and sample size, for a card or a table cell.
const rateDetail = (r) => (r.value === null ? '' : `${r.interval ? `${Math.round(100 * r.interval.level)}% interval ${pctText(r.interval.low)}–${pctText(r.interval.high)} · ` : ''}n = ${fmt(r.denominator, 0)}${r.smallSample ? ' · small sample' : ''}`);
// Seconds as a readable duration.
function duration(s) {
  if (s === null || s === undefined) return 'n/a';
  if (s < 120) return `${s.toFixed(0)} s`;
  if (s < 7200) return `${(s / 60).toFixed(1)} min`;
  if (s < 172800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} d`;
}

// Changes period over period and against the rest: difference, its interval, p (Holm for
// segments), significance. Shares differ in percentage points; engagement rates are already
// percentages; means (rating, sentiment, ARPU, AOV, handle time in seconds) on their own scale.
function renderChanges(id, changes) {
  renderTable(id, ['figure', 'from / baseline', 'to / segment', 'change', 'interval (unadjusted)', 'p (Holm for segments)', 'significant'], changes.map((c) => {
    const k = c.comparison;
    if (!k) return [c.metric, c.baseline, c.group, 'n/a', '', '', ''];
    const mean = c.metric.startsWith('mean') || ['arpu', 'averageOrderValue', 'handleTime'].includes(c.metric);
    const scale = mean || c.metric.startsWith('engagementRate') ? 1 : 100;
    const d = (v) => `${v >= 0 ? '+' : ''}${(scale * v).toFixed(mean ? 3 : 2)}`;
    return [c.metric, c.baseline, c.group, `${d(k.difference)}${mean ? '' : ' pts'}`,
      k.differenceInterval ? `${d(k.differenceInterval.low)} to ${d(k.differenceInterval.high)}` : '', (c.adjustedPValue ?? k.pValue).toFixed(4), c.significant ? 'yes' : 'no'];
  }));
}
// An interval as "95% interval low–high" with a formatter, or nothing.
const ivDetail = (i, f, what = 'interval') => (i ? `${Math.round(100 * i.level)}% ${what} ${f(i.low)}–${f(i.high)} (${i.method})` : '');

function renderSupport(s) {
  const o = s.overall;
  const box = $('support-cards');
  box.replaceChildren(
    card('First contact resolution', 'fcr', rateText(o.firstContactResolution), '', [`${o.firstContactResolution.numerator} of ${o.firstContactResolution.denominator} resolved tickets`, rateDetail(o.firstContactResolution)], o.firstContactResolution.smallSample),
    card('Average handle time', 'aht', duration(o.handleTime.mean), '', [`median ${duration(o.handleTime.median)}, p90 ${duration(o.handleTime.p90)}`,
      ivDetail(o.handleTime.meanInterval, duration, 'interval of the mean'), ivDetail(o.handleTime.medianInterval, duration, 'interval of the median')], o.handleTime.smallSample),
    card('First response', 'first-response', duration(o.firstResponseTime.median), '', [`median; mean ${duration(o.firstResponseTime.mean)}, p90 ${duration(o.firstResponseTime.p90)}`,
      ivDetail(o.firstResponseTime.medianInterval, duration, 'interval of the median'), `n = ${o.firstResponseTime.n}`], o.firstResponseTime.smallSample),
    card('Resolution', 'resolution', duration(o.resolutionTime.median), '', [`median; mean ${duration(o.resolutionTime.mean)}, p90 ${duration(o.resolutionTime.p90)}`,
      ivDetail(o.resolutionTime.medianInterval, duration, 'interval of the median'), `n = ${o.resolutionTime.n}`], o.resolutionTime.smallSample),
    card('Reopen rate', 'reopen', rateText(o.reopenRate), '', [`${o.reopenRate.numerator} of ${o.reopenRate.denominator}`, rateDetail(o.reopenRate)], o.reopenRate.smallSample),
    card('CSAT', 'support-csat', rateText(o.csat), '', [`${o.csat.denominator} answers, mean ${fmt(o.csatMean, 2)}`, rateDetail(o.csat)], o.csat.smallSample),
    card('Tickets per customer', 'per-customer', fmt(s.ticketsPerCustomer.value, 2), '', [`${o.tickets} tickets, ${s.customers ?? 'n/a'} customers`]),
  );
  $('support-definition').textContent = `${s.definition.formula}. Resolved from: ${s.definition.params.resolvedFrom}; handle time read in ${s.definition.params.handleTimeUnit}.`;
  const head = ['', 'tickets', 'resolved', 'FCR', 'reopen', 'handle time', 'first response (median)', 'resolution (median)', 'CSAT'];
  const rows = (groups) => groups.map((g) => [g.name, g.tickets, g.resolved, rateWithIv(g.firstContactResolution), rateWithIv(g.reopenRate),
    duration(g.handleTime.mean), duration(g.firstResponseTime.median), duration(g.resolutionTime.median), rateWithIv(g.csat)]);
  renderTable('support-periods', ['period', ...head.slice(1)], rows(s.periods));
  renderTable('support-channels', ['channel', ...head.slice(1)], rows(s.byChannel));
  renderChanges('support-changes', [...s.changes, ...s.segmentChanges]);
  renderTable('support-agents', ['agent', ...head.slice(1)], rows(s.byAgent));
}

const CAMPAIGN_RATES = [['deliveryRate', 'Delivery rate'], ['openRate', 'Open rate'], ['clickThroughRate', 'Click-through rate'],
  ['clickToOpenRate', 'Click-to-open rate'], ['conversionRate', 'Conversion rate'], ['conversionPerClick', 'Conversions per click'],
  ['unsubscribeRate', 'Unsubscribe rate'], ['bounceRate', 'Bounce rate'], ['revenuePerEmail', 'Revenue per email'],
  ['impressionClickThroughRate', 'Click-through rate (ads)'], ['costPerClick', 'Cost per click'], ['returnOnAdSpend', 'Return on ad spend']];
// Rates are shares except the money ones.
const campaignValue = (key, r) => (r.value === null ? `n/a (${r.unavailableReason})`
  : ['revenuePerEmail', 'costPerClick', 'returnOnAdSpend'].includes(key) ? fmt(r.value, 2) : pctText(r.value, 2));

function renderCampaigns(c) {
  $('campaigns-definition').textContent = `${c.definition.formula}. Delivered from ${c.definition.params.deliveredFrom}; opens from ${c.definition.params.opensFrom}.`;
  renderTable('campaign-rates', ['rate', 'value', 'from', 'interval'], CAMPAIGN_RATES.map(([k, label]) => {
    const r = c.overall.rates[k];
    return [label, campaignValue(k, r), r.value === null ? '' : `${fmt(r.numerator, 0)} / ${fmt(r.denominator, 0)}`,
      r.interval ? `${pctText(r.interval.low, 2)}–${pctText(r.interval.high, 2)}${r.smallSample ? ' (small sample)' : ''}` : ''];
  }));
  const keys = ['deliveryRate', 'openRate', 'clickThroughRate', 'clickToOpenRate', 'conversionRate', 'unsubscribeRate', 'bounceRate', 'revenuePerEmail'];
  const rows = (groups) => groups.map((g) => [g.name, fmt(g.totals.sent, 0), ...keys.map((k) => campaignValue(k, g.rates[k]))]);
  const head = ['sent', 'delivery', 'open', 'CTR', 'click-to-open', 'conversion', 'unsubscribe', 'bounce', 'revenue / email'];
  renderTable('campaign-list', ['campaign', ...head], rows(c.campaigns));
  renderTable('campaign-periods', ['period', ...head], rows(c.periods));
  renderChanges('campaign-changes', [...c.changes, ...c.segmentChanges]);
}

// Engagement rates are already percentages.
const ptsText = (r) => (r.value === null ? `n/a (${r.unavailableReason})` : `${r.value.toFixed(2)}%`);
// With its interval (posts are the units), for tables.
const ptsWithInterval = (r) => `${ptsText(r)}${r.interval ? ` (${r.interval.low.toFixed(2)}–${r.interval.high.toFixed(2)})` : ''}`;
const ptsDetail = (r) => ivDetail(r.interval, (v) => `${v.toFixed(2)}%`);

function renderSocial(s) {
  const o = s.overall, t = o.totals;
  $('social-cards').replaceChildren(
    card('Engagement rate (followers)', 'er-followers', ptsText(o.engagementRate.byFollowers), '', [`${fmt(t.engagements, 0)} engagements on ${t.posts} posts`, ptsDetail(o.engagementRate.byFollowers)], t.posts < 30),
    card('Engagement rate (impressions)', 'er-impressions', ptsText(o.engagementRate.byImpressions), '', [`${fmt(t.impressions, 0)} impressions`, ptsDetail(o.engagementRate.byImpressions)], t.posts < 30),
    card('Engagement rate (reach)', 'er-reach', ptsText(o.engagementRate.byReach), '', [`${fmt(t.reach, 0)} reached`, ptsDetail(o.engagementRate.byReach)], t.posts < 30),
    card('Followers', 'followers', fmt(o.followersEnd, 0), '', ['at the last post, platforms summed']),
    card('Likes · comments · shares', 'interactions', `${fmt(t.likes, 0)} · ${fmt(t.comments, 0)} · ${fmt(t.shares, 0)}`, '', [`saves ${fmt(t.saves, 0)}`]),
  );
  $('social-definition').textContent = `${s.definition.formula}. Saves counted: ${s.definition.params.includeSaves}.`;
  const head = ['posts', 'engagements', 'rate (followers)', 'rate (impressions)', 'rate (reach)', 'followers at end'];
  const rows = (gs) => gs.map((g) => [g.name, g.totals.posts, fmt(g.totals.engagements, 0), ptsWithInterval(g.engagementRate.byFollowers),
    ptsWithInterval(g.engagementRate.byImpressions), ptsWithInterval(g.engagementRate.byReach), fmt(g.followersEnd, 0)]);
  renderTable('social-periods', ['period', ...head, 'follower growth'], rows(s.periods).map((r, i) => [...r, s.periods[i].followerGrowth ? rateText(s.periods[i].followerGrowth) : '']));
  renderTable('social-channels', ['platform', ...head], rows(s.byChannel));
  renderChanges('social-changes', [...s.changes, ...s.segmentChanges]);
  renderTable('social-posts', ['post', 'time', 'platform', 'engagements', 'rate (followers)', 'rate (impressions)'],
    s.topPosts.slice(0, 20).map((p) => [p.post, p.time ?? '', p.channel ?? '', fmt(p.engagements, 0), ptsText(p.engagementRate.byFollowers), ptsText(p.engagementRate.byImpressions)]));
}

const sentimentText = (s) => (s === null ? 'n/a (no text column)' : s.score === null ? 'n/a (no texts)' : fmt(s.score, 3));

function renderVoice(kind, v) {
  $('voice-title').textContent = kind === 'reviews' ? 'Reviews' : 'Brand mentions';
  const o = v.overall, st = o.sentiment, rt = o.ratings;
  const cards = [card('Sentiment score', 'sentiment', sentimentText(st), '',
    st ? [`${st.positive} positive, ${st.neutral} neutral, ${st.negative} negative of ${st.texts} texts`] : [])];
  if (rt) {
    cards.push(card('Average rating', 'rating', fmt(rt.mean, 2), '', [`${rt.ratings} ratings; ${rateText(rt.goodShare)} rated ${v.definition.params.goodRatingMin}+`, rateDetail(rt.goodShare)], rt.goodShare.smallSample));
    cards.push(card('Rating distribution', 'rating-distribution', '', '', rt.distribution.map(([r, n]) => `${r}★ ${n}`)));
  }
  if (v.ourShareOfVoice) cards.push(card('Our share of voice', 'our-share', rateText(v.ourShareOfVoice), '', [String(v.definition.params.brand)]));
  if (kind === 'mentions') cards.push(card('Mentions', 'mentions', fmt(o.mentions, 0), '', []));
  $('voice-cards').replaceChildren(...cards);
  $('voice-definition').textContent = v.definition.formula;
  const rows = (gs) => gs.map((g) => [g.name, fmt(g.mentions, 0), sentimentText(g.sentiment),
    g.sentiment ? `${g.sentiment.positive} / ${g.sentiment.neutral} / ${g.sentiment.negative}` : '',
    g.ratings ? fmt(g.ratings.mean, 2) : '', g.ratings ? `${rateText(g.ratings.goodShare)} ${g.ratings.goodShare.interval ? `(${pctText(g.ratings.goodShare.interval.low)}–${pctText(g.ratings.goodShare.interval.high)})` : ''}` : '']);
  const head = [kind === 'reviews' ? 'reviews' : 'mentions', 'sentiment score', '+ / = / −', 'mean rating', 'good ratings'];
  renderTable('voice-periods', ['period', ...head], rows(v.periods));
  renderTable('voice-channels', ['source', ...head], rows(v.byChannel));
  renderChanges('voice-changes', [...v.changes, ...v.segmentChanges]);
  const sov = v.shareOfVoice;
  renderTable('voice-brands', ['period', 'brand', 'mentions', 'share of voice', 'share of search'],
    sov.flatMap((p) => p.brands.map((b) => [p.name || 'all', b.brand, fmt(b.mentions, 0), rateText(b.shareOfVoice), b.shareOfSearch ? rateText(b.shareOfSearch) : ''])));
}

function renderScans(s) {
  $('scans-summary').textContent = `${s.scans.toLocaleString('en')} scans` + (s.uniqueScanners === null ? '' : ` by ${s.uniqueScanners.toLocaleString('en')} distinct scanners`) + '.';
  const rows = (cs) => cs.map((c) => [c.name, c.scans, rateText(c.share)]);
  renderTable('scans-devices', ['device', 'scans', 'share'], rows(s.byDevice));
  renderTable('scans-locations', ['location', 'scans', 'share'], rows(s.byLocation));
  renderTable('scans-periods', ['period', 'scans', 'share'], rows(s.periods));
}

function renderRetentionChart(periods) {
  const box = $('retention-chart');
  const shown = periods.slice(1);
  box.replaceChildren(...lineChart([
    { name: 'retention %', color: '#1f7a3f', values: shown.map((p) => 100 * (p.retentionRate ?? 0)) },
    { name: 'churn %', color: '#b3261e', values: shown.map((p) => 100 * (p.churnRate ?? 0)) },
  ], shown.map((p) => p.period), 'retention-chart', 'Retention and churn per period'));
}

function renderCohortsAndValue(r) {
  const c = r.revenue.cohorts;
  $('revenue-cohorts-definition').textContent = c.unavailableReason ?? `${c.definition.formula}. Cohorts by ${r.options.granularity}.`;
  heatmap('customer-cohorts', 'customers', c.cohorts.map((co) => [co.cohort, co.customers, co.retention, co.retentionInterval]));
  heatmap('revenue-cohorts', 'customers', c.cohorts.map((co) => [co.cohort, co.customers, co.revenueRetention]), '31, 122, 63');
  const lv = r.lifetimeValue, i = lv.inputs;
  $('lifetime-inputs').textContent = `Per ${r.options.granularity}, pooled over the file: average order ${fmt(i.averageOrderValue, 2)}, ` +
    `${fmt(i.purchaseFrequency, 3)} orders and ARPU ${fmt(i.arpu, 2)} per active customer, churn ${pctText(i.churnRate)}, ` +
    `lifespan ${fmt(i.lifespanPeriods, 1)} periods (${i.lifespanSource === 'churn' ? '1 / churn' : 'given'}), margin ${i.margin}, discount ${i.discountRate} per period.`;
  renderTable('lifetime', ['formula', 'value per customer', 'how'],
    lv.variants.map((v) => [v.variant, v.value === null ? `n/a (${v.unavailableReason})` : fmt(v.value, 2) + (v.interval ? ` (${ivDetail(v.interval, (x) => fmt(x, 2))})` : ''), v.formula]));
  const k = c.contractual;
  $('contractual').textContent = k
    ? `Read as contracts (a customer stays until their last purchase period), a shifted-beta-geometric fit gives α ${fmt(k.model.alpha, 3)}, β ${fmt(k.model.beta, 3)}: ` +
      `half a cohort has gone after ${k.medianLifetime ?? 'more than 100 000'} periods; mean lifetime ${k.meanLifetime === null ? 'infinite (α ≤ 1)' : `${fmt(k.meanLifetime, 1)} periods`}.`
    : 'No cohort is older than one period: no contract retention fit.';
  $('contractual-chart').replaceChildren(...(k ? lineChart([
    { name: 'observed % still active', color: '#2357c6', values: k.projection.map((p) => 100 * (p.observed ?? p.survival)) },
    { name: 'sBG projection %', color: '#b26a00', values: k.projection.map((p) => 100 * p.survival) },
  ], k.projection.map((p) => `+${p.offset}`), 'contractual-chart', 'Observed and projected share of a cohort still active') : []));
}

function renderClv(c) {
  $('clv-summary').textContent = '';
  $('clv-distribution').replaceChildren();
  $('clv-holdout').replaceChildren();
  if (!c) { $('clv-summary').textContent = 'Not fitted.'; return; }
  const m = c.purchases, g = c.spend;
  $('clv-summary').textContent = `${c.customers.toLocaleString('en')} customers, calibration to ${c.calibrationEnd}, ${c.unitDays}-day units. ` +
    `${m.modified ? 'MBG/NBD' : 'BG/NBD'}: r ${fmt(m.r, 3)}, α ${fmt(m.alpha, 3)}, a ${fmt(m.a, 3)}, b ${fmt(m.b, 3)} (log-likelihood ${fmt(m.logLikelihood, 1)}). ` +
    (g ? `Gamma-Gamma: p ${fmt(g.p, 3)}, q ${fmt(g.q, 3)}, γ ${fmt(g.gamma, 3)}. ` : 'Too few repeat buyers for the spend model. ') +
    `Mean P(alive) ${pctText(c.meanPAlive)}; mean CLV over ${c.horizon} units ${fmt(c.meanClv, 2)}` +
    (c.meanClvInterval ? ` (${ivDetail(c.meanClvInterval, (x) => fmt(x, 2))}, parameters held fixed)` : '') + `, total ${fmt(c.totalClv, 2)}` +
    (c.seconds === null ? '.' : `; fitted in ${c.seconds.toFixed(2)} s.`);
  const bins = c.distribution;
  const W = 760, H = 200, B = 36;
  const max = Math.max(1, ...bins.map((b) => b[1]));
  const bw = W / bins.length;
  const s = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': 'Distribution of predicted CLV per customer', 'data-testid': 'clv-distribution' });
  bins.forEach(([lo, n], i) => {
    const h = ((H - B - 14) * n) / max;
    s.append(svg('rect', { x: i * bw + 2, y: H - B - h, width: bw - 4, height: h, fill: '#7a4fc6' }));
    s.append(svg('text', { x: i * bw + 2, y: H - B - h - 3 }, String(n)));
    if (i % 2 === 0) s.append(svg('text', { x: i * bw + 2, y: H - 18 }, fmt(lo, 0)));
  });
  s.append(svg('text', { x: 4, y: H - 3 }, 'predicted CLV per customer (bin lower bound; the last bin holds the top 1%)'));
  $('clv-distribution').append(s);
  if (c.holdout) {
    const h = c.holdout;
    renderTable('clv-holdout', [`repeat purchases in calibration`, 'customers', `actual ${h.from} … ${h.to}`, 'predicted'],
      [...h.byFrequency.map((f) => [f.x === 7 ? '7+' : f.x, f.customers, f.actual, fmt(f.predicted, 1)]), ['all', c.customers, h.actual, fmt(h.predicted, 1)]]);
  }
  if (c.customerTable) downloadClv(c.customerTable);
}

function clvOptions(extra = {}) {
  const o = { ...extra };
  const cal = $('clv-calibration').value;
  if (cal) o.calibrationEnd = cal;
  const num = (id) => Number($(id).value);
  if (num('clv-horizon') > 0) o.horizon = Math.round(num('clv-horizon'));
  if (num('clv-margin') > 0) o.margin = num('clv-margin');
  if (num('clv-discount') > 0) o.discountRate = num('clv-discount');
  return o;
}
$('clv-form').addEventListener('submit', (e) => {
  e.preventDefault();
  if (!lastFile) return;
  mapping = { ...(mapping ?? {}), clv: clvOptions() };
  analyzeFile(lastFile, true);
});
$('clv-export').addEventListener('click', () => {
  if (!lastFile) return;
  mapping = { ...(mapping ?? {}), clv: clvOptions({ customers: true }) };
  analyzeFile(lastFile, true);
});
function downloadClv(rows) {
  const cols = ['customer', 'frequency', 'recency', 't', 'meanRepeatValue', 'pAlive', 'expectedPurchases', 'expectedValue', 'clv', 'holdoutPurchases'];
  const lines = [cols.join(',')];
  for (const c of rows) lines.push(cols.map((k) => csvCell(c[k] ?? '')).join(','));
  saveCsv(lines, 'clv-customers.csv');
  mapping = { ...(mapping ?? {}), clv: { ...mapping.clv, customers: undefined } };
}
function saveCsv(lines, name) {
  const url = URL.createObjectURL(new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }));
  const a = el('a', { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

$('file').addEventListener('change', (e) => { const f = e.target.files[0]; if (f) analyzeFile(f); });
const drop = $('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  const f = e.dataTransfer.files[0];
  if (f) analyzeFile(f);
});
// The bundled samples come from the page's own origin.
for (const [button, name] of [['sample', 'survey-sample.csv'], ['events-sample', 'events-sample.csv'], ['transactions-sample', 'transactions-sample.csv'],
  ['tickets-sample', 'tickets-sample.csv'], ['campaigns-sample', 'campaigns-sample.csv'], ['social-sample', 'social-sample.csv'],
  ['reviews-sample', 'reviews-sample.csv'], ['mentions-sample', 'mentions-sample.csv'], ['scans-sample', 'scans-sample.csv']]) {
  $(button).addEventListener('click', async () => {
    const blob = await (await fetch(`samples/${name}`)).blob();
    analyzeFile(new File([blob], name, { type: 'text/csv' }));
  });
}
$('funnel-update').addEventListener('click', () => {
  if (!lastFile) return;
  const steps = $('funnel-steps').value.split(',').map((x) => x.trim()).filter(Boolean);
  const windowDays = Number($('funnel-window').value);
  mapping = { ...(mapping ?? {}), events: { ...(mapping?.events ?? {}), funnel: steps, ...(windowDays > 0 ? { funnelWindowDays: windowDays } : {}) } };
  analyzeFile(lastFile, true);
});
// CSV cells: quoted, and a leading = + - @ neutralised so a spreadsheet does not run it.
const csvCell = (v) => {
  let s = String(v);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
};
function downloadRfm(customers) {
  const lines = [['customer', 'recencyDays', 'frequency', 'monetary', 'r', 'f', 'm', 'segment'].join(',')];
  for (const c of customers) lines.push([c.customer, c.recencyDays, c.frequency, c.monetary, c.r, c.f, c.m, c.segment].map(csvCell).join(','));
  saveCsv(lines, 'rfm-customers.csv');
  mapping = { ...(mapping ?? {}), rfmCustomers: undefined };
}
$('rfm-export').addEventListener('click', () => {
  if (!lastFile) return;
  mapping = { ...(mapping ?? {}), rfmCustomers: true };
  analyzeFile(lastFile, true);
});
$('reanalyse').addEventListener('click', () => {
  if (!lastFile) return;
  const columns = {}, segments = [], ignore = [];
  for (const sel of $('columns').querySelectorAll('select')) {
    const role = sel.value, header = sel.dataset.header;
    if (role === 'segment') segments.push(header);
    else if (role === 'ignored') ignore.push(header);
    else columns[role] = header;
  }
  mapping = { ...(mapping ?? {}), columns, segments, ignore };
  analyzeFile(lastFile, true);
});
$('export').addEventListener('click', () => {
  if (!lastReport) return;
  const url = URL.createObjectURL(new Blob([JSON.stringify(lastReport, null, 2)], { type: 'application/json' }));
  const a = el('a', { href: url, download: 'engagement-report.json' });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
});

startWorker();
import('./pkg/engagement_metrics.js').then(async (m) => {
  await m.default();
  const b = m.buildInfo();
  $('build').textContent = `${b.name} ${b.version} (${b.gitRevision})`;
}).catch(() => {});
