import assert from 'node:assert/strict';
import { test } from 'node:test';

import { cellsOf, draftKey, initialDraft, itemsOf, parseDraft, progress, responseScores, setCell } from '../../ui/js/package-logic.js';

const content = {
  criteria_set: { criteria: [{ id: 1, name: 'Nytta' }, { id: 2, name: 'Risk' }] },
  initiatives: [{ id: 10, case_number: 'SLK-2026-00101' }, { id: 11, case_number: 'SLK-2026-00117' }],
  member: { id: 3, name: 'Karin Ekström', organisation: 'Stadsledningskontoret' },
  services: [{ id: 3, name: 'Utskrift och skanning' }],
  scores: [{ item: 'initiative:10', criterion_id: 1, value: 4, comment: 'Tydlig nytta' }],
};

test('a package has one cell per initiative or service and criterion, services after initiatives', () => {
  assert.deepEqual(cellsOf(content).map((c) => c.key), [
    'initiative:10/1', 'initiative:10/2', 'initiative:11/1', 'initiative:11/2', 'service:3/1', 'service:3/2',
  ]);
  assert.deepEqual(itemsOf(content).map((i) => i.label), ['SLK-2026-00101', 'SLK-2026-00117', 'Utskrift och skanning']);
  assert.deepEqual(cellsOf({ ...content, criteria_set: null }), []);
  const { services, ...before } = content;
  assert.equal(cellsOf(before).length, 4, 'a package written before services were valued has none');
});

test('a member starts from their scores in their package', () => {
  assert.deepEqual(initialDraft(content).scores, { 'initiative:10/1': { value: 4, comment: 'Tydlig nytta' } });
  assert.deepEqual(initialDraft({ ...content, scores: [] }).scores, {});
});

test('choices become scores: a level, "don\'t know", or nothing', () => {
  const draft = initialDraft(content);
  setCell(draft, 'initiative:10/2', '2', 'Måttlig risk');
  setCell(draft, 'initiative:11/1', 'dont_know', '');
  setCell(draft, 'initiative:10/1', '', '');
  setCell(draft, 'service:3/1', '0', 'Kan fasas ut');
  assert.deepEqual(progress(content, draft), { scored: 3, dontKnow: 1, total: 6 });
  assert.deepEqual(responseScores(content, draft), [
    { item: 'initiative:10', criterion_id: 2, value: 2, comment: 'Måttlig risk' },
    { item: 'initiative:11', criterion_id: 1, value: null, comment: '' },
    { item: 'service:3', criterion_id: 1, value: 0, comment: 'Kan fasas ut' },
  ]);
});

test('a comment without a level is kept as "don\'t know" rather than lost', () => {
  const draft = setCell({ scores: {}, comment: '' }, 'initiative:11/2', '', 'Behöver mer underlag');
  assert.deepEqual(draft.scores['initiative:11/2'], { value: null, comment: 'Behöver mer underlag' });
});

test('drafts are kept per package and member, and a damaged one is ignored', () => {
  assert.equal(draftKey('sha256:ab', 3), 'samordna.draft.sha256:ab.3');
  assert.deepEqual(parseDraft('{"scores": {"service:3/1": {"value": 2, "comment": ""}}, "comment": "Hej"}'), {
    scores: { 'service:3/1': { value: 2, comment: '' } },
    comment: 'Hej',
  });
  assert.deepEqual(
    parseDraft('{"scores": {"10:1": {"value": 2, "comment": ""}}, "comment": ""}').scores,
    { 'initiative:10/1': { value: 2, comment: '' } },
    'a draft kept before services were valued is read as the initiative\'s',
  );
  assert.equal(parseDraft('{"scores": 3'), null);
  assert.equal(parseDraft('null'), null);
});
