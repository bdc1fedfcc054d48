// "Before the next meeting" and the lifecycle board on the bundled sample, with the engine's vocabulary
// (tests/ui/vocabulary.json, kept equal to what the engine sends by its test `the_ui_tests_read_the_vocabulary…`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

import * as logic from '../../ui/js/dashboard-logic.js';
import { byPhase, lateDeviations, nextMeeting, overdueMeasurements, waitingForGroup, waitsForGroup } from '../../ui/js/dashboard-logic.js';

const sample = JSON.parse(readFileSync(new URL('../../assets/sample/portfolio.json', import.meta.url), 'utf8'));
const vocabulary = JSON.parse(readFileSync(new URL('./vocabulary.json', import.meta.url), 'utf8'));

test('the next meeting and the overdue measurements are the records the engine names', () => {
  // What the engine's `today` command says (its rules: tests/engine/benefits.rs); the UI only finds the records.
  const later = sample.meetings.find((m) => m.date === '2026-12-17');
  const today = { date: '2026-12-04', next_meeting_id: later.id, overdue_measurements: [{ benefit_id: 2, initiative_id: 0, due: '2026-12-31' }, { benefit_id: 999, initiative_id: 0, due: '2026-12-31' }] };
  assert.equal(nextMeeting(sample.meetings, today), later);
  assert.equal(nextMeeting(sample.meetings, { ...today, next_meeting_id: null }), null);
  assert.equal(nextMeeting(sample.meetings, null), null, 'not loaded: none');
  assert.deepEqual(overdueMeasurements(sample.benefits, today).map((l) => `${l.benefit.name} ${l.due}`), [`${sample.benefits.find((b) => b.id === 2).name} 2026-12-31`], 'a benefit no longer there is left out');
  assert.deepEqual(overdueMeasurements(sample.benefits, null), []);
});

test('late deviations and initiatives waiting for the group', () => {
  // The engine's facts say which are overdue; the dashboard lists those, the earliest deadline first.
  const facts = new Map(sample.deviations.map((d) => [d.id, { overdue: [1, 3, 4].includes(d.id) }]));
  const late = lateDeviations(sample.deviations, facts);
  assert.deepEqual(late.map((d) => d.id).sort(), [1, 3, 4]);
  assert.deepEqual(late.map((d) => d.deadline), [...late.map((d) => d.deadline)].sort());
  assert.deepEqual(lateDeviations(sample.deviations, undefined), [], 'no facts yet: none listed');
  const waiting = waitingForGroup(sample.initiatives, vocabulary).map((i) => i.state);
  assert.ok(waiting.length > 0 && waiting.every((s) => ['inlamnad', 'beredd', 'varderad'].includes(s)));
  assert.ok(waitsForGroup('beredd', vocabulary) && !waitsForGroup('analys', vocabulary));
});

test('every initiative is in exactly one phase, in lifecycle order', () => {
  const phases = byPhase(sample.initiatives, vocabulary);
  assert.deepEqual(phases.map((p) => p.phase), vocabulary.phase.map((p) => p.key), 'the engine\'s phases, in order');
  assert.equal(phases.reduce((n, p) => n + p.initiatives.length, 0), sample.initiatives.length);
  const states = vocabulary.states_by_phase.flatMap(([, s]) => s);
  assert.equal(new Set(states).size, states.length, 'no state in two phases');
  assert.deepEqual([...states].sort(), vocabulary.initiative_state.map((s) => s.key).sort(), 'every state in a phase');
  const preparation = phases.find((p) => p.phase === 'preparation').initiatives.map((i) => i.state);
  assert.deepEqual(preparation, [...preparation].sort((a, b) => states.indexOf(a) - states.indexOf(b)));
  const own = byPhase(sample.initiatives, vocabulary, 'verksamhetsspecifik');
  assert.ok(own.every((p) => p.initiatives.every((i) => i.track === 'verksamhetsspecifik')));
});

// What counts against the frames is the engine's follow-up (src/prioritisation/follow_up.rs, the `follow_up`
// command): no UI module computes it or reads which states commit money.
test('the UI computes nothing against the frames', () => {
  assert.equal(logic.framesUsed, undefined);
  const root = new URL('../../ui/js/', import.meta.url);
  const files = ['', 'views/'].flatMap((dir) =>
    readdirSync(new URL(dir, root)).filter((f) => f.endsWith('.js')).map((f) => `${dir}${f}`),
  );
  for (const file of files) {
    assert.ok(!readFileSync(new URL(file, root), 'utf8').includes('commits_money'), `${file} reads which states commit money`);
  }
});

// The UI keeps no copy of the engine's lists: no UI module spells out three or more keys of one of them.
test('the UI keeps no copy of the lifecycle or the deviation steps', async () => {
  const { readdirSync } = await import('node:fs');
  const root = new URL('../../ui/js/', import.meta.url);
  const files = ['', 'views/'].flatMap((dir) =>
    readdirSync(new URL(dir, root)).filter((f) => f.endsWith('.js')).map((f) => `${dir}${f}`),
  );
  const lists = {
    commits_money: vocabulary.commits_money,
    waiting_for_group: vocabulary.waiting_for_group,
    ...Object.fromEntries(vocabulary.states_by_phase.map(([phase, states]) => [`phase ${phase}`, states])),
    ...Object.fromEntries(vocabulary.deviation_steps.map((s) => [`steps ${s.kind} ${s.security}`, s.steps])),
  };
  for (const file of files.filter((f) => !f.startsWith('i18n'))) {
    const text = readFileSync(new URL(file, root), 'utf8');
    for (const [name, keys] of Object.entries(lists)) {
      const spelled = keys.filter((k) => text.includes(`'${k}'`));
      assert.ok(spelled.length < Math.min(3, keys.length), `${file} copies ${name}: ${spelled.join(', ')}`);
    }
  }
});
