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

test('what changed since a package was exported, and why a response is refused, are told in words', async () => {
  globalThis.document ??= { documentElement: {} };
  const { refusalText, setLanguage, sinceExportText } = await import('../../ui/js/i18n.js');
  setLanguage('sv');
  assert.equal(
    sinceExportText({ change: 'item_added', number: 9, title: 'Information om e-arkivet' }),
    'Punkt 9 ”Information om e-arkivet” har lagts till på dagordningen.',
  );
  assert.equal(
    sinceExportText({ change: 'item_moved', title: 'AI-stöd i kontaktcenter', from: 3, to: 5 }),
    '”AI-stöd i kontaktcenter” har flyttats från punkt 3 till punkt 5.',
  );
  assert.equal(
    sinceExportText({ change: 'scored_removed', what: 'service', name: 'Mobiltelefoni' }),
    'Värderas inte längre: tjänsten ”Mobiltelefoni”.',
  );
  assert.match(
    refusalText({ reason: 'no_longer_scored', what: 'initiative', name: 'SLK-2026-00102 Automatiserad tolkning' }),
    /^svaret värderar insatsen ”SLK-2026-00102 Automatiserad tolkning”, som inte längre värderas/,
  );
  assert.match(refusalText({ reason: 'scale_changed', criterion: 'Nytta' }), /kriteriet ”Nytta”, vars skala/);
  setLanguage('en');
  assert.equal(
    sinceExportText({ change: 'scored_added', what: 'initiative', name: 'SLK-2026-00130 Ny insats' }),
    'Now the initiative “SLK-2026-00130 Ny insats” is scored too; it is not in the package.',
  );
  for (const change of ['item_added', 'item_removed', 'item_moved', 'item_retitled', 'item_edited', 'scored_added', 'scored_removed', 'scale_changed', 'criterion_renamed']) {
    const params = { change, number: 1, title: 'T', from: 1, to: 2, what: 'criterion', name: 'N', criterion: 'C' };
    for (const language of ['sv', 'en']) {
      setLanguage(language);
      assert.doesNotMatch(sinceExportText(params), /\{|\}|undefined|since_export\./, `${language} ${change}`);
    }
  }
  setLanguage('sv');
});

test('a package of a valuation round scores every item it carries, services without an item of their own too', () => {
  const round = {
    ...content,
    meeting: { items: [{ number: 7, valuation: true }] },
    services: [{ id: 3, name: 'Utskrift och skanning', item_number: 6 }, { id: 1, name: 'E-post och kalender', item_number: 7 }],
  };
  assert.deepEqual(itemsOf(round).map((i) => i.key), ['initiative:10', 'initiative:11', 'service:3', 'service:1']);
  assert.equal(cellsOf(round).length, 8);
  const draft = setCell(initialDraft(round), 'service:1/2', '3', '');
  assert.deepEqual(responseScores(round, draft).map((s) => s.item), ['initiative:10', 'service:1']);
});
