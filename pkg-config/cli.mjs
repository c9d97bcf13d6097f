#!/usr/bin/env node
// @ts-check
// engagement-metrics CLI: runs the same wasm engine under Node.
//   engagement-metrics report FILE [--kind KIND] [--json] [--timezone TZ]
//                      [--granularity day|week|month|quarter|year] [--column ROLE=HEADER ...]
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

import { difference, duration, figure, metricNames, money, num as fmt, percent as pct, percentValue as pctv, rate, withVariantLabels } from './web/format.js';
import { Baseline, ErrorCode, Kind, Metric, Role } from './web/vocabulary.js';

const require = createRequire(import.meta.url);
/** @type {typeof import('./node/engagement_metrics.js')} */
const em = require('./node/engagement_metrics.js');
// Labels and units of the figures, from the engine's catalogue.
const names = metricNames(em.catalogue());
// Variants by their plain-language labels, never their ids.
const { variantLabels, rejectionLabels, fateLabels, warningLabels } = em.vocabulary();

const USAGE = `usage: engagement-metrics report FILE [options]

options:
  --kind KIND              auto (default) | survey | events | transactions | tickets | campaigns |
                           social | reviews | mentions | scans
  --inspect                print only the inferred schema (format, columns, roles, kind)
  --json                   print the full report as JSON
  --timezone TZ            report time zone: UTC (default), +02:00, Europe/Paris
  --granularity G          day | week | month (default) | quarter | year
  --week-start D           monday (default) | sunday
  --confidence L           confidence level of intervals (default 0.95)
  --target NAME=VALUE      a benchmark target (repeatable), e.g. openRate=25 (percent), nps=30
  --column ROLE=HEADER     map a column to a role: nps, csat, ces, timestamp, userId, eventName,
                           sessionId, page, amount, orderId, ticketId, resolvedAt, campaign,
                           sent, opens, clicks, channel, segment, text, id, ignore, …
  --format F               csv | json | ndjson | xlsx (detected when absent)
  --sheet NAME             worksheet of an .xlsx file (default: the first)
  --delimiter C            field delimiter (detected when absent)
  --decimal-mark M         dot | comma (detected per column when absent)
  --date-order O           dmy | mdy when slash dates are ambiguous
  --csat-scale MIN-MAX     CSAT answer scale (default 1-5)
  --ces-scale MIN-MAX      CES answer scale (default 1-7)
  --lost-after N           transactions: a customer is lost after N periods without a purchase (default 1)
  --calibration-end DATE   transactions: fit BG/NBD + Gamma-Gamma up to DATE, holdout after it
  --as-of DATE             transactions: end of observation for the CLV models (default: last date)
  --clv                    transactions: predictive CLV with the defaults (implied by the two above)
  --margin M               transactions: gross margin (0–1) for the formula and predictive CLV
  --discount-rate D        transactions: discount rate per period for the formula CLV
  --lifespan N             transactions: expected lifespan in periods (default 1 / churn rate)
  --preset P               events conventions: ga4 | posthog | mixpanel | amplitude
  --funnel A,B,C           events funnel steps (event names, in order)
  --session-timeout S      events: seconds of inactivity that end a session (default 1800)
  --from DATE              keep only rows from DATE (YYYY-MM-DD, or a timestamp) on, in the report time zone
  --to DATE                keep only rows up to DATE, inclusive (a date is the whole day)
  --where HEADER=VALUE     keep only rows whose HEADER column has VALUE (repeatable; values of one
                           header are alternatives, different headers must all match)
  --options JSON           any AnalyzeOptions as JSON (merged last)
  --version                print the engine version
`;

/** Prints the message and exits (2: usage, 1: the file could not be analysed). @param {string} msg @returns {never} */
function fail(msg, code = 2) {
  process.stderr.write(`engagement-metrics: ${msg}\n`);
  process.exit(code);
}

function scale(s, flag) {
  const m = /^(-?\d+)-(-?\d+)$/.exec(s ?? '');
  if (!m) fail(`${flag} takes MIN-MAX, e.g. 1-5`);
  return { min: Number(m[1]), max: Number(m[2]) };
}

