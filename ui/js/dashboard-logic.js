// The pure core of "Before the next meeting": what is due, late or waiting, from the portfolio data. No DOM, no
// backend; tested with node's test runner (tests/ui/).


// The lifecycle's facts (which states wait for the group, the phases) are the engine's (src/domain/lifecycle.rs),
// sent in its vocabulary: `waiting_for_group`, `states_by_phase`. What counts against the frames is the engine's
// follow-up (`follow_up` command), which the dashboard shows as it comes.

/** Whether an initiative in `state` waits for the group. */
export function waitsForGroup(state, vocabulary) {
  return (vocabulary?.waiting_for_group ?? []).includes(state);
}

// What is due today (the next meeting, the overdue measurements) is the engine's, on the Stockholm date (`today`
// command, `domain::Today`): these only find the records it names.

/** The meeting the engine names as the next one (`today.next_meeting_id`), or null. */
export function nextMeeting(meetings, today) {
  return meetings.find((m) => m.id === today?.next_meeting_id) ?? null;
}

/**
 * The measurements the engine says are overdue, with their benefits, in its order (the oldest first).
 * @returns {{benefit: object, due: string}[]}
 */
export function overdueMeasurements(benefits, today) {
  const byId = new Map(benefits.map((b) => [b.id, b]));
  return (today?.overdue_measurements ?? []).filter((m) => byId.has(m.benefit_id)).map((m) => ({ benefit: byId.get(m.benefit_id), due: m.due }));
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
