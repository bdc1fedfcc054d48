// The pure core of "Before the next meeting": what is due, late or waiting, from the portfolio data. No DOM, no
// backend; tested with node's test runner (tests/ui/).


// The lifecycle's facts (which states wait for the group, the phases) are the engine's (src/domain/lifecycle.rs),
// sent in its vocabulary: `waiting_for_group`, `states_by_phase`. What counts against the frames is the engine's
// follow-up (`follow_up` command), which the dashboard shows as it comes.

/** Whether an initiative in `state` waits for the group. */
export function waitsForGroup(state, vocabulary) {
  return (vocabulary?.waiting_for_group ?? []).includes(state);
}

/** The first meeting on or after `today`, or null. */
export function nextMeeting(meetings, today) {
  return [...meetings].filter((m) => m.date >= today).sort((a, b) => a.date.localeCompare(b.date))[0] ?? null;
}

/**
 * Planned measurement dates that have passed without a measurement on or after them, per benefit.
 * @returns {{benefit: object, due: string}[]} oldest first
 */
export function overdueMeasurements(benefits, today) {
  const out = [];
  for (const benefit of benefits) {
    for (const due of benefit.measurement_dates ?? []) {
      if (due >= today) continue;
      const measured = (benefit.measurements ?? []).some((m) => m.date >= due);
      if (!measured) out.push({ benefit, due });
    }
  }
  return out.sort((a, b) => a.due.localeCompare(b.due));
}

/** The deviations the engine says are overdue (`facts`: id → the engine's facts), the earliest deadline first. */
export function lateDeviations(deviations, facts) {
  return deviations.filter((d) => facts?.get(d.id)?.overdue).sort((a, b) => a.deadline.localeCompare(b.deadline));
}

export function waitingForGroup(initiatives, vocabulary) {
  return initiatives.filter((i) => waitsForGroup(i.state, vocabulary));
}

/**
 * Initiatives per phase, in lifecycle order within each; `track` '' for both tracks.
 * @returns {{phase: string, initiatives: object[]}[]}
 */
export function byPhase(initiatives, vocabulary, track = '') {
  return (vocabulary?.states_by_phase ?? []).map(([phase, states]) => ({
    phase,
    initiatives: initiatives
      .filter((i) => states.includes(i.state) && (!track || i.track === track))
      .sort((a, b) => states.indexOf(a.state) - states.indexOf(b.state) || a.case_number.localeCompare(b.case_number)),
  }));
}