export function parseArgs(argv) {
  /** @type {{ json: boolean, inspect?: boolean, options: Record<string, any>, file: string | null, command: string | null }} */
  const args = { json: false, options: {}, file: null, command: null };
  const o = args.options;
  const need = (i, flag) => {
    if (i >= argv.length) fail(`${flag} needs a value`);
    return argv[i];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--json': args.json = true; break;
      case '--inspect': args.inspect = true; break;
      case '--format': o.format = need(++i, a); break;
      case '--sheet': o.sheet = need(++i, a); break;
      case '--decimal-mark': o.decimalMark = need(++i, a); break;
      case '--lost-after': o.lostAfterPeriods = Number(need(++i, a)); break;
      case '--calibration-end': o.clv = { ...o.clv, calibrationEnd: need(++i, a) }; break;
      case '--as-of': o.clv = { ...o.clv, asOf: need(++i, a) }; break;
      case '--clv': o.clv = { ...o.clv }; break;
      case '--margin': o.lifetimeValue = { ...o.lifetimeValue, margin: Number(need(++i, a)) }; break;
      case '--discount-rate': o.lifetimeValue = { ...o.lifetimeValue, discountRate: Number(need(++i, a)) }; break;
      case '--lifespan': o.lifetimeValue = { ...o.lifetimeValue, lifespanPeriods: Number(need(++i, a)) }; break;
      case '--preset': o.events = { ...o.events, preset: need(++i, a) }; break;
      case '--funnel': o.events = { ...o.events, funnel: need(++i, a).split(',').map((x) => x.trim()).filter(Boolean) }; break;
      case '--session-timeout': o.events = { ...o.events, sessionTimeoutSeconds: Number(need(++i, a)) }; break;
      case '--kind': o.kind = need(++i, a); break;
      case '--timezone': case '--tz': o.timezone = need(++i, a); break;
      case '--granularity': o.granularity = need(++i, a); break;
      case '--week-start': o.weekStart = need(++i, a); break;
      case '--confidence': o.confidence = Number(need(++i, a)); break;
      case '--target': {
        const [name, value] = need(++i, a).split('=');
        if (!name || value === undefined || value.trim() === '' || !Number.isFinite(Number(value))) fail(`--target needs NAME=NUMBER, got ${argv[i]}`);
        o.benchmarks = { ...o.benchmarks, [name.trim()]: Number(value) };
        break;
      }
      case '--delimiter': o.delimiter = need(++i, a); break;
      case '--date-order': o.dateOrder = need(++i, a); break;
      case '--csat-scale': o.csat = { ...o.csat, scale: scale(need(++i, a), a) }; break;
      case '--ces-scale': o.ces = { ...o.ces, scale: scale(need(++i, a), a) }; break;
      case '--column': {
        const v = need(++i, a);
        const eq = v.indexOf('=');
        if (eq <= 0) fail(`--column takes ROLE=HEADER, got "${v}"`);
        const role = v.slice(0, eq).trim(), header = v.slice(eq + 1);
        if (role === Role.Segment) (o.segments ??= []).push(header);
        else (o.columns ??= {})[role] = header;
        break;
      }
      case '--from': o.filter = { ...o.filter, from: need(++i, a) }; break;
      case '--to': o.filter = { ...o.filter, to: need(++i, a) }; break;
      case '--where': {
        const v = need(++i, a);
        const eq = v.indexOf('=');
        if (eq <= 0) fail(`--where takes HEADER=VALUE, got "${v}"`);
        const header = v.slice(0, eq).trim(), value = v.slice(eq + 1).trim();
        const segments = { ...o.filter?.segments };
        segments[header] = [...(segments[header] ?? []), value];
        o.filter = { ...o.filter, segments };
        break;
      }
      case '--options': {
        try { Object.assign(o, JSON.parse(need(++i, a))); } catch (e) { fail(`--options is not valid JSON: ${/** @type {Error} */ (e).message}`); }
        break;
      }
      case '--help': case '-h': process.stdout.write(USAGE); process.exit(0); break;
      case '--version': args.command = 'version'; break;
      default:
        if (a.startsWith('--')) fail(`unknown option ${a}\n\n${USAGE}`);
        if (!args.command) args.command = a;
        else if (!args.file) args.file = a;
        else fail(`unexpected argument ${a}`);
    }
  }
  // One margin for both CLV families, whatever the order of the flags.
  if (o.clv && o.lifetimeValue?.margin !== undefined && o.clv.margin === undefined) o.clv.margin = o.lifetimeValue.margin;
  return args;
}

const iv = (i, d = 1) => (i ? `[${fmt(i.low, d)}, ${fmt(i.high, d)}]` : '');

