// The deviations register's steps and deadlines, on the bundled sample.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { isOverdue, isoDate, nextStep, sequence } from '../../ui/js/deviations-logic.js';

const sample = JSON.parse(readFileSync(new URL('../../assets/sample/portfolio.json', import.meta.url), 'utf8'));
const byId = new Map(sample.deviations.map((d) => [d.id, d]));

test('each kind has the guideline steps in order, the next one after those done', () => {
  assert.equal(nextStep(byId.get(1)), 'motivering');
  assert.equal(nextStep(byId.get(2)), null, 'every step of the second opt-out is done');
  assert.equal(sequence(byId.get(4))[0], 'kunder_informerade', 'a security deviation informs customers first');
  assert.equal(nextStep(byId.get(4)), 'ssg_informerad');
  assert.equal(sequence(byId.get(3)).length, 3);
});

test('open items past their deadline are overdue; closed ones never', () => {
  assert.equal(isOverdue(byId.get(4), '2026-12-03'), false);
  assert.equal(isOverdue(byId.get(4), '2026-12-04'), true);
  assert.equal(isOverdue(byId.get(2), '2030-01-01'), false);
  assert.equal(isoDate(new Date(2026, 0, 5)), '2026-01-05');
});
