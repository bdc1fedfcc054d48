// The meeting planner's reordering and states, on the bundled sample portfolio's meetings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { meetingState, moveItem, valuationScope } from '../../ui/js/meetings-logic.js';

const sample = JSON.parse(readFileSync(new URL('../../assets/sample/portfolio.json', import.meta.url), 'utf8'));
const decisions = new Map(sample.decisions.map((d) => [d.item_id, d]));

test('moving an agenda item keeps every item once, in the new order', () => {
  const items = structuredClone(sample.meetings[1].items);
  const titles = items.map((i) => i.title);
  assert.equal(moveItem(items, 3, 1), true);
  assert.deepEqual(items.map((i) => i.title), [titles[0], titles[3], titles[1], titles[2], ...titles.slice(4)]);
  assert.equal(moveItem(items, 1, 3), true);
  assert.deepEqual(items.map((i) => i.title), titles);
  assert.equal(moveItem(items, 0, -1), false);
  assert.equal(moveItem(items, items.length - 1, items.length), false);
  assert.equal(moveItem(items, 2, 2), false);
  assert.deepEqual(items.map((i) => i.title), titles);
});

test('a meeting is planned, has decisions, or has approved minutes', () => {
  const [past, upcoming] = sample.meetings;
  assert.equal(meetingState(past, decisions), 'approved');
  assert.equal(meetingState(upcoming, decisions), 'planned');
  assert.equal(meetingState({ ...past, approved_at: null }, decisions), 'decided');
});

test('a valuation item puts every initiative and service of the meeting\'s set in the packages', () => {
  const december = sample.meetings.find((m) => m.id === 2);
  const valuation = december.items.filter((i) => i.valuation);
  assert.equal(valuation.length, 1, 'the sample\'s December meeting values its set once');
  const set = sample.criteria_sets.find((s) => s.id === december.criteria_set_id);
  const scope = valuationScope(set);
  assert.deepEqual(scope, { name: set.name, initiatives: set.initiative_ids.length, services: set.service_ids.length });
  assert.equal(scope.services, 6, 'all six services, not only the one with an item of its own');
  assert.ok(december.items.filter((i) => i.service_id).length < scope.services);
  assert.equal(valuationScope(null), null);
  assert.deepEqual(valuationScope({ name: 'Tom' }), { name: 'Tom', initiatives: 0, services: 0 });
});
