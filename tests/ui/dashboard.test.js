// "Before the next meeting" and the lifecycle board on the bundled sample, with the engine's vocabulary
// (tests/ui/vocabulary.json, kept equal to what the engine sends by its test `the_ui_tests_read_the_vocabulary…`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { byPhase, framesUsed, lateDeviations, nextMeeting, overdueMeasurements, waitingForGroup, waitsForGroup } from '../../ui/js/dashboard-logic.js';

const sample = JSON.parse(readFileSync(new URL('../../assets/sample/portfolio.json', import.meta.url), 'utf8'));
const vocabulary = JSON.parse(readFileSync(new URL('./vocabulary.json', import.meta.url), 'utf8'));

test('the next meeting is the first on or after today', () => {
  assert.equal(nextMeeting(sample.meetings, '2026-11-27').date, '2026-12-03');
  assert.equal(nextMeeting(sample.meetings, '2026-12-03').date, '2026-12-03');
  assert.equal(nextMeeting(sample.meetings, '2026-12-04').date, '2026-12-17');
  assert.equal(nextMeeting(sample.meetings, '2026-12-18'), null);
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
  assert.deepEqual(lateDeviations(sample.deviations, '2026-12-16', vocabulary).map((d) => d.id), [3, 4, 1]);
  const waiting = waitingForGroup(sample.initiatives, vocabulary).map((i) => i.state);
  assert.ok(waiting.length > 0 && waiting.every((s) => ['inlamnad', 'beredd', 'varderad'].includes(s)));
  assert.ok(waitsForGroup('beredd', vocabulary) && !waitsForGroup('analys', vocabulary));
  const used = framesUsed(sample.initiatives, sample.scenarios[0], vocabulary);
  assert.equal(used.length, sample.scenarios[0].frames.length);
  const invoices = sample.initiatives.find((i) => i.case_number === 'SLK-2026-00102');
  const year = used.find((u) => u.year === 2026);
  assert.ok(year.development >= invoices.costs.find((c) => c.year === 2026).development, 'a prioritised initiative counts');
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

test('only prioritised or decided initiatives on their way count against the frames', () => {
  const scenario = { frames: [{ year: 2026, development: 0, management: 0 }] };
  const cost = [{ year: 2026, development: 100, management: 10 }];
  const one = (state) => framesUsed([{ state, costs: cost }], scenario, vocabulary)[0].development;
  assert.equal(one('prioriterad'), 100);
  assert.equal(one('forvalta'), 100);
  assert.equal(one('varderad'), 0, 'valued is not yet committed');
  assert.equal(one('avslutad'), 0, 'a closed initiative no longer counts');
  for (const state of vocabulary.commits_money) assert.equal(one(state), 100, state);
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
