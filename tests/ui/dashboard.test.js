// "Before the next meeting" on the bundled sample.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { framesUsed, lateDeviations, nextMeeting, overdueMeasurements, waitingForGroup } from '../../ui/js/dashboard-logic.js';

const sample = JSON.parse(readFileSync(new URL('../../assets/sample/portfolio.json', import.meta.url), 'utf8'));

test('the next meeting is the first on or after today', () => {
  assert.equal(nextMeeting(sample.meetings, '2026-11-27').date, '2026-12-03');
  assert.equal(nextMeeting(sample.meetings, '2026-12-03').date, '2026-12-03');
  assert.equal(nextMeeting(sample.meetings, '2026-12-04'), null);
});

test('a passed measurement date without a measurement on or after it is overdue', () => {
  const late = overdueMeasurements(sample.benefits, '2027-01-15');
  const described = late.map((l) => `${l.benefit.id} ${l.due}`);
  // Benefit 1 was measured 2026-06-30 and 2026-10-31: its 2026-12-31 date is overdue; benefit 2 was measured
  // 2026-06-30 only, so its 2026-12-31 date is overdue too.
  assert.deepEqual(described, ['1 2026-12-31', '2 2026-12-31']);
  assert.deepEqual(overdueMeasurements(sample.benefits, '2026-11-27'), []);
});

test('late deviations, initiatives waiting for the group, and frames used', () => {
  assert.deepEqual(lateDeviations(sample.deviations, '2026-12-16').map((d) => d.id), [3, 4, 1]);
  const waiting = waitingForGroup(sample.initiatives).map((i) => i.state);
  assert.ok(waiting.length > 0 && waiting.every((s) => ['inlamnad', 'beredd', 'varderad'].includes(s)));
  const used = framesUsed(sample.initiatives, sample.scenarios[0]);
  assert.equal(used.length, sample.scenarios[0].frames.length);
  const invoices = sample.initiatives.find((i) => i.case_number === 'SLK-2026-00102');
  const year = used.find((u) => u.year === 2026);
  assert.ok(year.development >= invoices.costs.find((c) => c.year === 2026).development, 'a prioritised initiative counts');
});

test('every initiative is in exactly one phase, in lifecycle order', async () => {
  const { byPhase, PHASES } = await import('../../ui/js/dashboard-logic.js');
  const phases = byPhase(sample.initiatives);
  assert.equal(phases.reduce((n, p) => n + p.initiatives.length, 0), sample.initiatives.length);
  const states = PHASES.flatMap(([, s]) => s);
  assert.equal(new Set(states).size, states.length, 'no state in two phases');
  const preparation = phases.find((p) => p.phase === 'preparation').initiatives.map((i) => i.state);
  assert.deepEqual(preparation, [...preparation].sort((a, b) => states.indexOf(a) - states.indexOf(b)));
  const own = byPhase(sample.initiatives, 'verksamhetsspecifik');
  assert.ok(own.every((p) => p.initiatives.every((i) => i.track === 'verksamhetsspecifik')));
});
