// What the deviations register reads of the engine's vocabulary. A deviation's steps, its next step, what that
// needs and whether it is overdue are the engine's (`Deviation::facts`, the `deviation_facts` command: loaded with the
// portfolio's data for the stored ones, asked for a draft); the UI keeps no copy of those rules (issue 30).

/** Whether a step is the city's practice rather than the guideline's. */
export function isPracticeStep(step, vocabulary) {
  return (vocabulary?.deviation_practice_steps ?? []).includes(step);
}
