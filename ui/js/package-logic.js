// What a member's scoring of a meeting package holds, without the DOM: the cells to score, the draft kept while
// the member works (also across restarts, in local storage), progress, and the scores a response carries.

/** Every cell of the package: one per initiative and criterion, in the package's order. */
export function cellsOf(content) {
  const criteria = content.criteria_set?.criteria ?? [];
  return content.initiatives.flatMap((initiative) =>
    criteria.map((criterion) => ({ initiative, criterion, key: cellKey(initiative.id, criterion.id) })),
  );
}

export function cellKey(initiativeId, criterionId) {
  return `${initiativeId}:${criterionId}`;
}

/**
 * The draft a member starts from: their scores in their package as exported (so a member continues where they
 * were; a package is one member's and holds only their scores). Each entry: {value: level | null ("don't know"),
 * comment}. Cells without an entry are not scored.
 */
export function initialDraft(content) {
  const draft = { scores: {}, comment: '' };
  for (const score of content.scores) {
    draft.scores[cellKey(score.initiative_id, score.criterion_id)] = { value: score.value, comment: score.comment };
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
      initiative_id: c.initiative.id,
      criterion_id: c.criterion.id,
      value: draft.scores[c.key].value,
      comment: (draft.scores[c.key].comment ?? '').trim(),
    }));
}

/** Where a member's draft of a package is kept between sessions. */
export function draftKey(checksum, memberId) {
  return `samordna.draft.${checksum}.${memberId}`;
}

/** Reads a stored draft, or null when there is none or it cannot be read. */
export function parseDraft(text) {
  try {
    const draft = JSON.parse(text);
    if (draft && typeof draft === 'object' && draft.scores && typeof draft.scores === 'object') {
      return { scores: draft.scores, comment: typeof draft.comment === 'string' ? draft.comment : '' };
    }
  } catch {
    // A damaged draft is started over from the package.
  }
  return null;
}
