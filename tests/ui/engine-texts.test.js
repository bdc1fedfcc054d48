// The texts and labels the UI shares with the engine: the engine's vocabulary (tests/ui/vocabulary.json, kept equal
// to what the engine sends by its test `the_ui_tests_read_the_vocabulary…`) against the UI's texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import * as sv from '../../ui/js/i18n/sv.js';
import * as en from '../../ui/js/i18n/en.js';
import { fieldLabel, setLanguage, setVocabulary } from '../../ui/js/i18n.js';

const vocabulary = JSON.parse(readFileSync(new URL('./vocabulary.json', import.meta.url), 'utf8'));

test('a field forms and sheets share is labelled as the engine labels it, in both languages', () => {
  globalThis.document ??= { documentElement: {} };
  setVocabulary(vocabulary);
  try {
    for (const [language, key] of [['sv', 'sv'], ['en', 'en']]) {
      setLanguage(language);
      for (const label of vocabulary.field_labels) {
        const entities = label.entity ? [label.entity] : ['initiative', 'service'];
        for (const entity of entities) {
          const own = vocabulary.field_labels.some((l) => l.entity === entity && l.field === label.field && l !== label);
          if (!own) assert.equal(fieldLabel(entity, label.field), label[key], `${entity}.${label.field} (${language})`);
        }
      }
    }
    setLanguage('sv');
    assert.equal(fieldLabel('initiative', 'funding_model'), 'Finansieringsmodell', "the guideline's word");
    assert.equal(fieldLabel('initiative', 'costs[0].development'), 'Utveckling (kr)', 'the UI keeps its own labels');
  } finally {
    setLanguage('sv');
    setVocabulary(null);
  }
});

test('the UI keeps no copy of a label the engine defines, nor of the phases', () => {
  for (const [language, texts] of [['sv', sv], ['en', en]]) {
    for (const label of vocabulary.field_labels) {
      const table = texts.fields[label.entity ?? 'common'] ?? {};
      assert.ok(!(label.field in table), `${language}: ${label.entity ?? 'common'}.${label.field} copies the engine's label`);
    }
    assert.deepEqual(Object.keys(texts.strings).filter((k) => k.startsWith('board.phase_')), [], `${language}: phase labels`);
  }
  assert.deepEqual(vocabulary.phase.map((p) => p.key), vocabulary.states_by_phase.map(([phase]) => phase));
});
