// The pure core of the benefits view: days between dates and the points of a benefit's chart. No DOM, no
// backend; tested with node's test runner (tests/ui/).

/** Days from 1970-01-01 to a YYYY-MM-DD date (UTC), or null for anything else. */
export function dayNumber(date) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  if (!match) return null;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(time) ? null : Math.round(time / 86400000);
}

/**
 * What a benefit's chart shows: the planned line from baseline to target and the measured points, in days and
 * values; null when there is no baseline or target to draw against.
 * @param {{baseline: string|null, baseline_date: string, target: string|null, target_date: string,
 *   measurements: {date: string, value: string}[]}} benefit
 */
export function chartPoints(benefit) {
  const start = dayNumber(benefit.baseline_date);
  const end = dayNumber(benefit.target_date);
  if (benefit.baseline === null || benefit.target === null || start === null || end === null) return null;
  const plan = [
    { day: start, value: Number(benefit.baseline) },
    { day: end, value: Number(benefit.target) },
  ];
  const measured = (benefit.measurements ?? [])
    .map((m) => ({ day: dayNumber(m.date), value: Number(m.value), date: m.date }))
    .filter((m) => m.day !== null && Number.isFinite(m.value))
    .sort((a, b) => a.day - b.day);
  const days = [...plan, ...measured].map((p) => p.day);
  const values = [...plan, ...measured].map((p) => p.value);
  return { plan, measured, from: Math.min(...days), to: Math.max(...days), low: Math.min(...values, 0), high: Math.max(...values) };
}
