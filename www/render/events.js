// @ts-check
// An event log: users, sessions, bounce, stickiness, conversion, activation; active users per
// day; the funnel (editable); retention cohorts; lifecycle; feature usage; segments.
import { $, card, el, fillTable, input, svg } from '../dom.js';
import { heatmap, lineChart } from '../charts.js';
import { count, duration, intervalDetail, num, percent, percentValue } from '../pkg/format.js';
import { Kind, Metric } from '../pkg/vocabulary.js';
import { changesTable } from './common.js';

/** @typedef {import('../pkg/engagement_metrics.js').EventsReport} EventsReport */
/** @typedef {import('./common.js').Context} Context */

const pctDetail = (/** @type {import('../pkg/engagement_metrics.js').Interval | null} */ i) => intervalDetail(i, (v) => percentValue(v));

/** @param {EventsReport} r @param {Context} ctx */
export function render(r, ctx) {
  const label = ctx.names.label;
  const e = r.events, s = e.sessions, a = e.activity, ends = e.interactionEnds;
  const w1 = e.week1EngagementInteractions;
  // Non-breaking hyphens: a period label (2024-03) does not wrap inside itself.
  const byPeriod = a.periods.length > 1 && a.periods.length <= 12
    ? `by ${r.options.granularity}: ${a.periods.map((p) => `${p.period.replaceAll('-', '\u2011')} ${num(p.interactionsPerDay)}`).join(' · ')}` : '';
  $('event-cards').replaceChildren(...[
    card('users', 'Users', count(e.summary.users), [`${count(e.summary.events)} events over ${e.summary.days} days`, `${e.summary.duplicatesRemoved} exact duplicates counted once`]),
    card('sessions', label(Metric.Sessions), count(s.count), [`mean ${duration(s.meanDurationSeconds)} (multi-event ${duration(s.meanDurationMultiEventSeconds)}), median ${duration(s.medianDurationSeconds)}`,
      intervalDetail(s.medianDurationInterval, duration, 'interval of the median'), `${num(s.eventsPerSession, 2)} events · ${num(s.pageViewsPerSession, 2)} page views per session · ${num(s.sessionsPerUser, 2)} per user`, s.definition.formula]),
    card('bounce', label(Metric.BounceRate), num(s.bounce.headline.value), [`rule: ${s.bounce.rule}`, pctDetail(s.bounce.headline.interval), `single event ${percentValue(s.bounce.singleEvent.value)} · not engaged (GA4) ${percentValue(s.bounce.notEngaged.value)} · single page view (PostHog) ${percentValue(s.bounce.singlePageView.value)}`], false, '%'),
    card('dau', label(Metric.ActiveUsers), num(a.meanDau), ['mean DAU: users with an event on the day',
      `as interactions: ${num(a.interactionsPerDay.value)} events a day (all events / ${e.summary.days} days; an activity rate, not distinct users)`, byPeriod]),
    card('stickiness', label(Metric.Stickiness), a.meanStickiness === null ? `n/a` : percent(a.meanStickiness), [
      a.meanStickiness === null ? `the data span fewer than ${e.settings.mauDays} days: no day has a whole MAU window` : `DAU / MAU (${e.settings.mauDays} days) averaged over the ${a.stickinessDays} days whose window lies inside the data`,
      `over every day: ${percent(a.meanStickinessAllDays)}`,
      `as interactions (return share): ${percentValue(ends.returnShare.value, 2)} of events are followed by another event in the same session`]),
    card('churn', label(Metric.Churn), num(e.churn.value), [`users with no event in the last ${e.settings.churnDays} days of the data`, pctDetail(e.churn.interval),
      `as interactions (exit share, the turnover or abandonment reading): ${percentValue(ends.exitShare.value, 2)} of events end their session; the user came back later after ${count(ends.exitsFollowedByALaterSession)} of these ${count(s.count)} exits`], e.churn.smallSample, '%'),
    e.conversion ? card('conversion', label(Metric.Conversion), num(e.conversion.users.value), [`users with ${e.conversion.event} · ${percentValue(e.conversion.sessions.value)} of sessions`, pctDetail(e.conversion.users.interval)], e.conversion.users.smallSample, '%') : null,
    e.activation ? card('activation', label(Metric.ActivationRate), num(e.activation.rate.value), [`${e.activation.activatedUsers} of ${e.activation.signupUsers} sign-ups within ${e.settings.activationDays} days`, pctDetail(e.activation.rate.interval),
      `as interactions: those activation events are ${percentValue(e.activation.interactionShare.value)} of all events`], e.activation.rate.smallSample, '%') : null,
    card('week1', label(Metric.Week1Engagement), num(e.week1Engagement.value), [e.week1Engagement.definition.formula, pctDetail(e.week1Engagement.interval),
      `as interactions: ${percentValue(w1.value)} of these users' events fall in their first 7 days (${count(w1.n)} events)`], e.week1Engagement.smallSample, '%'),
  ].filter((c) => c !== null));

  const days = a.daily;
  $('activity').replaceChildren(...lineChart([
    { name: 'DAU', color: '#2357c6', values: days.map((d) => d.dau) },
    { name: `WAU (${e.settings.wauDays} d)`, color: '#1f7a3f', values: days.map((d) => d.wau) },
    { name: `MAU (${e.settings.mauDays} d)`, color: '#b26a00', values: days.map((d) => d.mau) },
  ], days.map((d) => d.date), 'activity-chart', 'Daily, weekly and monthly active users'));

  renderFunnel(r, ctx);

  const ret = e.retention;
  const exact = ret.headline === 'exact';
  $('retention-definition').textContent = `${ret.definition.formula}. Showing "${ret.headline}"; cohorts by ${ret.granularity}.`;
  heatmap('cohorts', 'Users', ret.cohorts.map((co) => [co.cohort, co.size, exact ? co.exactRate : co.onOrAfterRate, exact ? co.exactInterval : co.onOrAfterInterval]));

  renderLifecycle(e.lifecycle);
  changesTable('event-changes', Kind.Events, e.changes, ctx);
  fillTable('features', ['Event', 'Users', '% of users', 'Events', '% of events', 'Events per user'],
    e.features.map((x) => [x.event, x.users, num(x.shareOfUsers), x.events, num(x.shareOfEvents), num(x.eventsPerUser, 2)]));
  const segBox = $('event-segments');
  segBox.replaceChildren();
  e.segments.forEach((sg, n) => {
    const t = el('table', { 'data-testid': `event-segment-${sg.column}` });
    t.append(el('tr', {}, ...['Value', 'Users', 'Events', 'Sessions', 'Mean session', `${label(Metric.BounceRate)} %`, `${label(Metric.Conversion)} %`].map((h) => el('th', { text: h }))));
    const withIv = (/** @type {number | null} */ v, /** @type {import('../pkg/engagement_metrics.js').Interval | null} */ i) => `${num(v)}${i ? ` (${num(i.low)}–${num(i.high)})` : ''}`;
    for (const v of sg.values) {
      t.append(el('tr', {}, ...[v.value, v.users, v.events, v.sessions, duration(v.meanSessionSeconds), withIv(v.bounceRate, v.bounceInterval), withIv(v.conversionRate, v.conversionInterval)].map((x) => el('td', { text: String(x) }))));
    }
    const cmp = el('table', { id: `event-segment-changes-${n}`, 'data-testid': 'event-segment-changes' });
    segBox.append(el('h2', { text: `By ${sg.column}` }), el('div', { class: 'scroll' }, t), el('p', { class: 'detail', text: sg.definition.formula }), el('div', { class: 'scroll' }, cmp));
    changesTable(cmp.id, Kind.Events, sg.comparisons, ctx);
  });
}