function metricLines(m, indent = '  ') {
  const out = [];
  if (m.nps) out.push(`${indent}NPS   ${fmt(m.nps.score)}  ±${fmt(m.nps.marginOfError)}  ${iv(m.nps.interval)}  n=${m.nps.responses}  (P ${m.nps.promoters} / N ${m.nps.passives} / D ${m.nps.detractors})${m.nps.smallSample ? '  small sample' : ''}`);
  if (m.csat) out.push(`${indent}CSAT  ${fmt(m.csat.score)}%  ${iv(m.csat.interval)}  n=${m.csat.responses}  mean ${fmt(m.csat.mean, 2)}  (${variantLabels[m.csat.variant]})${m.csat.smallSample ? '  small sample' : ''}`);
  if (m.ces) out.push(`${indent}CES   ${fmt(m.ces.score, 2)}  ${iv(m.ces.interval, 2)}  n=${m.ces.responses}  easy ${fmt(m.ces.easyPercent)}%${m.ces.smallSample ? '  small sample' : ''}`);
  const rr = m.responseRate;
  if (rr) out.push(`${indent}response rate  ${rr.value === null ? `n/a (${rr.unavailableReason})` : `${fmt(rr.value)}%  ${iv(rr.interval)}`}  of ${rr.n} invitations`);
  return out;
}

function headLines(r) {
  const L = [];
  const what = r.options ? `, timezone ${r.options.timezone}, by ${r.options.granularity}` : '';
  L.push(`${r.kind ?? 'no kind'} ${r.options ? 'report' : 'schema'} (${r.kindChoice.source}: ${r.kindChoice.reason}) — ${r.input.format}, ${r.input.rows} rows, ${r.input.bytes} bytes${what}`);
  if (r.problem) L.push(`problem [${r.problem.code}]${r.problem.column ? ` in ${r.problem.column}` : ''}: ${r.problem.message}`);
  if (r.partialPeriods?.length) {
    L.push(`partial periods${r.options.includePartialPeriods ? '' : ' (left out of the tests of change and the trend flags)'}: ${r.partialPeriods.map((p) => `${p.period} (data ${p.from} to ${p.to})`).join(', ')}`);
  }
  const f = r.options?.filter;
  if (f) {
    const parts = [];
    if (f.from !== undefined || f.to !== undefined) parts.push(`${f.from ?? 'the start'} to ${f.to ?? 'the end'}`);
    for (const [header, values] of Object.entries(f.segments ?? {})) parts.push(`${header} = ${values.map((v) => JSON.stringify(v)).join(' or ')}`);
    L.push(`filter: ${parts.join('; ')} — ${r.dataset.rowsFiltered} rows left out, as if they were not in the file`);
  }
  L.push('columns: ' + r.columns.filter((c) => c.role !== Role.Ignored).map((c) => `${c.header} → ${c.role}${c.source === 'detected' ? ` (${c.confidence})` : ''}`).join(', '));
  return L;
}

// Trend flags and target gaps of a non-survey kind.
function signalLines(s) {
  if (!s) return [];
  const L = [];
  for (const f of s.trendFlags) L.push(`  trend flag: ${f.period} ${names.label(f.metric)} ${fmt(f.value, 2)} ${f.direction === 'up' ? 'above' : 'below'} the band of the periods before it (median ${fmt(f.median, 2)}, robust z ${fmt(f.robustZ, 1)})`);
  for (const b of s.benchmarks) L.push(`  target ${names.label(b.metric)} ${b.target}: value ${fmt(b.value, 2)}, gap ${b.gap == null ? 'n/a' : `${b.gap >= 0 ? '+' : ''}${fmt(b.gap, 2)}`}`);
  return L;
}

function tailLines(r) {
  const L = signalLines(r.signals);
  if (r.rejected?.length) {
    L.push('', 'rejected');
    for (const x of r.rejected) {
      L.push(`  ${rejectionLabels[x.code]} in ${x.column || '(row)'}: ${x.count} (${fateLabels[x.fate].toLowerCase()})`);
      for (const e of x.examples) L.push(`    row ${e.row}: ${JSON.stringify(e.value)} — ${e.reason}`);
    }
  }
  if (r.warnings.length) {
    L.push('', 'warnings');
    for (const w of r.warnings) L.push(`  ${warningLabels[w.code]}: ${w.message}`);
  }
  return L;
}

/** Rows per weekday, when the data span two weeks or more. */
function weekdayLines(r) {
  const w = r.weekdayProfile;
  if (!w) return [];
  return ['', `${names.label(Metric.WeekdayProfile).toLowerCase()} (index 1 = an average day)`,
    ...w.weekdays.map((d) => `  ${d.weekday.padEnd(10)} ${String(d.rows).padStart(8)} rows on ${String(d.days).padStart(3)} dates  ${fmt(d.perDay, 1).padStart(8)} per date  index ${fmt(d.index, 2)}`)];
}

