// @ts-check
// An event log: users, sessions, bounce, stickiness, conversion, activation; active users per
// day; the funnel (editable); retention cohorts; lifecycle; feature usage; segments.
import { $, el, fillTable, input } from '../dom.js';
import { heatmap, lineChart, stackedBars } from '../charts.js';
import { count, duration, intervalDetail, num, percent, percentValue } from '../pkg/format.js';
import { Kind, Metric } from '../pkg/vocabulary.js';
import { changesTable, latestChange, metricCard, plainComparisons } from './common.js';

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
  // A card's change line is one of the change rows (see changeCtx).
  const card = (/** @type {Parameters<typeof metricCard>[1]} */ o) => metricCard(o.change ? changeCtx(ctx) : ctx, o);
  const change = (/** @type {string} */ metric) => latestChange(r, e.changes, metric);
  $('event-cards').replaceChildren(...[
    card({ kind: Kind.Events, testid: 'users', title: 'Users', value: count(e.summary.users), lines: [`${count(e.summary.events)} events over ${e.summary.days} days`], more: [`${e.summary.duplicatesRemoved} exact duplicates counted once`] }),
    card({ kind: Kind.Events, testid: 'sessions', metric: Metric.Sessions, value: count(s.count), lines: [`median ${duration(s.medianDurationSeconds)}, mean ${duration(s.meanDurationSeconds)}`],
      more: [intervalDetail(s.medianDurationInterval, duration, 'interval of the median'), `mean of multi-event sessions ${duration(s.meanDurationMultiEventSeconds)}`,
        `${num(s.eventsPerSession, 2)} events · ${num(s.pageViewsPerSession, 2)} page views per session · ${num(s.sessionsPerUser, 2)} per user`, s.definition.formula] }),
    card({ kind: Kind.Events, testid: 'bounce', metric: Metric.BounceRate, value: num(s.bounce.headline.value), unit: '%', change: change(Metric.BounceRate), lines: [pctDetail(s.bounce.headline.interval)],
      more: [`rule: ${s.bounce.rule}`, `single event ${percentValue(s.bounce.singleEvent.value)} · not engaged (GA4) ${percentValue(s.bounce.notEngaged.value)} · single page view (PostHog) ${percentValue(s.bounce.singlePageView.value)}`] }),
    card({ kind: Kind.Events, testid: 'dau', metric: Metric.ActiveUsers, value: num(a.meanDau), lines: ['mean DAU: users with an event on the day'],
      more: [`as interactions: ${num(a.interactionsPerDay.value)} events a day (all events / ${e.summary.days} days; an activity rate, not distinct users)`, byPeriod] }),
    card({ kind: Kind.Events, testid: 'stickiness', metric: Metric.Stickiness, value: a.meanStickiness === null ? `n/a` : percent(a.meanStickiness), lines: [
      a.meanStickiness === null ? `the data span fewer than ${e.settings.mauDays} days: no day has a whole MAU window` : `DAU / MAU (${e.settings.mauDays} days)`],
    more: [a.meanStickiness === null ? '' : `averaged over the ${a.stickinessDays} days whose window lies inside the data`, `over every day: ${percent(a.meanStickinessAllDays)}`,
      `as interactions (return share): ${percentValue(ends.returnShare.value, 2)} of events are followed by another event in the same session`] }),
    card({ kind: Kind.Events, testid: 'churn', metric: Metric.Churn, value: num(e.churn.value), unit: '%', small: e.churn.smallSample, lines: [`no event in the last ${e.settings.churnDays} days`, pctDetail(e.churn.interval)],
      more: [`as interactions (exit share, the turnover or abandonment reading): ${percentValue(ends.exitShare.value, 2)} of events end their session; the user came back later after ${count(ends.exitsFollowedByALaterSession)} of these ${count(s.count)} exits`] }),
    e.conversion ? card({ kind: Kind.Events, testid: 'conversion', metric: Metric.Conversion, value: num(e.conversion.users.value), unit: '%', small: e.conversion.users.smallSample,
      lines: [`users with ${e.conversion.event} · ${percentValue(e.conversion.sessions.value)} of sessions`, pctDetail(e.conversion.users.interval)] }) : null,
    e.activation ? card({ kind: Kind.Events, testid: 'activation', metric: Metric.ActivationRate, value: num(e.activation.rate.value), unit: '%', small: e.activation.rate.smallSample,
      lines: [`${e.activation.activatedUsers} of ${e.activation.signupUsers} sign-ups within ${e.settings.activationDays} days`, pctDetail(e.activation.rate.interval)],
      more: [`as interactions: those activation events are ${percentValue(e.activation.interactionShare.value)} of all events`] }) : null,
    card({ kind: Kind.Events, testid: 'week1', metric: Metric.Week1Engagement, value: num(e.week1Engagement.value), unit: '%', small: e.week1Engagement.smallSample, lines: [pctDetail(e.week1Engagement.interval)],
      more: [e.week1Engagement.definition.formula, `as interactions: ${percentValue(w1.value)} of these users' events fall in their first 7 days (${count(w1.n)} events)`] }),
  ].filter((c) => c !== null));
  const periodMetrics = [...new Set(e.changes.map((c) => c.metric))];
  plainComparisons('events-plain', r, [...e.changes, ...e.segments.flatMap((sg) => sg.comparisons)], periodMetrics, changeCtx(ctx));

  const days = a.daily;
  const sp = e.sessionPeriods;
  const pct = (/** @type {number} */ v) => `${num(v)}%`;
  const per = `per ${r.options.granularity}`;
  $('event-charts').replaceChildren(
    lineChart({ title: 'Active users per day', testid: 'activity-chart', labels: days.map((d) => d.date), x: 'day', y: 'active users', format: (v) => count(v), series: [
      { name: 'DAU', color: 'blue', values: days.map((d) => d.dau) },
      { name: `WAU (${e.settings.wauDays} d)`, color: 'green', values: days.map((d) => d.wau) },
      { name: `MAU (${e.settings.mauDays} d)`, color: 'orange', values: days.map((d) => d.mau) },
    ] }),
    lineChart({ title: `${label(Metric.BounceRate)} ${per}`, testid: 'bounce-chart', labels: sp.map((p) => p.period), x: r.options.granularity, y: '% of sessions', format: pct, min: 0,
      series: [{ name: label(Metric.BounceRate), color: 'red', values: sp.map((p) => p.bounceRate.value), n: sp.map((p) => p.bounceRate.n) }] }),
    lineChart({ title: `${label(Metric.Conversion)} ${per}`, testid: 'conversion-chart', labels: sp.map((p) => p.period), x: r.options.granularity, y: '% of sessions', format: pct, min: 0,
      series: [{ name: 'sessions converting', color: 'purple', values: sp.map((p) => p.conversionRate?.value), n: sp.map((p) => p.conversionRate?.n ?? 0) }] }),
  );

  renderFunnel(r, ctx);

  const ret = e.retention;
  const exact = ret.headline === 'exact';
  $('retention-definition').textContent = `${ret.definition.formula}. Showing "${ret.headline}"; cohorts by ${ret.granularity}.`;
  heatmap('cohorts', 'Users', ret.cohorts.map((co) => [co.cohort, co.size, exact ? co.exactRate : co.onOrAfterRate, exact ? co.exactInterval : co.onOrAfterInterval]));

  renderLifecycle(e.lifecycle);
  changesTable('event-changes', Kind.Events, e.changes, changeCtx(ctx));
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
    segBox.append(el('h3', { text: `By ${sg.column}` }), el('div', { class: 'scroll' }, t), el('p', { class: 'detail', text: sg.definition.formula }), el('div', { class: 'scroll' }, cmp));
    changesTable(cmp.id, Kind.Events, sg.comparisons, changeCtx(ctx));
  });
}

/**
 * The context for the events' change rows: their engagement rate is the sessions' (the
 * catalogue's label of that id is the social one).
 * @param {Context} ctx @returns {Context}
 */
function changeCtx(ctx) {
  const { names } = ctx;
  return { ...ctx, names: { ...names, label: (id) => names.label(id === Metric.EngagementRate ? Metric.SessionEngagementRate : id) } };
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

/** Stacked bars per period (new, returning, resurrecting above; dormant below), numbers in its data table. @param {import('../pkg/engagement_metrics.js').LifecyclePeriod[]} lc */
function renderLifecycle(lc) {
  $('lifecycle').replaceChildren(stackedBars({ title: 'Lifecycle per period', testid: 'lifecycle', labels: lc.map((l) => l.period), x: 'period', y: 'number of users',
    up: [{ name: 'new', color: 'blue', values: lc.map((l) => l.new) }, { name: 'returning', color: 'green', values: lc.map((l) => l.returning) }, { name: 'resurrecting', color: 'purple', values: lc.map((l) => l.resurrecting) }],
    down: { name: 'dormant (below)', color: 'red', values: lc.map((l) => l.dormant) } }));
}
