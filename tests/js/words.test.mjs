// The comparisons in plain words (www/render/words.js), on hand-made change rows: a rise, a
// fall, not significant, too few to test, a year earlier, a segment against the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changeLine, changeSentence, chanceWords, headlineChanges, magnitude } from '../../www/render/words.js';

/** A change row as the reports have them. */
const row = ({ metric = 'nps', against = 'previousPeriod', baseline = '2024-03', group = '2024-04', difference = 0, p = 0.5, adjusted = p, significant = false, reason = null } = {}) => ({
  metric, against, baseline, group,
  comparison: reason ? null : { difference, differenceInterval: null, relative: null, relativeInterval: null, statistic: 0, pValue: p, test: 'z' },
  adjustedPValue: reason ? null : adjusted, significant, unavailableReason: reason,
});
const nps = { label: 'Net Promoter Score', unit: 'points', noun: 'answers' };

test('a significant fall reads with its size, its periods and how rare chance makes it', () => {
  assert.equal(changeSentence(row({ difference: -8, p: 0.035, significant: true }), nps),
    'Net Promoter Score fell 8.00 points from 2024-03 to 2024-04; a change this large happens by chance less than 4 % of the time.');
});

test('a rise of a share reads in percentage points; a tiny p as "less than 0.1 %"', () => {
  assert.equal(changeSentence(row({ metric: 'openRate', difference: 0.0213, p: 0.0004, significant: true }), { label: 'Open rate', unit: 'ratio' }),
    'Open rate rose 2.13 points from 2024-03 to 2024-04; a change this large happens by chance less than 0.1 % of the time.');
});

test('not significant: the p-value, and "could be chance"', () => {
  assert.equal(changeSentence(row({ difference: 3.5, p: 0.31 }), nps),
    'Net Promoter Score rose 3.50 points from 2024-03 to 2024-04; not significant (p = 0.31): could be chance.');
  assert.equal(changeSentence(row({ metric: 'handleTime', difference: -95, p: 0.004 }), { label: 'Handle time', unit: 'seconds' }),
    'Handle time fell 95 s from 2024-03 to 2024-04; not significant (p = 0.004): could be chance.');
});

test('too few to test: says so with the sizes, never a verdict', () => {
  const s = changeSentence(row({ reason: 'too few to test (n = 12 and 9; the test needs at least 30 in each)' }), nps);
  assert.equal(s, 'Net Promoter Score from 2024-03 to 2024-04: too few answers to tell (n = 12 and 9).');
  assert.doesNotMatch(s, /significant|chance/);
  assert.equal(changeLine(row({ reason: 'too few to test (n = 12 and 9)' }), 'points'), '2024-04 vs 2024-03: too few to test');
});

test('a year earlier names the same period a year before', () => {
  assert.equal(changeSentence(row({ metric: 'arpu', against: 'yearEarlier', baseline: '1997-04', group: '1998-04', difference: 3.2, p: 0.012, significant: true }), { label: 'ARPU', unit: 'currency' }),
    'ARPU rose 3.20 from 1997-04 to 1998-04 (the same period a year earlier); a change this large happens by chance less than 2 % of the time.');
});

test('a segment against the rest: higher or lower, with its Holm-adjusted p', () => {
  assert.equal(changeSentence(row({ against: 'restOfBreakdown', baseline: 'rest of channel', group: 'email', difference: 24.7, p: 0.004, adjusted: 0.016, significant: true }), nps),
    'Net Promoter Score is 24.70 points higher for email than for the rest of channel; a difference this large happens by chance less than 2 % of the time, adjusted for the other segments.');
  assert.equal(changeSentence(row({ against: 'restOfBreakdown', baseline: 'rest of channel', group: 'phone', difference: -0.19, p: 0.98, adjusted: 1 }), nps),
    'Net Promoter Score is 0.19 points lower for phone than for the rest of channel; not significant (p = 1.00, adjusted for the other segments): could be chance.');
});

test('the card line, and the rows picked: the latest full periods, a year earlier, the closest segment', () => {
  assert.equal(changeLine(row({ difference: -8, p: 0.035, significant: true }), 'points'), '2024-04: -8.00 points vs 2024-03 (significant, p = 0.04)');
  const rows = [
    row({ baseline: '2024-02', group: '2024-03', difference: 1 }),
    row({ baseline: '2024-03', group: '2024-04', difference: 2 }),
    row({ baseline: '2024-04', group: '2024-05', difference: 3 }),
    row({ against: 'yearEarlier', baseline: '2023-04', group: '2024-04', difference: 4 }),
    row({ against: 'restOfBreakdown', baseline: 'rest of channel', group: 'a', p: 0.2, adjusted: 0.4 }),
    row({ against: 'restOfBreakdown', baseline: 'rest of channel', group: 'b', p: 0.01, adjusted: 0.02 }),
    row({ metric: 'csat', baseline: '2024-03', group: '2024-04', difference: 9 }),
  ];
  const picked = headlineChanges(rows, 'nps', new Set(['2024-05']));
  assert.equal(picked.previous?.group, '2024-04'); // 2024-05 is partial
  assert.equal(picked.yearEarlier?.baseline, '2023-04');
  assert.equal(picked.segment?.group, 'b');
  assert.equal(headlineChanges(rows, 'ces').previous, null);
  assert.equal(chanceWords(0.0499), 'less than 5 %');
  assert.equal(chanceWords(0.05), 'less than 6 %');
  assert.equal(magnitude(-0.05, 'ratio'), '5.00 points');
});

test('a brand\'s share of voice: the brand said once, partial periods read through "Brand: period"', () => {
  const sov = { label: 'Share of voice', unit: 'ratio' };
  assert.equal(changeSentence(row({ metric: 'shareOfVoice', baseline: 'Acme: 2024-04', group: 'Acme: 2024-05', difference: -0.0256, p: 0.68 }), sov),
    'Share of voice fell 2.56 points for Acme from 2024-04 to 2024-05; not significant (p = 0.68): could be chance.');
  const rows = ['Acme', 'Globex'].flatMap((b, k) => [
    row({ metric: 'shareOfVoice', baseline: `${b}: 2024-04`, group: `${b}: 2024-05`, p: k ? 0.1 : 0.6 }),
    row({ metric: 'shareOfVoice', baseline: `${b}: 2024-05`, group: `${b}: 2024-06`, p: 0.01 }),
  ]);
  assert.equal(headlineChanges(rows, 'shareOfVoice', new Set(['2024-06'])).previous?.group, 'Globex: 2024-05');
});