function datasetLines(r) {
  const d = r.dataset;
  const L = ['', `kept ${d.rowsKept} rows, skipped ${d.rowsSkipped}; ${d.bytesPerRow} bytes per row, ${fmt(d.memoryBytes / 1e6)} MB held`];
  for (const c of d.columns) {
    const extra = [c.distinct !== undefined ? `${c.distinct} distinct` : '', c.min !== undefined ? `${c.min} … ${c.max}` : '', c.missing ? `${c.missing} missing` : ''].filter(Boolean).join(', ');
    L.push(`  ${c.header} (${c.role}, ${c.valueType})${extra ? ': ' + extra : ''}`);
  }
  return L;
}


function eventsLines(r) {
  const e = r.events, s = e.sessions, a = e.activity;
  const last = a.daily[a.daily.length - 1];
  const L = ['', `${e.summary.events} events, ${e.summary.users} users, ${e.summary.sessions} sessions over ${e.summary.days} days (${e.summary.firstEvent} … ${e.summary.lastEvent})${e.settings.preset ? `, preset ${e.settings.preset}` : ''}`];
  L.push(`activity: mean DAU ${fmt(a.meanDau)}, mean stickiness ${pct(a.meanStickiness)} (over ${a.stickinessDays} days with a whole MAU window; every day ${pct(a.meanStickinessAllDays)}); last day ${last?.date}: DAU ${last?.dau}, WAU(${e.settings.wauDays}d) ${last?.wau}, MAU(${e.settings.mauDays}d) ${last?.mau}`);
  L.push(`  as interactions: ${fmt(a.interactionsPerDay.value, 2)} events a day (events / days, not distinct users)${a.periods.length > 1 ? `; by period ${a.periods.map((p) => `${p.period} ${fmt(p.interactionsPerDay, 2)}`).join(', ')}` : ''}`);
  L.push(`sessions (${s.source}, timeout ${e.settings.sessionTimeoutSeconds} s): mean ${fmt(s.meanDurationSeconds)} s (multi-event ${fmt(s.meanDurationMultiEventSeconds)} s), median ${fmt(s.medianDurationSeconds)} s, ${fmt(s.eventsPerSession, 2)} events and ${fmt(s.pageViewsPerSession, 2)} page views per session, ${fmt(s.sessionsPerUser, 2)} per user`);
  L.push(`bounce (${s.bounce.rule}): ${fmt(s.bounce.headline.value)}%  — single event ${fmt(s.bounce.singleEvent.value)}%, not engaged (GA4) ${fmt(s.bounce.notEngaged.value)}%, single page view (PostHog) ${fmt(s.bounce.singlePageView.value)}%`);
  if (e.conversion) L.push(`conversion to ${e.conversion.event}: ${fmt(e.conversion.users.value)}% of users, ${fmt(e.conversion.sessions.value)}% of sessions`);
  if (e.cartAbandonment) L.push(`cart abandonment: ${fmt(e.cartAbandonment.value)}%`);
  if (e.activation) L.push(`activation within ${e.settings.activationDays} days: ${fmt(e.activation.rate.value)}% (${e.activation.activatedUsers} of ${e.activation.signupUsers}); as interactions, those activation events are ${fmt(e.activation.interactionShare.value)}% of all events`);
  L.push(`week-1 engagement: ${fmt(e.week1Engagement.value)}%; as interactions, ${fmt(e.week1EngagementInteractions.value)}% of the same users' events fall in their first 7 days`);
  const ends = e.interactionEnds;
  L.push(`churned (inactive > ${e.settings.churnDays} days): ${fmt(e.churn.value)}% of users`);
  L.push(`  as interactions: exit share ${fmt(ends.exitShare.value, 2)}% of events end their session (turnover / abandonment reading); return share ${fmt(ends.returnShare.value, 2)}% are followed by another event of the session (stickiness reading); after ${ends.exitsFollowedByALaterSession} of the exits the user came back in a later session`);
  if (e.features.length) {
    L.push('', 'feature usage: event, users, % of users, events, % of all events (interactions)');
    for (const x of e.features.slice(0, 10)) L.push(`  ${x.event.padEnd(20)} ${String(x.users).padStart(8)} ${pctv(x.shareOfUsers).padStart(7)} ${String(x.events).padStart(9)} ${pctv(x.shareOfEvents).padStart(7)}`);
  }
  if (e.funnel) {
    L.push('', `funnel (window ${e.settings.funnelWindowDays} days)`);
    for (const st of e.funnel.steps) L.push(`  ${st.event.padEnd(20)} ${String(st.users).padStart(8)}  ${pct(st.conversionFromFirst)} of first, ${pct(st.conversionFromPrevious)} of previous, drop-off ${st.dropOff}${st.medianSecondsFromPrevious !== null ? `, median ${fmt(st.medianSecondsFromPrevious, 0)} s` : ''}`);
  }
  L.push('', `retention by ${e.retention.granularity} (${e.retention.headline}; share of the cohort active in period k)`);
  for (const c of e.retention.cohorts.slice(0, 12)) {
    const rates = e.retention.headline === 'onOrAfter' ? c.onOrAfterRate : c.exactRate;
    L.push(`  ${c.cohort.padEnd(11)} ${String(c.size).padStart(7)}  ${rates.slice(0, 10).map((v) => pct(v, 0).padStart(5)).join(' ')}`);
  }
  L.push('', 'lifecycle: period new returning resurrecting dormant');
  for (const l of e.lifecycle) L.push(`  ${l.period.padEnd(11)} ${l.new} ${l.returning} ${l.resurrecting} ${l.dormant}`);
  return L;
}

