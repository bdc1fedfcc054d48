// The pure core of the deviations register: what comes next, what it needs, what is overdue. The guideline's steps
// for each kind and what a step needs are the engine's (src/domain/deviation.rs), sent in its vocabulary
// (`deviation_steps`, `deviation_step_needs`, `deviation_practice_steps`); the engine has the last word when a
// deviation is saved. The steps that are the city's practice (Stadens rutin) follow the portfolio's parameters
// (`practice.action_plan_step`): left out when it is off, unless already done.

/** Whether a step is the city's practice rather than the guideline's. */
export function isPracticeStep(step, vocabulary) {
  return (vocabulary?.deviation_practice_steps ?? []).includes(step);
}

/** The steps for a deviation, in order, from the engine's vocabulary and the parameters' practice. */
export function sequence(deviation, vocabulary, practice = null) {
  const security = Boolean(deviation.security);
  const steps = (vocabulary?.deviation_steps ?? []).find((s) => s.kind === deviation.kind && s.security === security)?.steps ?? [];
  if (practice?.action_plan_step !== false) return steps;
  const done = new Set((deviation.steps ?? []).map((s) => s.step));
  return steps.filter((step) => !isPracticeStep(step, vocabulary) || done.has(step));
}

/** The next step, or null when every step is done. */
export function nextStep(deviation, vocabulary, practice = null) {
  return sequence(deviation, vocabulary, practice)[deviation.steps.length] ?? null;
}

/** The fields a step needs filled in before it can be marked done (none: an empty list). */
export function stepNeeds(step, vocabulary) {
  return (vocabulary?.deviation_step_needs ?? []).filter(([key]) => key === step).map(([, field]) => field);
}

/** Open and past its deadline on `today` (YYYY-MM-DD). */
export function isOverdue(deviation, today, vocabulary, practice = null) {
  return nextStep(deviation, vocabulary, practice) !== null && Boolean(deviation.deadline) && deviation.deadline < today;
}

/** Today as YYYY-MM-DD in local time. */
export function isoDate(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
