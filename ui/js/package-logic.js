// What a member's scoring of a meeting package holds, without the DOM: the cells to score, the draft kept while
// the member works (also across restarts, in local storage), progress, and the scores a response carries.

/**
 * What the member scores: the package's initiatives, then its shared services, each with its item text
 * (`initiative:10`, `service:3`), how it is named (case number, or a service's name) and its record.
 */
export function itemsOf(content) {
  const initiatives = (content.initiatives ?? []).map((record) => ({
    key: `initiative:${record.id}`,
    kind: 'initiative',
    label: record.case_number,
    title: record.title,
    record,
  }));
  const services = (content.services ?? []).map((record) => ({
    key: `service:${record.id}`,
    kind: 'service',
    label: record.name,
    title: '',
    record,
  }));
  return [...initiatives, ...services];
}

/** Every cell of the package: one per item and criterion, in the package's order. */
export function cellsOf(content) {
  const criteria = content.criteria_set?.criteria ?? [];
  return itemsOf(content).flatMap((item) => criteria.map((criterion) => ({ item, criterion, key: cellKey(item.key, criterion.id) })));
}

export function cellKey(itemKey, criterionId) {
  return `${itemKey}/${criterionId}`;
}

/**
 * The draft a member starts from: their scores in their package as exported (so a member continues where they
 * were; a package is one member's and holds only their scores). Each entry: {value: level | null ("don't know"),
 * comment}. Cells without an entry are not scored.
 */
export function initialDraft(content) {
  const draft = { scores: {}, comment: '' };
  for (const score of content.scores) {
    draft.scores[cellKey(score.item, score.criterion_id)] = { value: score.value, comment: score.comment };
  }
  return draft;
}

/** Sets a cell from what the member chose: '' (not scored), 'dont_know', or a level as text. */
export function setCell(draft, key, choice, comment) {
  if (choice === '' && !comment) {
    delete draft.scores[key];
    return draft;
  }
  const value = choice === 'dont_know' || choice === '' ? null : Number(choice);
  draft.scores[key] = { value, comment: comment ?? draft.scores[key]?.comment ?? '' };
  return draft;
}

/** How far the member has come: cells scored, of them "don't know", and the total. */
export function progress(content, draft) {
  const cells = cellsOf(content);
  const scored = cells.filter((c) => draft.scores[c.key]);
  return {
    scored: scored.length,
    dontKnow: scored.filter((c) => draft.scores[c.key].value === null).length,
    total: cells.length,
  };
}

/** The scores a response carries: every scored cell of the package, in the package's order. */
export function responseScores(content, draft) {
  return cellsOf(content)
    .filter((c) => draft.scores[c.key])
    .map((c) => ({
      item: c.item.key,
      criterion_id: c.criterion.id,
      value: draft.scores[c.key].value,
      comment: (draft.scores[c.key].comment ?? '').trim(),
    }));
}

/** Where a member's draft of a package is kept between sessions. */
export function draftKey(checksum, memberId) {
  return `samordna.draft.${checksum}.${memberId}`;
}

/**
 * Reads a stored draft, or null when there is none or it cannot be read. A draft kept before services were
 * valued named its cells `initiative id:criterion id`; those keys are read as the initiative's.
 */
export function parseDraft(text) {
  try {
    const draft = JSON.parse(text);
    if (draft && typeof draft === 'object' && draft.scores && typeof draft.scores === 'object') {
      const scores = {};
      for (const [key, cell] of Object.entries(draft.scores)) {
        const legacy = /^(\d+):(\d+)$/.exec(key);
        scores[legacy ? cellKey(`initiative:${legacy[1]}`, Number(legacy[2])) : key] = cell;
      }
      return { scores, comment: typeof draft.comment === 'string' ? draft.comment : '' };
    }
  } catch {
    // A damaged draft is started over from the package.
  }
  return null;
}