/** The funnel's steps as bars with numbers, and the editor to change them. @param {EventsReport} r @param {Context} ctx */
function renderFunnel(r, ctx) {
  const e = r.events, f = e.funnel;
  input('funnel-steps').value = (f ? f.steps.map((x) => x.event) : e.settings.funnel ?? []).join(', ');
  input('funnel-window').value = String(e.settings.funnelWindowDays);
  $('funnel-events').textContent = `Events in this file: ${e.features.map((x) => x.event).join(', ')}`;
  $('funnel-update').onclick = () => {
    const steps = input('funnel-steps').value.split(',').map((x) => x.trim()).filter(Boolean);
    const windowDays = Number(input('funnel-window').value);
    ctx.rerun({ events: { ...(ctx.options.events ?? {}), funnel: steps, ...(windowDays > 0 ? { funnelWindowDays: windowDays } : {}) } });
  };
  const box = $('funnel');
  box.replaceChildren();
  if (!f) {
    box.append(el('p', { text: 'No funnel: name its steps above.' }));
    return;
  }
  const t = el('table', { 'data-testid': 'funnel' });
  t.append(el('tr', {}, ...['Step', 'Users', 'Of first', 'Of previous', 'Drop-off', 'Median time from previous', 'Bar (of first)'].map((h) => el('th', { text: h }))));
  for (const st of f.steps) {
    const bar = el('div', { class: 'bar' });
    bar.style.width = `${Math.round(300 * (st.conversionFromFirst ?? 0))}px`;
    t.append(el('tr', {}, ...[st.event, st.users, percent(st.conversionFromFirst), percent(st.conversionFromPrevious), st.dropOff,
      st.medianSecondsFromPrevious === null ? '' : duration(st.medianSecondsFromPrevious)].map((v) => el('td', { text: String(v) })), el('td', {}, bar)));
  }
  box.append(el('div', { class: 'scroll' }, t), el('p', { class: 'detail', text: `${f.definition.formula} (window ${e.settings.funnelWindowDays} days)` }));
  if (e.cartAbandonment) box.append(el('p', { text: `${ctx.names.label(Metric.CartAbandonment)}: ${percentValue(e.cartAbandonment.value)}` }));
}

