// Pure formatting and parsing for the views: money in öre, dates, Swedish sorting. No DOM, no backend.

const NBSP = '\u00a0';
const MINUS = '\u2212';

/**
 * How numbers are written in the interface's language: Swedish "1 234 567,9" and "−3"; English "1,234,567.9" and
 * "-3". Inputs keep spaces between groups in both ("1 500 000.50"), so that what a field shows is read back as it
 * was (parseMoney and parseDecimal take a space as a group and either mark as the decimal).
 */
const NUMBER_STYLES = {
  sv: { decimal: ',', group: NBSP, minus: MINUS },
  en: { decimal: '.', group: ',', minus: '-' },
};
let shown = NUMBER_STYLES.sv;
let typed = NUMBER_STYLES.sv;

/** The interface's language for numbers: i18n.js's setLanguage calls it. */
export function setNumberLanguage(language) {
  shown = NUMBER_STYLES[language] ?? NUMBER_STYLES.sv;
  typed = { ...shown, group: NBSP };
}

function grouped(digits, style) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, style.group);
}

/**
 * Formats öre as kronor: 132287029 → "1 322 870,29 kr" in Swedish (non-breaking spaces, minus sign U+2212),
 * "1,322,870.29 kr" in English.
 * @param {number} ore an integer number of öre
 * @param {{unit?: boolean, decimals?: boolean}} [options]
 */
export function formatMoney(ore, { unit = true, decimals = true } = {}) {
  return moneyText(ore, unit, decimals, shown);
}

function moneyText(ore, unit, decimals, style) {
  if (ore === null || ore === undefined) return '';
  const negative = ore < 0;
  const abs = Math.abs(ore);
  const kronor = grouped(String(Math.floor(abs / 100)), style);
  const number = decimals ? `${kronor}${style.decimal}${String(abs % 100).padStart(2, '0')}` : kronor;
  return `${negative ? style.minus : ''}${number}${unit ? `${NBSP}kr` : ''}`;
}

/**
 * The largest amount, either sign, that the engine accepts: 10¹² kr in öre (samordna::Money::LIMIT, a bound of
 * this tool, not of the guideline).
 */
const MONEY_LIMIT_ORE = 100_000_000_000_000n;

/**
 * Reads what officials type as an amount: "1 500 000", "1500000,50", "1 322 870,29 kr", "12.5", the way the engine
 * reads it (`impl FromStr for Money`; the shared cases are in tests/vectors/money.json).
 * Returns {ore} or {error: 'empty' | 'invalid' | 'decimals' | 'too_large'}. Works on the text, never on floats.
 * @param {string} text
 */
export function parseMoney(text) {
  let s = String(text ?? '').trim();
  s = s.replace(/(kr|SEK)$/, '').trim();
  if (s === '') return { error: 'empty' };
  let negative = false;
  if (s[0] === '-' || s[0] === MINUS) {
    negative = true;
    s = s.slice(1).trim();
  }
  // Digit groups are separated by ordinary, non-breaking or narrow non-breaking spaces; nothing else.
  s = s.replace(/[ \u00a0\u202f]/g, '');
  const match = /^(\d+)(?:[,.](\d*))?$/.exec(s);
  if (!match) return { error: 'invalid' };
  const [, whole, fraction = ''] = match;
  if (fraction.length > 2) return { error: 'decimals' };
  const ore = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (ore > MONEY_LIMIT_ORE) return { error: 'too_large' };
  return { ore: negative && ore !== 0n ? -Number(ore) : Number(ore) };
}

/**
 * The text to put in a money input: "1 500 000" or "1 500 000,50" ("1 500 000.50" in English: spaces between
 * groups, so that parseMoney reads it back), no unit, decimals only when needed.
 */
export function moneyInputText(ore) {
  if (ore === null || ore === undefined) return '';
  return moneyText(ore, false, ore % 100 !== 0, typed);
}

/**
 * Formats an RFC 3339 time in Swedish time (Europe/Stockholm, as the engine's papers and reports do, whatever the
 * computer's zone): "26 nov. 2026 14:03" (sv) or "26 Nov 2026, 14:03" (en).
 * @param {string} iso
 * @param {'sv'|'en'} language
 */
export function formatDateTime(iso, language) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'sv-SE', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(date);
}

const collator = new Intl.Collator('sv', { sensitivity: 'base', numeric: true });

/** Compares texts the Swedish way (å, ä, ö after z), ignoring case. */
export function compareText(a, b) {
  return collator.compare(a ?? '', b ?? '');
}

/** Lower-cased text for searching, with white space folded. */
export function searchable(text) {
  return String(text ?? '').toLocaleLowerCase('sv').replace(/\s+/g, ' ');
}