function clvLines(c) {
  if (!c) return [];
  return [
    '', `predictive CLV (${c.purchases.modified ? 'MBG/NBD' : 'BG/NBD'} + Gamma-Gamma, ${c.unitDays}-day units, calibration to ${c.calibrationEnd}, as of ${c.asOf})`,
    `  purchases: r ${fmt(c.purchases.r, 3)}, alpha ${fmt(c.purchases.alpha, 3)}, a ${fmt(c.purchases.a, 3)}, b ${fmt(c.purchases.b, 3)}, LL ${fmt(c.purchases.logLikelihood, 1)}`,
    c.spend ? `  spend: p ${fmt(c.spend.p, 3)}, q ${fmt(c.spend.q, 3)}, gamma ${fmt(c.spend.gamma, 3)}, LL ${fmt(c.spend.logLikelihood, 1)}` : '  spend: not enough repeat customers',
    c.holdout ? `  holdout ${c.holdout.from} … ${c.holdout.to}: actual ${c.holdout.actual}, predicted ${fmt(c.holdout.predicted, 1)} repeat purchases` : '  no holdout',
    `  ${c.customers} customers, mean P(alive) ${pct(c.meanPAlive)}, mean CLV over ${c.horizon} units ${money(c.meanClv)}, total ${money(c.totalClv)}`,
    ...c.unreliableReasons.map((why) => `  UNRELIABLE: ${why}`),
  ];
}

function lifetimeLines(lv, cohorts) {
  const i = lv.inputs;
  const L = ['', `lifetime value per customer (pooled: AOV ${money(i.averageOrderValue)}, ${fmt(i.purchaseFrequency, 3)} orders and ARPU ${money(i.arpu)} per active customer-period, churn ${pct(i.churnRate)}, lifespan ${fmt(i.lifespanPeriods, 1)} periods from ${i.lifespanSource})`];
  const width = Math.max(...lv.variants.map((v) => variantLabels[v.variant].length));
  for (const v of lv.variants) L.push(`  ${variantLabels[v.variant].padEnd(width)} ${(v.value == null ? `n/a (${v.unavailableReason})` : money(v.value)).padStart(10)}  ${v.formula}`);
  for (const why of lv.coincidences) L.push(`  (${withVariantLabels(why, lv.variants.map((v) => v.variant), variantLabels)})`);
  const k = cohorts.contractual;
  if (k?.unreliableReason) L.push(`  UNRELIABLE: ${k.unreliableReason}`);
  if (k) L.push(`  contractual (sBG on ${cohorts.cohorts.length} cohorts): alpha ${fmt(k.model.alpha, 3)}, beta ${fmt(k.model.beta, 3)}, LL ${fmt(k.model.logLikelihood, 1)}, median lifetime ${k.medianLifetime ?? 'n/a'} periods, mean ${k.meanLifetime == null ? 'infinite' : fmt(k.meanLifetime, 1)}`);
  return L;
}

