// The pure core of "Before the next meeting": what is due, late or waiting, from the portfolio data. No DOM, no
// backend; tested with node's test runner (tests/ui/).

import { isOverdue } from './deviations-logic.js';

/** States in which an initiative waits for the group. */
export const WAITING_FOR_GROUP = ['inlamnad', 'beredd', 'varderad'];

/** States whose costs count against the frames: prioritised or decided, and on their way. */
export const COMMITTED = ['prioriterad', 'beslutad_av_ssg', 'i_budgetunderlag', 'ram_beslutad', 'initiera', 'utveckla', 'implementera', 'forvalta'];

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

export function lateDeviations(deviations, today) {
  return deviations.filter((d) => isOverdue(d, today)).sort((a, b) => a.deadline.localeCompare(b.deadline));
}

export function waitingForGroup(initiatives) {
  return initiatives.filter((i) => WAITING_FOR_GROUP.includes(i.state));
}

/**
 * Costs of committed initiatives per year against a scenario's frames, in öre.
 * @returns {{year: number, frameDevelopment: number, frameManagement: number, development: number, management: number}[]}
 */
export function framesUsed(initiatives, scenario) {
  if (!scenario) return [];
  const committed = initiatives.filter((i) => COMMITTED.includes(i.state));
  return scenario.frames.map((frame) => {
    let development = 0;
    let management = 0;
    for (const initiative of committed) {
      const cost = (initiative.costs ?? []).find((c) => c.year === frame.year);
      if (cost) {
        development += cost.development;
        management += cost.management;
      }
    }
    return { year: frame.year, frameDevelopment: frame.development, frameManagement: frame.management, development, management };
  });
}

/** The lifecycle's phases (the guideline's three main activities, with what is finished), and their states. */
export const PHASES = [
  ['need', ['identifierad', 'analys', 'underlag_klart', 'leverantorsnamnd_informerad']],
  ['preparation', ['inlamnad', 'beredd', 'varderad', 'aterremitterad']],
  ['decision', ['prioriterad', 'beslutad_av_ssg', 'beslutad_av_egen_namnd', 'i_budgetunderlag', 'ram_beslutad']],
  ['realisation', ['initiera', 'utveckla', 'implementera', 'forvalta']],
  ['finished', ['utvarderad', 'avslutad', 'avbruten', 'ej_prioriterad', 'ej_finansierad']],
];

/**
 * Initiatives per phase, in lifecycle order within each; `track` '' for both tracks.
 * @returns {{phase: string, initiatives: object[]}[]}
 */
export function byPhase(initiatives, track = '') {
  return PHASES.map(([phase, states]) => ({
    phase,
    initiatives: initiatives
      .filter((i) => states.includes(i.state) && (!track || i.track === track))
      .sort((a, b) => states.indexOf(a.state) - states.indexOf(b.state) || a.case_number.localeCompare(b.case_number)),
  }));
}
