// The deviations register's steps and deadlines, on the bundled sample, with the engine's vocabulary
// (tests/ui/vocabulary.json, kept equal to what the engine sends by its test `the_ui_tests_read_the_vocabulary…`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { isOverdue, isPracticeStep, isoDate, nextStep, sequence, stepNeeds } from '../../ui/js/deviations-logic.js';

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

test('the deciding steps need their fields: the action plan, the motivation, the board decision with its outcome, date and board', () => {
  assert.deepEqual(stepNeeds('atgardsplan', vocabulary), ['action_plan']);
  assert.deepEqual(stepNeeds('motivering', vocabulary), ['motivation']);
  assert.deepEqual(stepNeeds('namndbeslut', vocabulary), ['outcome', 'decision_date', 'decided_by_id']);
  assert.deepEqual(stepNeeds('ssg_informerad', vocabulary), []);
  const keys = vocabulary.deviation_step.map((s) => s.key);
  for (const [step] of vocabulary.deviation_step_needs) assert.ok(keys.includes(step), step);
});

test('open items past their deadline are overdue; closed ones never', () => {
  assert.equal(isOverdue(byId.get(4), '2026-12-03', vocabulary), false);
  assert.equal(isOverdue(byId.get(4), '2026-12-04', vocabulary), true);
  assert.equal(isOverdue(byId.get(2), '2030-01-01', vocabulary), false);
  assert.equal(isoDate(new Date(2026, 0, 5)), '2026-01-05');
});

test('the action plan step is the city practice: kept by default, left out when the parameters switch it off', () => {
  assert.deepEqual(vocabulary.deviation_practice_steps, ['atgardsplan']);
  assert.ok(isPracticeStep('atgardsplan', vocabulary) && !isPracticeStep('ssg_informerad', vocabulary));
  const open = byId.get(3);
  const on = { action_plan_step: true };
  const off = { action_plan_step: false };
  assert.deepEqual(sequence(open, vocabulary, on), ['ssg_informerad', 'atgardsplan', 'rapporterad']);
  assert.deepEqual(sequence(open, vocabulary), sequence(open, vocabulary, on), 'no parameters: the default');
  assert.deepEqual(sequence(open, vocabulary, off), ['ssg_informerad', 'rapporterad']);
  assert.equal(nextStep(open, vocabulary, off), 'rapporterad');
  // A step of the practice already done stays in its place.
  const planned = { ...open, steps: [...open.steps, { step: 'atgardsplan', date: '2026-11-01', note: '' }] };
  assert.deepEqual(sequence(planned, vocabulary, off), ['ssg_informerad', 'atgardsplan', 'rapporterad']);
  // An opt-out's steps are all the guideline's.
  assert.deepEqual(sequence(byId.get(1), vocabulary, off), sequence(byId.get(1), vocabulary, on));
});

test('the sample avsteg from a framework has no service and waits for its written motivation', () => {
  const framework = sample.deviations.filter((d) => d.framework);
  assert.equal(framework.length, 1);
  assert.equal(framework[0].service_id, null);
  assert.ok(vocabulary.framework.some((f) => f.key === framework[0].framework));
  assert.equal(nextStep(framework[0], vocabulary), 'motivering');
});