/** Stacked bars per period (new, returning, resurrecting above; dormant below), numbers in a table. @param {import('../pkg/engagement_metrics.js').LifecyclePeriod[]} lc */
function renderLifecycle(lc) {
  const W = 760, H = 160, mid = 100;
  const max = Math.max(1, ...lc.map((l) => l.new + l.returning + l.resurrecting), ...lc.map((l) => l.dormant));
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': 'Lifecycle per period', 'data-testid': 'lifecycle' });
  const bw = (W - 20) / Math.max(1, lc.length);
  const scale = (/** @type {number} */ v) => (90 * v) / max;
  const rect = (/** @type {Record<string, number | string>} */ attrs) => chart.append(svg('rect', attrs));
  lc.forEach((l, i) => {
    let top = mid;
    for (const [v, color] of /** @type {[number, string][]} */ ([[l.new, '#2357c6'], [l.returning, '#1f7a3f'], [l.resurrecting, '#7a4fc6']])) {
      top -= scale(v);
      rect({ x: 10 + i * bw, y: top, width: Math.max(1, bw - 3), height: scale(v), fill: color });
    }
    rect({ x: 10 + i * bw, y: mid, width: Math.max(1, bw - 3), height: scale(l.dormant) * 0.6, fill: '#b23a3a' });
  });
  const t = el('table', { 'data-testid': 'lifecycle-table' });
  t.append(el('tr', {}, ...['Period', 'New', 'Returning', 'Resurrecting', 'Dormant'].map((h) => el('th', { text: h }))));
  for (const l of lc) t.append(el('tr', {}, ...[l.period, l.new, l.returning, l.resurrecting, l.dormant].map((v) => el('td', { text: String(v) }))));
  $('lifecycle').replaceChildren(chart, el('div', { class: 'legend', text: 'new (blue) · returning (green) · resurrecting (purple) · dormant (red, below)' }),
    el('details', {}, el('summary', { text: 'Table' }), el('div', { class: 'scroll' }, t)));
}
