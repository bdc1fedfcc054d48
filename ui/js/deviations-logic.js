// The pure core of the deviations register: the guideline's steps, what comes next, what is overdue. It mirrors
// the engine's rules (src/domain/deviation.rs), which have the last word when a deviation is saved.

/** The guideline's steps for a deviation, in order. */
export function sequence(deviation) {
  if (deviation.kind === 'avsteg') {
    return ['dialog_leverantor', 'omprovning', 'ssg_informerad', 'motivering', 'namndbeslut', 'rapporterad'];
  }
  return deviation.security
    ? ['kunder_informerade', 'ssg_informerad', 'atgardsplan', 'rapporterad']
    : ['ssg_informerad', 'atgardsplan', 'rapporterad'];
}

/** The next step, or null when every step is done. */
export function nextStep(deviation) {
  return sequence(deviation)[deviation.steps.length] ?? null;
}

/** Open and past its deadline on `today` (YYYY-MM-DD). */
export function isOverdue(deviation, today) {
  return nextStep(deviation) !== null && Boolean(deviation.deadline) && deviation.deadline < today;
}

/** Today as YYYY-MM-DD in local time. */
export function isoDate(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