function revenueLines(r) {
  const L = [...lifetimeLines(r.lifetimeValue, r.revenue.cohorts), ...clvLines(r.clv), '', `customers and revenue by ${r.options.granularity} (${r.revenue.definition.formula})`];
  L.push('  period      start  lost   new  react   end  retention  churn      revenue   orders     ARPU      AOV    NRR    GRR');
  for (const p of r.revenue.periods) {
    L.push(`  ${p.period.padEnd(10)} ${String(p.startCustomers).padStart(6)} ${String(p.lostCustomers).padStart(5)} ${String(p.newCustomers).padStart(5)} ${String(p.reactivatedCustomers).padStart(6)} ${String(p.endCustomers).padStart(5)}  ${pct(p.retentionRate).padStart(9)} ${pct(p.churnRate).padStart(6)} ${money(p.revenue).padStart(12)} ${String(p.orders).padStart(8)} ${money(p.arpu).padStart(8)} ${money(p.averageOrderValue).padStart(8)} ${pct(p.netRevenueRetention, 0).padStart(6)} ${pct(p.grossRevenueRetention, 0).padStart(6)}`);
  }
  return L;
}

const dur = duration;

// The significant changes (period over period and segment against the rest), in each
// figure's unit: shares in points, engagement rates already in percent, means on their scale.
function significantLines(kind, changes) {
  const sig = changes.filter((c) => c.significant && c.comparison);
  if (!sig.length) return ['  no significant change between periods or segments'];
  return sig.map((c) => `  significant: ${names.label(c.metric)} ${c.baseline}${c.against === Baseline.YearEarlier ? ' (a year earlier)' : ''} → ${c.group} ${difference(c.comparison.difference, names.unitIn(kind, c.metric))}, p ${fmt(c.adjustedPValue ?? c.comparison.pValue, 4)}`);
}

function supportLines(s) {
  const o = s.overall;
  const L = ['', `support (${s.definition.params.resolvedFrom}; handle time in ${s.definition.params.handleTimeUnit})`,
    `  tickets ${o.tickets}, resolved ${o.resolved}, customers ${s.customers ?? 'n/a'}, tickets per customer ${fmt(s.ticketsPerCustomer.value, 2)}`,
    `  first contact resolution ${rate(o.firstContactResolution)}, reopen rate ${rate(o.reopenRate)}, CSAT ${rate(o.csat)}`,
    `  handle time mean ${dur(o.handleTime.mean)}, median ${dur(o.handleTime.median)}, p90 ${dur(o.handleTime.p90)}`,
    `  first response mean ${dur(o.firstResponseTime.mean)}, median ${dur(o.firstResponseTime.median)}, p90 ${dur(o.firstResponseTime.p90)}`,
    `  resolution mean ${dur(o.resolutionTime.mean)}, median ${dur(o.resolutionTime.median)}, p90 ${dur(o.resolutionTime.p90)}`,
    '', '  period      tickets resolved     FCR  reopen  1st resp (med)  resolution (med)   CSAT'];
  L.splice(L.length - 2, 0, ...significantLines(Kind.Tickets, [...s.changes, ...s.segmentChanges]));
  for (const g of s.periods) L.push(`  ${g.name.padEnd(10)} ${String(g.tickets).padStart(8)} ${String(g.resolved).padStart(8)} ${pct(g.firstContactResolution.value).padStart(7)} ${pct(g.reopenRate.value).padStart(7)} ${dur(g.firstResponseTime.median).padStart(15)} ${dur(g.resolutionTime.median).padStart(17)} ${pct(g.csat.value).padStart(6)}`);
  return L;
}

function campaignLines(c) {
  const o = c.overall;
  const L = ['', `campaigns (rates from summed counts; delivered from ${c.definition.params.deliveredFrom}, opens from ${c.definition.params.opensFrom})`];
  for (const [k, v] of Object.entries(o.rates)) {
    L.push(`  ${names.label(k).padEnd(26)} ${v.value == null ? `n/a (${v.unavailableReason})` : figure(v.value, names.unitIn(Kind.Campaigns, k), 2)}`);
  }
  L.push('', '  campaign                      sent   open    CTR  conversion');
  for (const g of c.campaigns.slice(0, 50)) L.push(`  ${g.name.slice(0, 26).padEnd(26)} ${fmt(g.totals.sent, 0).padStart(7)} ${pct(g.rates.openRate.value).padStart(6)} ${pct(g.rates.clickThroughRate.value).padStart(6)} ${pct(g.rates.conversionRate.value).padStart(11)}`);
  if (c.campaigns.length > 50) L.push(`  … ${c.campaigns.length - 50} more in the JSON report`);
  L.push(...significantLines(Kind.Campaigns, [...c.changes, ...c.segmentChanges]));
  return L;
}

const senti = (s) => (s == null ? 'n/a (no text column)' : s.score == null ? 'n/a (no texts)' : `${fmt(s.score, 3)} (${s.positive} positive, ${s.neutral} neutral, ${s.negative} negative of ${s.texts})`);

