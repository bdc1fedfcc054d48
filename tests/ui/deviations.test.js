// The deviations register's steps and deadlines, on the bundled sample, with the engine's vocabulary
// (tests/ui/vocabulary.json, kept equal to what the engine sends by its test `the_ui_tests_read_the_vocabulary…`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { isPracticeStep } from '../../ui/js/deviations-logic.js';

const sample = JSON.parse(readFileSync(new URL('../../assets/sample/portfolio.json', import.meta.url), 'utf8'));
const vocabulary = JSON.parse(readFileSync(new URL('./vocabulary.json', import.meta.url), 'utf8'));
const byId = new Map(sample.deviations.map((d) => [d.id, d]));

test('the vocabulary names the practice step apart, and what each step needs is a known step', () => {
  assert.deepEqual(vocabulary.deviation_practice_steps, ['atgardsplan']);
  assert.ok(isPracticeStep('atgardsplan', vocabulary) && !isPracticeStep('ssg_informerad', vocabulary));
  const keys = vocabulary.deviation_step.map((s) => s.key);
  for (const [step] of vocabulary.deviation_step_needs) assert.ok(keys.includes(step), step);
});

test('the sample avsteg from a framework has no service', () => {
  const framework = sample.deviations.filter((d) => d.framework);
  assert.equal(framework.length, 1);
  assert.equal(framework[0].service_id, null);
  assert.ok(vocabulary.framework.some((f) => f.key === framework[0].framework));
});

test('the UI asks the engine for a deviation\'s steps, next step and overdue, and keeps no copy (issue 30)', () => {
  const source = (path) => readFileSync(new URL(`../../ui/js/${path}`, import.meta.url), 'utf8');
  const logic = source('deviations-logic.js');
  for (const copied of ['nextStep', 'isOverdue', 'sequence', 'stepNeeds']) {
    assert.doesNotMatch(logic, new RegExp(`export function ${copied}\\b`), copied);
  }
  assert.match(source('views/deviations.js'), /ctx\.deviationFacts\(\[form\.draft\]\)/);
  assert.match(source('app.js'), /backend\.deviationFacts\(deviations\)/);
});
