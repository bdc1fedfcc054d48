// The UI's money and text formatting, checked against the engine's conventions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

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

import { formatNumber, formatPercent } from '../../ui/js/format.js';

const NBSP = '\u00a0';

test('percentages are Swedish, with a non-breaking space and no floating point noise', () => {
  // The faults seen in the app: a discount rate shown as 3,5000000000000004 and a weight share as "23.1 %".
  assert.equal(0.035 * 100, 3.5000000000000004);
  assert.equal(formatPercent(0.035), `3,5${NBSP}%`);
  assert.equal(formatPercent(0.231), `23,1${NBSP}%`);
  assert.equal(formatPercent(1 / 3), `33,3${NBSP}%`);
  assert.equal(formatPercent(0.07), `7,0${NBSP}%`);
  assert.equal(formatPercent(0.025, 2, { trim: true }), `2,5${NBSP}%`);
  assert.equal(formatPercent(0.0325, 2), `3,25${NBSP}%`);
  assert.equal(formatPercent('0.035', 2, { trim: true }), `3,5${NBSP}%`, 'decimal text as the engine sends it');
  assert.equal(formatPercent(0.145, 0), `15${NBSP}%`, 'rounded half away from zero on the decimal text');
  assert.equal(formatPercent(-0.05, 0), `\u22125${NBSP}%`);
  assert.equal(formatPercent(12.5, 0), `1${NBSP}250${NBSP}%`);
  for (const nothing of [null, undefined, '', 'två', Number.NaN, Infinity]) assert.equal(formatPercent(nothing), '');
});

test('numbers are Swedish, rounded on their decimal text', () => {
  assert.equal(formatNumber(3.5000000000000004, 2), '3,50');
  assert.equal(formatNumber(3.5000000000000004, 2, { trim: true }), '3,5');
  assert.equal(formatNumber(0.1 + 0.2, 3, { trim: true }), '0,3');
  assert.equal(formatNumber(1234567.891, 1), `1${NBSP}234${NBSP}567,9`);
  assert.equal(formatNumber(1234567.891), `1${NBSP}234${NBSP}568`);
  assert.equal(formatNumber(0.7512, 3), '0,751');
  assert.equal(formatNumber(0.6666, 2), '0,67');
  assert.equal(formatNumber(9.995, 2), '10,00', 'a carry through every digit');
  assert.equal(formatNumber(999.96, 1), `1${NBSP}000,0`);
  assert.equal(formatNumber(-1234.5), `\u22121${NBSP}235`);
  assert.equal(formatNumber(-0.0001, 2), '0,00', 'no minus before a zero');
  assert.equal(formatNumber(2, 3, { trim: true }), '2');
  assert.equal(formatNumber('2.50', 2), '2,50');
  assert.equal(formatNumber('\u22120.5', 1), '\u22120,5');
  assert.equal(formatNumber(1e-7, 8), '0,00000010');
  assert.equal(formatNumber(2.5e21), `2${NBSP}500${NBSP}000${NBSP}000${NBSP}000${NBSP}000${NBSP}000${NBSP}000`);
  for (const nothing of [null, undefined, '', '1,5', 'tre', Number.NaN, -Infinity, {}]) {
    assert.equal(formatNumber(nothing, 2), '');
  }
});

test('the views format numbers through format.js only', () => {
  // Hand-made number formatting (toFixed, toLocaleString, a decimal point swapped for a comma) gives the faults
  // above; every module of the UI but format.js itself shows numbers with formatNumber and formatPercent instead.
  const modules = (folder) =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? modules(new URL(`${entry.name}/`, folder)) : entry.name.endsWith('.js') ? [new URL(entry.name, folder)] : [],
    );
  const files = modules(new URL('../../ui/js/', import.meta.url)).filter((f) => !f.pathname.endsWith('/js/format.js'));
  assert.ok(files.length > 30 && files.some((f) => f.pathname.endsWith('/views/benefits.js')));
  for (const file of files) {
    const source = readFileSync(new URL(file, import.meta.url), 'utf8');
    for (const pattern of [/\.toFixed\(/, /\.toLocaleString\(/, /replace\('\.', ?','\)/, /Intl\.NumberFormat/]) {
      assert.doesNotMatch(source, pattern, `${file} formats numbers by hand`);
    }
  }
});

test('numbers follow the interface language: English points and commas, inputs that read back', async () => {
  const { formatNumber, formatPercent, formatMoney, moneyInputText, parseMoney, formatDecimal, fractionToPercent, percentToFraction, setNumberLanguage } =
    await import('../../ui/js/format.js');
  try {
    setNumberLanguage('en');
    assert.equal(formatNumber(1234567.891, 1), '1,234,567.9');
    assert.equal(formatNumber(-0.5, 2), '-0.50');
    assert.equal(formatPercent(0.035), '3.5\u00a0%');
    assert.equal(formatMoney(132287029), '1,322,870.29\u00a0kr');
    assert.equal(formatMoney(-99950), '-999.50\u00a0kr');
    // Inputs: a space between groups, so what a field shows is read back as the same amount.
    assert.equal(moneyInputText(150000050), '1\u00a0500\u00a0000.50');
    assert.deepEqual(parseMoney(moneyInputText(150000050)), { ore: 150000050 });
    assert.equal(formatDecimal('1250.5'), '1\u00a0250.5');
    assert.equal(fractionToPercent('0.025'), '2.5');
    assert.deepEqual(percentToFraction(fractionToPercent('0.025')), { value: '0.025' });
    setNumberLanguage('sv');
    assert.equal(formatNumber(1234567.891, 1), '1\u00a0234\u00a0567,9');
    assert.equal(formatPercent(0.035), '3,5\u00a0%');
    assert.equal(moneyInputText(150000050), '1\u00a0500\u00a0000,50');
    assert.equal(fractionToPercent('0.025'), '2,5');
  } finally {
    setNumberLanguage('sv');
  }
});