function socialLines(s) {
  const o = s.overall, t = o.totals, er = (r) => (r.value == null ? `n/a (${r.unavailableReason})` : `${fmt(r.value, 2)}%`);
  const L = ['', `social (${s.definition.formula.split(';')[0]}; saves counted: ${s.definition.params.includeSaves})`,
    `  ${t.posts} posts, ${fmt(t.engagements, 0)} engagements (likes ${fmt(t.likes, 0)}, comments ${fmt(t.comments, 0)}, shares ${fmt(t.shares, 0)}, saves ${fmt(t.saves, 0)})`,
    `  engagement rate by followers ${er(o.engagementRate.byFollowers)}, by impressions ${er(o.engagementRate.byImpressions)}, by reach ${er(o.engagementRate.byReach)}`,
    `  followers at the end ${fmt(o.followersEnd, 0)}`, '', '  period      posts  engagements  rate/followers  rate/impressions  follower growth  rate/total followers'];
  for (const g of s.periods) L.push(`  ${g.name.padEnd(10)} ${String(g.totals.posts).padStart(6)} ${fmt(g.totals.engagements, 0).padStart(12)} ${er(g.engagementRate.byFollowers).padStart(15)} ${er(g.engagementRate.byImpressions).padStart(17)} ${(g.followerGrowth ? pct(g.followerGrowth.value) : '').padStart(16)} ${er(g.audienceEngagementRate).padStart(21)}`);
  L.push(...significantLines(Kind.Social, [...s.changes, ...s.segmentChanges]));
  return L;
}

function voiceLines(kind, v) {
  const o = v.overall;
  const L = ['', `${kind} (sentiment: VADER; score = (positive − negative) / texts)`, `  sentiment ${senti(o.sentiment)}`];
  if (o.ratings) L.push(`  ratings: ${o.ratings.ratings}, mean ${fmt(o.ratings.mean, 2)}, rated ${v.definition.params.goodRatingMin}+ ${pct(o.ratings.goodShare.value)}; ${o.ratings.distribution.map(([r, n]) => `${r}★ ${n}`).join(', ')}`);
  if (kind === Kind.Mentions) L.push(`  mentions ${fmt(o.mentions, 0)}${o.searches == null ? '' : `, searches ${fmt(o.searches, 0)}`}`);
  if (v.ourShareOfVoice) L.push(`  our share of voice (${v.definition.params.brand}) ${pct(v.ourShareOfVoice.value)}`);
  for (const b of v.shareOfVoice[0]?.brands ?? []) L.push(`  ${b.brand.padEnd(20)} ${fmt(b.mentions, 0).padStart(8)} mentions  share of voice ${pct(b.shareOfVoice.value)}${b.shareOfSearch ? `  share of search ${pct(b.shareOfSearch.value)}` : ''}`);
  L.push('', '  period      rows  sentiment');
  for (const g of v.periods) L.push(`  ${g.name.padEnd(10)} ${String(g.rows).padStart(5)}  ${senti(g.sentiment)}${g.ratings ? `  mean rating ${fmt(g.ratings.mean, 2)}` : ''}`);
  L.push(...significantLines(kind, [...v.changes, ...v.segmentChanges]));
  return L;
}

function scanLines(s) {
  const list = (cs) => cs.map((c) => `${c.name} ${c.scans} (${pct(c.share.value)})`).join(', ');
  return ['', `scans: ${s.scans}${s.uniqueScanners == null ? '' : ` by ${s.uniqueScanners} distinct scanners`}`,
    `  by device: ${list(s.byDevice)}`, `  by location: ${list(s.byLocation)}`, `  by period: ${list(s.periods)}`];
}

/**
 * Each kind's lines between the head and the dataset, problems and signals.
 * @type {{ [K in import('./web/engagement_metrics.js').Kind]: (r: Extract<import('./web/engagement_metrics.js').Report, { kind: K }>) => string[] }}
 */
const KIND_LINES = {
  [Kind.Survey]: surveyLines,
  [Kind.Events]: eventsLines,
  [Kind.Transactions]: revenueLines,
  [Kind.Tickets]: (r) => supportLines(r.support),
  [Kind.Campaigns]: (r) => campaignLines(r.campaigns),
  [Kind.Social]: (r) => socialLines(r.social),
  [Kind.Reviews]: (r) => voiceLines(r.kind, r.voice),
  [Kind.Mentions]: (r) => voiceLines(r.kind, r.voice),
  [Kind.Scans]: (r) => scanLines(r.scans),
};

