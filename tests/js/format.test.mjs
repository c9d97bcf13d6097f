// How money reads on the page and in the CLI (pkg-config/format.js, shipped as pkg/web/format.js):
// thousands grouped the same way whatever the machine's locale. Expected strings written by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { difference, figure, money } from '../../pkg-config/format.js';
import { Unit } from '../../pkg-config/vocabulary.js';

test('money has thousands separators and two decimals, in any locale', () => {
  assert.equal(money(1234567.891), '1,234,567.89');
  assert.equal(money(-1234.5), '-1,234.50');
  assert.equal(money(12.5), '12.50');
  assert.equal(money(2500, 0), '2,500');
  assert.equal(money(null), 'n/a');
  assert.equal(money(Number.NaN), 'n/a');
});

test('a figure or a difference in the currency unit is money', () => {
  assert.equal(figure(3354, Unit.Currency), '3,354.00');
  assert.equal(difference(1234.5, Unit.Currency), '+1,234.50');
  assert.equal(difference(-1234.5, Unit.Currency), '-1,234.50');
  // Other units keep their own form (no grouping for scores).
  assert.equal(figure(1234.5, Unit.Score), '1234.50');
});
