// The pure core of the deviations register: what comes next, what it needs, what is overdue. The guideline's steps
// for each kind and what a step needs are the engine's (src/domain/deviation.rs), sent in its vocabulary
// (`deviation_steps`, `deviation_step_needs`); the engine has the last word when a deviation is saved.

/** The guideline's steps for a deviation, in order, from the engine's vocabulary. */
export function sequence(deviation, vocabulary) {
  const security = Boolean(deviation.security);
  return (vocabulary?.deviation_steps ?? []).find((s) => s.kind === deviation.kind && s.security === security)?.steps ?? [];
}

/** The next step, or null when every step is done. */
export function nextStep(deviation, vocabulary) {
  return sequence(deviation, vocabulary)[deviation.steps.length] ?? null;
}

/** The field a step needs filled in before it can be marked done, or null. */
export function stepNeeds(step, vocabulary) {
  return (vocabulary?.deviation_step_needs ?? []).find(([key]) => key === step)?.[1] ?? null;
}

/** Open and past its deadline on `today` (YYYY-MM-DD). */
export function isOverdue(deviation, today, vocabulary) {
  return nextStep(deviation, vocabulary) !== null && Boolean(deviation.deadline) && deviation.deadline < today;
}

/** Today as YYYY-MM-DD in local time. */
export function isoDate(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