/** "0012.500" → "12.5"; "-0.0" → "0". Works on the text, never on floats. */
function tidyDecimal(text) {
  let [whole, fraction = ''] = text.split('.');
  const negative = whole.startsWith('-');
  whole = whole.replace('-', '').replace(/^0+(?=\d)/, '');
  fraction = fraction.replace(/0+$/, '');
  const body = fraction ? `${whole}.${fraction}` : whole;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/**
 * Reads a decimal number as people type it ("1 250,5", "0.025"), returning {value} as a plain decimal text
 * ("1250.5") or {error: 'empty' | 'invalid'}.
 */
export function parseDecimal(text) {
  const s = String(text ?? '').trim().replace(/[\s\u00a0\u202f]/g, '').replace(',', '.').replace('\u2212', '-');
  if (s === '') return { error: 'empty' };
  if (!/^-?\d+(\.\d+)?$/.test(s)) return { error: 'invalid' };
  return { value: tidyDecimal(s) };
}

/** Moves the decimal point of a plain decimal text `places` steps (negative = left). */
export function shiftDecimal(value, places) {
  const negative = value.startsWith('-');
  let [whole, fraction = ''] = value.replace('-', '').split('.');
  if (places < 0) {
    whole = whole.padStart(-places + 1, '0');
    fraction = whole.slice(places) + fraction;
    whole = whole.slice(0, places);
  } else {
    fraction = fraction.padEnd(places, '0');
    whole += fraction.slice(0, places);
    fraction = fraction.slice(places);
  }
  return tidyDecimal(`${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`);
}

/** "2,5" (per cent) → {value: "0.025"}. */
export function percentToFraction(text) {
  const parsed = parseDecimal(text);
  return parsed.error ? parsed : { value: shiftDecimal(parsed.value, -2) };
}

/** "0.025" → "2,5" (per cent, for an input: "2.5" in English). */
export function fractionToPercent(value) {
  if (value === null || value === undefined || value === '') return '';
  return formatDecimal(shiftDecimal(String(value), 2));
}

/** "1250.5" → "1 250,5" for an input ("1 250.5" in English), every decimal kept. */
export function formatDecimal(value) {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  const negative = text.startsWith('-') || text.startsWith(MINUS);
  const [whole, fraction] = text.replace(/^[-\u2212]/, '').split('.');
  return `${negative ? typed.minus : ''}${grouped(whole, typed)}${fraction ? `${typed.decimal}${fraction}` : ''}`;
}

/**
 * A number as plain decimal text ("3.5", "-0.00000015"), without exponent and without the noise of binary fractions
 * (3.5000000000000004 → "3.5", 0.1 + 0.2 → "0.3"): 15 significant digits, as many as a double holds. Decimal text
 * as the engine sends it ("0.035") is taken as it is. null for what is not a finite number.
 */
function plainDecimal(value) {
  if (typeof value === 'string') {
    const text = value.trim().replace(MINUS, '-');
    return /^-?\d+(\.\d+)?$/.test(text) ? tidyDecimal(text) : null;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const [mantissa, exponent] = String(Number(value.toPrecision(15))).split('e');
  return exponent === undefined ? tidyDecimal(mantissa) : shiftDecimal(tidyDecimal(mantissa), Number(exponent));
}

/** "0999" → "1000": one added to a string of digits. */
function incremented(digits) {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i -= 1) {
    if (out[i] !== '9') {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
    out[i] = '0';
  }
  return `1${out.join('')}`;
}

/**
 * Formats a number in the interface's language (Swedish: decimal comma, non-breaking spaces between groups of
 * thousands, the minus sign U+2212; English: "1,234,567.9", "-3"); rounded half away from zero to `digits` decimals, on the decimal text, so that 0.035 × 100 shows as
 * "3,5" and never as "3,5000000000000004". Takes a number or decimal text ("0.035"); '' for anything else.
 * 1234567.891 → "1 234 567,9" (digits 1); 3.5 → "3,50" (digits 2), "3,5" with {trim: true} (trailing zeros of the
 * decimals dropped).
 * @param {number|string} value
 * @param {number} [digits] decimals, 0 by default
 * @param {{trim?: boolean}} [options]
 */
export function formatNumber(value, digits = 0, { trim = false } = {}) {
  const text = plainDecimal(value);
  if (text === null) return '';
  const negative = text.startsWith('-');
  let [whole, fraction = ''] = text.replace('-', '').split('.');
  if (fraction.length > digits) {
    const up = fraction[digits] >= '5';
    let kept = whole + fraction.slice(0, digits);
    if (up) kept = incremented(kept);
    whole = kept.slice(0, kept.length - digits);
    fraction = kept.slice(kept.length - digits);
  }
  fraction = trim ? fraction.replace(/0+$/, '') : fraction.padEnd(digits, '0');
  whole = whole.replace(/^0+(?=\d)/, '') || '0';
  const zero = !/[1-9]/.test(whole + fraction);
  return `${negative && !zero ? shown.minus : ''}${grouped(whole, shown)}${fraction ? `${shown.decimal}${fraction}` : ''}`;
}

/**
 * Formats a fraction as a percentage: 0.035 → "3,5 %" ("3.5 %" in English), 0.231 → "23,1 %" (a non-breaking
 * space before the sign), as formatNumber formats the number of per cent (the decimal point moved on the text, no floating point
 * noise). Takes a number or decimal text; '' for anything else.
 * @param {number|string} fraction
 * @param {number} [digits] decimals of the percentage, 1 by default
 * @param {{trim?: boolean}} [options]
 */
export function formatPercent(fraction, digits = 1, options = {}) {
  const text = plainDecimal(fraction);
  if (text === null) return '';
  return `${formatNumber(shiftDecimal(text, 2), digits, options)}${NBSP}%`;
}
