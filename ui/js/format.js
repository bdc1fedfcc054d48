// Pure formatting and parsing for the views: money in öre, dates, Swedish sorting. No DOM, no backend.

const NBSP = '\u00a0';
const MINUS = '\u2212';

/**
 * Formats öre as Swedish kronor: 132287029 → "1 322 870,29 kr" (non-breaking spaces, minus sign U+2212).
 * @param {number} ore an integer number of öre
 * @param {{unit?: boolean, decimals?: boolean}} [options]
 */
export function formatMoney(ore, { unit = true, decimals = true } = {}) {
  if (ore === null || ore === undefined) return '';
  const negative = ore < 0;
  const abs = Math.abs(ore);
  const kronor = Math.floor(abs / 100);
  const rest = abs % 100;
  const grouped = String(kronor).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const number = decimals ? `${grouped},${String(rest).padStart(2, '0')}` : grouped;
  return `${negative ? MINUS : ''}${number}${unit ? `${NBSP}kr` : ''}`;
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

/** The text to put in a money input: "1 500 000" or "1 500 000,50" (no unit, decimals only when needed). */
export function moneyInputText(ore) {
  if (ore === null || ore === undefined) return '';
  return ore % 100 === 0 ? formatMoney(ore, { unit: false, decimals: false }) : formatMoney(ore, { unit: false });
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

/** "0.025" → "2,5" (per cent, Swedish decimal comma). */
export function fractionToPercent(value) {
  if (value === null || value === undefined || value === '') return '';
  return shiftDecimal(String(value), 2).replace('.', ',');
}

/** "1250.5" → "1 250,5". */
export function formatDecimal(value) {
  if (value === null || value === undefined || value === '') return '';
  const [whole, fraction] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return fraction ? `${grouped},${fraction}` : grouped;
}
