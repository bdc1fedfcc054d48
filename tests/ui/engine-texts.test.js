// The texts and labels the UI shares with the engine: the engine's vocabulary (tests/ui/vocabulary.json, kept equal
// to what the engine sends by its test `the_ui_tests_read_the_vocabulary…`) against the UI's texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

import * as sv from '../../ui/js/i18n/sv.js';
import * as en from '../../ui/js/i18n/en.js';
import { errorText, fieldLabel, setLanguage, setVocabulary } from '../../ui/js/i18n.js';

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

test('the views keep no copy of the engine rules and limits they once copied (issue 30)', () => {
  const modules = (folder) =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? modules(new URL(`${entry.name}/`, folder)) : entry.name.endsWith('.js') ? [new URL(entry.name, folder)] : [],
    );
  const files = modules(new URL('../../ui/js/', import.meta.url));
  assert.ok(files.some((f) => f.pathname.endsWith('/views/scoring.js')));
  const copies = [
    [/maxlength: *\d/, 'a text limit (the vocabulary’s text_limits)'],
    [/\[\s*9,\s*8,\s*7/, "Saaty's scale (saaty_scale)"],
    [/'planerad',\s*'under_utveckling'/, 'the states a new service starts in (service_starting_states)'],
    [/deadline_days \?\? \d/, "a deviation's default deadline (default_deadline_days)"],
    [/levels <= \d/, 'the score-level limit (max_score_level)'],
    [/const PERIOD = \d/, 'the planning period (planning_period_years)'],
    [/category !== 'verksamhetsspecifik'/, 'which services are shared (every stored one is)'],
    [/const \[year, kind\] = /, "a frame's name split apart (frames come as {year, kind})"],
    [/`\$\{f\.year\} development`/, "a frame's name made up (frames come as {year, kind})"],
    [/\.date >= today|due >= today/, "a date compared with today (the engine's `today`, on the Stockholm date)"],
    [/getFullYear\(\)\}-\$\{pad/, "today made from the system's clock (the engine's `today` is the Stockholm date)"],
    [/getDate\(\) \+ 14/, "a new meeting's suggested date (the engine's draft, new_records.meeting)"],
    [/start_time: '09:00'/, "a new meeting's defaults (new_records.meeting)"],
    [/decision_date: '',/, "a new deviation's defaults (new_records.opt_out and .deviation)"],
  ];
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const [pattern, what] of copies) assert.doesNotMatch(source, pattern, `${file.pathname} copies ${what}`);
  }
  // What replaces them is in the vocabulary the engine sends.
  assert.deepEqual(vocabulary.service_starting_states, ['planerad', 'under_utveckling', 'i_drift']);
  assert.equal(vocabulary.saaty_scale.length, 17);
  assert.equal(vocabulary.saaty_scale[0], 9);
  assert.equal(vocabulary.saaty_scale[16], 1 / 9);
  assert.deepEqual(Object.keys(vocabulary.text_limits).sort(), ['case_number', 'date', 'name', 'text']);
});

test('a refused starting state names the states the engine allows', () => {
  globalThis.document ??= { documentElement: {} };
  setVocabulary(vocabulary);
  try {
    const error = { code: 'service_transition', params: { name: 'X', from: null, to: 'avvecklad', missing: [] } };
    setLanguage('sv');
    assert.equal(errorText(error), 'En ny tjänst börjar som planerad, under utveckling eller i drift.');
    setLanguage('en');
    assert.equal(errorText(error), 'A new service starts as planned, in development or in operation.');
  } finally {
    setLanguage('sv');
    setVocabulary(null);
  }
});
