// The UI's money and text formatting, checked against the engine's conventions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { compareText, formatDateTime, formatMoney, moneyInputText, parseMoney } from '../../ui/js/format.js';

test('formats öre as Swedish kronor with non-breaking spaces', () => {
  assert.equal(formatMoney(132287029), '1\u00a0322\u00a0870,29\u00a0kr');
  assert.equal(formatMoney(5), '0,05\u00a0kr');
  assert.equal(formatMoney(-99950), '\u2212999,50\u00a0kr');
  assert.equal(formatMoney(100000000, { decimals: false }), '1\u00a0000\u00a0000\u00a0kr');
  assert.equal(formatMoney(null), '');
});

test('reads what officials type, exactly, without floats', () => {
  const cases = [
    ['1 322 870,29 kr', 132287029],
    ['1322870.29', 132287029],
    ['1\u00a0000\u00a0000', 100000000],
    ['12,5', 1250],
    ['-500', -50000],
    ['0,10', 10],
    // 0.1 + 0.2 style traps: parsed from text, so exact.
    ['0,29', 29],
    ['999 999 999 999,99', 99999999999999],
  ];
  for (const [text, ore] of cases) assert.deepEqual(parseMoney(text), { ore }, text);
});

test('refuses what is not an amount, saying why', () => {
  assert.deepEqual(parseMoney(''), { error: 'empty' });
  assert.deepEqual(parseMoney('tolv kronor'), { error: 'invalid' });
  assert.deepEqual(parseMoney('1,234'), { error: 'decimals' });
  assert.deepEqual(parseMoney('1,2,3'), { error: 'invalid' });
  assert.deepEqual(parseMoney('99999999999999999'), { error: 'too_large' });
});

// The engine's tests read the same cases (tests/engine/money.rs), so both sides format and read amounts alike.
const vectors = JSON.parse(readFileSync(new URL('../vectors/money.json', import.meta.url), 'utf8'));

test('formats every shared money vector as the engine does', () => {
  assert.ok(vectors.format.length > 10);
  for (const { ore, text, number } of vectors.format) {
    assert.equal(formatMoney(ore), text, `${ore}`);
    assert.equal(formatMoney(ore, { unit: false }), number, `${ore}`);
    assert.deepEqual(parseMoney(text), { ore }, text);
  }
});

test('reads or refuses every shared money vector as the engine does', () => {
  assert.ok(vectors.parse.length > 10);
  for (const { text, ore, error } of vectors.parse) {
    assert.deepEqual(parseMoney(text), error === undefined ? { ore } : { error }, JSON.stringify(text));
  }
});

test('money inputs show whole kronor without decimals and round trip', () => {
  assert.equal(moneyInputText(150000000), '1\u00a0500\u00a0000');
  assert.equal(moneyInputText(150000050), '1\u00a0500\u00a0000,50');
  for (const ore of [0, 1, 99, 100, 123456789, 150000050]) {
    assert.deepEqual(parseMoney(moneyInputText(ore)), { ore });
  }
});

test('sorts the Swedish way', () => {
  const names = ['Östra', 'Ängen', 'Zeta', 'Åsen', 'alfa'];
  assert.deepEqual([...names].sort(compareText), ['alfa', 'Zeta', 'Åsen', 'Ängen', 'Östra']);
});

import { formatDecimal, fractionToPercent, parseDecimal, percentToFraction, shiftDecimal } from '../../ui/js/format.js';

test('decimals are read exactly as text', () => {
  assert.deepEqual(parseDecimal('1 250,50'), { value: '1250.5' });
  assert.deepEqual(parseDecimal('0.025'), { value: '0.025' });
  assert.deepEqual(parseDecimal('007'), { value: '7' });
  assert.deepEqual(parseDecimal(''), { error: 'empty' });
  assert.deepEqual(parseDecimal('två'), { error: 'invalid' });
  assert.deepEqual(parseDecimal('1,2,3'), { error: 'invalid' });
  assert.equal(formatDecimal('1250.5'), '1\u00a0250,5');
});

test('per cent and fractions convert without floating point', () => {
  assert.deepEqual(percentToFraction('2,5'), { value: '0.025' });
  assert.deepEqual(percentToFraction('3.1'), { value: '0.031' });
  assert.deepEqual(percentToFraction('100'), { value: '1' });
  assert.deepEqual(percentToFraction('0,05'), { value: '0.0005' });
  assert.equal(fractionToPercent('0.025'), '2,5');
  assert.equal(fractionToPercent('0.0005'), '0,05');
  assert.equal(fractionToPercent(null), '');
  assert.equal(shiftDecimal('12.345', -3), '0.012345');
  assert.equal(shiftDecimal('0.012345', 3), '12.345');
  // 0.1 + 0.2 would not be 0.3 in floats; these are texts.
  for (const text of ['0,1', '0,2', '0,3', '12,75', '99,99']) {
    assert.equal(fractionToPercent(percentToFraction(text).value), text);
  }
});

test('shows stored times in Swedish time, winter and summer, whatever the computer’s zone', () => {
  // 00:30 in Göteborg is still the day before in UTC.
  assert.equal(formatDateTime('2026-12-01T23:30:00Z', 'sv'), '2 dec. 2026 00:30');
  assert.equal(formatDateTime('2026-12-01T23:30:00Z', 'en'), '2 Dec 2026, 00:30');
  assert.equal(formatDateTime('2026-06-30T22:30:00Z', 'sv'), '1 juli 2026 00:30');
  assert.equal(formatDateTime('inte en tid', 'sv'), 'inte en tid');
});
