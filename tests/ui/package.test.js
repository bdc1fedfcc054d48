import assert from 'node:assert/strict';
import { test } from 'node:test';

import { cellsOf, draftKey, initialDraft, parseDraft, progress, responseScores, setCell } from '../../ui/js/package-logic.js';

const content = {
  criteria_set: { criteria: [{ id: 1, name: 'Nytta' }, { id: 2, name: 'Risk' }] },
  initiatives: [{ id: 10, case_number: 'SLK-2026-00101' }, { id: 11, case_number: 'SLK-2026-00117' }],
  member: { id: 3, name: 'Karin Ekström', organisation: 'Stadsledningskontoret' },
  scores: [{ initiative_id: 10, criterion_id: 1, value: 4, comment: 'Tydlig nytta' }],
};

test('a package has one cell per initiative and criterion', () => {
  assert.deepEqual(cellsOf(content).map((c) => c.key), ['10:1', '10:2', '11:1', '11:2']);
  assert.deepEqual(cellsOf({ ...content, criteria_set: null }), []);
});

test('a member starts from their scores in their package', () => {
  assert.deepEqual(initialDraft(content).scores, { '10:1': { value: 4, comment: 'Tydlig nytta' } });
  assert.deepEqual(initialDraft({ ...content, scores: [] }).scores, {});
});

test('choices become scores: a level, "don\'t know", or nothing', () => {
  const draft = initialDraft(content);
  setCell(draft, '10:2', '2', 'Måttlig risk');
  setCell(draft, '11:1', 'dont_know', '');
  setCell(draft, '10:1', '', '');
  assert.deepEqual(progress(content, draft), { scored: 2, dontKnow: 1, total: 4 });
  assert.deepEqual(responseScores(content, draft), [
    { initiative_id: 10, criterion_id: 2, value: 2, comment: 'Måttlig risk' },
    { initiative_id: 11, criterion_id: 1, value: null, comment: '' },
  ]);
});

test('a comment without a level is kept as "don\'t know" rather than lost', () => {
  const draft = setCell({ scores: {}, comment: '' }, '11:2', '', 'Behöver mer underlag');
  assert.deepEqual(draft.scores['11:2'], { value: null, comment: 'Behöver mer underlag' });
});

test('drafts are kept per package and member, and a damaged one is ignored', () => {
  assert.equal(draftKey('sha256:ab', 3), 'samordna.draft.sha256:ab.3');
  assert.deepEqual(parseDraft('{"scores": {"10:1": {"value": 2, "comment": ""}}, "comment": "Hej"}'), {
    scores: { '10:1': { value: 2, comment: '' } },
    comment: 'Hej',
  });
  assert.equal(parseDraft('{"scores": 3'), null);
  assert.equal(parseDraft('null'), null);
});
