import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { errorText, problemText, setLanguage, setVocabulary } from '../../ui/js/i18n.js';
import * as en from '../../ui/js/i18n/en.js';
import * as sv from '../../ui/js/i18n/sv.js';

globalThis.document ??= { documentElement: {} };

// Every code and key the engine sends, by the prefix the UI keeps its text under. Written by the engine
// (src/error.rs, catalogue) and kept equal to it by tests/engine/codes.rs.
const catalogue = JSON.parse(readFileSync(new URL('./engine-codes.json', import.meta.url), 'utf8'));

for (const [language, texts] of [['sv', sv.strings], ['en', en.strings]]) {
  test(`every code the engine sends has its own text in ${language}`, () => {
    assert.ok(catalogue.error.length >= 30 && catalogue.reason.length >= 30, JSON.stringify(catalogue).slice(0, 200));
    const missing = Object.entries(catalogue).flatMap(([prefix, codes]) =>
      codes.map((code) => `${prefix}.${code}`).filter((key) => !texts[key]?.trim()));
    assert.deepEqual(missing, []);
  });
}

test('a reason with parameters reads them typed, never from its key', () => {
  setLanguage('sv');
  setVocabulary({
    track: [{ key: 'gemensam', sv: 'Gemensam', en: 'Shared' }],
    service_category: [{ key: 'specialist', sv: 'Specialisttjänst', en: 'Specialist service' }],
    deviation_step: [{ key: 'dialog', sv: 'Dialog', en: 'Dialogue' }],
  });
  assert.equal(problemText({ code: 'not_allowed', reason: 'zero_total_volume', year: 2027 }),
    'Den sammanlagda prognosvolymen är noll år 2027.');
  assert.match(problemText({ code: 'not_allowed', reason: 'not_on_track', track: 'gemensam' }), /spåret Gemensam/);
  assert.match(problemText({ code: 'not_allowed', reason: 'not_for_category', category: 'specialist' }), /Specialisttjänst/);
  assert.match(problemText({ code: 'not_allowed', reason: 'step_order', expected: 'dialog' }), /Nästa steg är: Dialog/);
  assert.equal(problemText({ code: 'not_allowed', reason: 'no_such_reason' }), 'Värdet är inte tillåtet här.');
});

test('a funding error names its field and rule in Swedish, whatever the English message says', () => {
  setLanguage('sv');
  const error = { code: 'funding', message: 'anything at all' };
  const text = errorText(error, { field: 'investment.rate', rule: { code: 'not_allowed', reason: 'no_rate_in_force', year: 2027 } });
  assert.match(text, /^Finansieringsjämförelsen kunde inte beräknas\. Ränta \(%\): Det finns ingen ränta .*2027/);
  const benefits = errorText({ code: 'benefits' }, { field: 'flows', rule: { code: 'not_allowed', reason: 'too_few_flows' } });
  assert.match(benefits, /Nyttokalkylen .* minst två flöden/);
});

test('a selection error shows its kind with amounts in kronor', () => {
  setLanguage('sv');
  const text = errorText({ code: 'selection' }, { kind: 'mandatory_over_frame', items: 'SLK-2026-00001', frame: '2027', cost: 150000, limit: 100000 });
  assert.match(text, /SLK-2026-00001/);
  assert.match(text, /1\s500,00\skr/);
  assert.match(text, /1\s000,00\skr/);
  assert.doesNotMatch(text, /\{|\}|undefined/);
});

test('a paper that cannot be made says why', () => {
  setLanguage('sv');
  const text = errorText({ code: 'paper', message: 'english' }, { problem: 'no_decision_on_item', item: 3, title: 'Ny e-tjänst' });
  assert.match(text, /^Handlingen kunde inte skapas: inget beslut är fattat under punkt 3 \(”Ny e-tjänst”\)/);
  assert.equal(errorText({ code: 'paper' }), 'Handlingen kunde inte skapas.');
});