/** The report (or, without options, the schema) as text for a terminal. */
export function renderTable(r) {
  if (!r.options) return [...headLines(r), ...tailLines(r)].join('\n') + '\n';
  return [...headLines(r), ...KIND_LINES[r.kind](r), ...weekdayLines(r), ...datasetLines(r), ...tailLines(r)].join('\n') + '\n';
}

function surveyLines(r) {
  const L = ['', 'overall'];
  L.push(...metricLines(r.overall));
  for (const a of r.overall.answers) L.push(`  ${a.metric} answers: ${a.answered} answered, ${a.blank} blank, ${a.rejected} rejected`);
  if (r.channelCsat) {
    const c = r.channelCsat;
    L.push(`  CSAT weighted by channel (${c.weighting}): ${fmt(c.value)}%  ${iv(c.interval)}  vs pooled ${fmt(c.pooled)}%`);
  }
  if (r.periods.length) {
    L.push('', `by ${r.options.granularity}`);
    for (const p of r.periods) {
      L.push(`  ${p.period}  (${p.metrics.rows} rows)`);
      L.push(...metricLines(p.metrics, '    '));
    }
  }
  const c = r.comparisons;
  if (c && c.periodOverPeriod.length) {
    L.push('', `changes vs the previous period (${Math.round(100 * c.confidence)}% intervals; significant when p < ${fmt(1 - c.confidence, 2)})`);
    for (const m of c.periodOverPeriod) {
      const k = m.comparison;
      const unit = names.unitIn(Kind.Survey, m.metric);
      L.push(k ? `  ${names.label(m.metric)} ${m.baseline} → ${m.group}: ${difference(k.difference, unit)} [${difference(k.differenceInterval?.low, unit)}, ${difference(k.differenceInterval?.high, unit)}], p ${fmt(m.adjustedPValue, 4)}${m.significant ? ' (significant)' : ''}`
        : `  ${names.label(m.metric)} ${m.baseline} → ${m.group}: ${m.unavailableReason ?? 'not comparable'}`);
    }
  }
  for (const s of r.segments) {
    L.push('', `by ${s.column}`);
    for (const g of s.groups) {
      L.push(`  ${g.value}  (${g.metrics.rows} rows)`);
      L.push(...metricLines(g.metrics, '    '));
    }
  }
  return L;
}


export async function report(file, options, chunkSize = 4 << 20) {
  const a = new em.Analyzer(options);
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: chunkSize })) a.push(chunk);
    return a.finish();
  } finally {
    a.free();
  }
}

/** The inferred schema: reads only until the sample of rows is complete. */
export async function inspectFile(file, options, chunkSize = 1 << 20) {
  const a = new em.Analyzer(options);
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: chunkSize })) {
      try {
        a.push(chunk);
      } catch (e) {
        // A schema that cannot be settled is still shown, with its problem.
        const s = a.schema();
        if (s?.problem) return s;
        throw e;
      }
      const s = a.schema();
      if (s) return s;
    }
    return a.finishSchema();
  } finally {
    a.free();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.command === 'version') {
    const b = em.buildInfo();
    process.stdout.write(`${b.name} ${b.version} (${b.gitRevision})\n`);
    return;
  }
  const file = args.file;
  if (args.command !== 'report' || !file) fail(`expected: report FILE\n\n${USAGE}`);
  try {
    statSync(file);
  } catch {
    fail(`cannot read ${args.file}`);
  }
  try {
    const r = await (args.inspect ? inspectFile : report)(file, args.options);
    process.stdout.write(args.json ? JSON.stringify(r, null, 2) + '\n' : renderTable(r));
  } catch (thrown) {
    const e = /** @type {{ code?: string, message?: string }} */ (thrown);
    // A fault of the engine itself (in wasm a panic or an allocation failure ends the instance).
    const code = thrown instanceof WebAssembly.RuntimeError || !e?.code ? ErrorCode.Internal : e.code;
    if (code === ErrorCode.Internal) fail(`error [${code}]: ${file}: the engine failed on this file (${e?.message ?? thrown}); please report it`, 1);
    fail(`error [${code}]: ${e.message}`, 1);
  }
}

// Run only when executed (directly, through a bin symlink or npx), not when imported by tests.
// The path becomes a URL by pathToFileURL: `#`, `%`, spaces and non-ASCII in it stay in the path.
function invoked() {
  try {
    return Boolean(process.argv[1]) && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}
if (invoked()) await main();
