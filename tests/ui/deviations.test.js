// The deviations register's steps and deadlines, on the bundled sample, with the engine's vocabulary
// (tests/ui/vocabulary.json, kept equal to what the engine sends by its test `the_ui_tests_read_the_vocabulary…`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { isOverdue, isoDate, nextStep, sequence, stepNeeds } from '../../ui/js/deviations-logic.js';

const sample = JSON.parse(readFileSync(new URL('../../assets/sample/portfolio.json', import.meta.url), 'utf8'));
const vocabulary = JSON.parse(readFileSync(new URL('./vocabulary.json', import.meta.url), 'utf8'));
const byId = new Map(sample.deviations.map((d) => [d.id, d]));

test('each kind has the guideline steps in order, the next one after those done', () => {
  assert.equal(nextStep(byId.get(1), vocabulary), 'motivering');
  assert.equal(nextStep(byId.get(2), vocabulary), null, 'every step of the second opt-out is done');
  assert.equal(sequence(byId.get(4), vocabulary)[0], 'kunder_informerade', 'a security deviation informs customers first');
  assert.equal(nextStep(byId.get(4), vocabulary), 'ssg_informerad');
  assert.equal(sequence(byId.get(3), vocabulary).length, 3);
});

test('every deviation of the sample has the steps the engine gives its kind, and its steps done follow them', () => {
  for (const deviation of sample.deviations) {
    const steps = sequence(deviation, vocabulary);
    const engine = vocabulary.deviation_steps.filter((s) => s.kind === deviation.kind && s.security === Boolean(deviation.security));
    assert.equal(engine.length, 1, `one sequence for ${deviation.kind}`);
    assert.deepEqual(steps, engine[0].steps);
    assert.deepEqual(deviation.steps.map((s) => s.step), steps.slice(0, deviation.steps.length), `deviation ${deviation.id}`);
  }
});

test('the deciding steps need their field: the action plan, the board decision its outcome', () => {
  assert.equal(stepNeeds('atgardsplan', vocabulary), 'action_plan');
  assert.equal(stepNeeds('namndbeslut', vocabulary), 'outcome');
  assert.equal(stepNeeds('ssg_informerad', vocabulary), null);
  const keys = vocabulary.deviation_step.map((s) => s.key);
  for (const [step] of vocabulary.deviation_step_needs) assert.ok(keys.includes(step), step);
});

test('open items past their deadline are overdue; closed ones never', () => {
  assert.equal(isOverdue(byId.get(4), '2026-12-03', vocabulary), false);
  assert.equal(isOverdue(byId.get(4), '2026-12-04', vocabulary), true);
  assert.equal(isOverdue(byId.get(2), '2030-01-01', vocabulary), false);
  assert.equal(isoDate(new Date(2026, 0, 5)), '2026-01-05');
});
