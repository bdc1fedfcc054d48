// "Before the next meeting": overdue measurements, the boards' decided actions on benefits off track, deviations past their deadline, initiatives waiting for the
// group, the providers late with their yearly analysis (the engine's verdict, `analysis_round`), the follow-up of
// this year against the frames (the engine's figures, `follow_up`), and the initiatives followed specially.

import { h, replace } from '../dom.js';
import { t, term } from '../i18n.js';
import { lateDeviations, nextMeeting, overdueMeasurements, waitingForGroup } from '../dashboard-logic.js';
import { framesTable } from './follow-up.js';

function section(id, title, count, body, alarm = true) {
  return h(
    'section',
    { class: 'dash-card', id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title, ' ', h('span', { class: `badge ${!alarm ? 'muted-badge' : count ? 'warning' : 'progress-on_track'}` }, String(count))),
    body,
  );
}

export function renderDashboard(main, ctx) {
  const today = ctx.index.today;
  const data = ctx.data;
  const initiative = (id) => ctx.index.initiatives.get(id);
  const meeting = nextMeeting(data.meetings ?? [], today);
  const measurements = overdueMeasurements(data.benefits ?? [], today);
  const actions = (data.benefits ?? []).filter((b) => b.decided_action);
  const deviations = lateDeviations(data.deviations ?? [], ctx.index.deviationFacts);
  const waiting = waitingForGroup(data.initiatives ?? [], ctx.app.vocabulary);
  const followed = (data.initiatives ?? []).filter((i) => i.specially_followed);
  // This year's follow-up against the frames, as the engine computes it (drawn when it arrives).
  const year = today ? Number(today.date.slice(0, 4)) : new Date().getFullYear();
  const frames = h('div', { id: 'dash-frames-body', 'aria-busy': 'true' }, h('p', { class: 'muted' }, t('follow_up.loading')));
  ctx.followUp(year).then(
    (result) => {
      replace(frames, ...framesTable(result, 'dash-frames-table'));
      frames.setAttribute('aria-busy', 'false');
    },
    (error) => {
      replace(frames, h('p', { class: 'muted' }, t('follow_up.failed')));
      frames.setAttribute('aria-busy', 'false');
      ctx.showError(error);
    },
  );
  // The providers late with the analysis most recently due, as the engine judges it (drawn when it arrives).
  const analyses = lateAnalysesSection(ctx);
  const link = (i) => h('a', { href: `#/initiativ/${i.id}` }, `${i.case_number} ${i.title}`);
  replace(
    main,
    h('header', { class: 'view-header' }, h('h1', {}, t('dashboard.title'))),
    h(
      'p',
      { class: 'lead' },
      meeting
        ? [t('dashboard.next_meeting', { date: meeting.date, items: meeting.items.length }), ' ', h('a', { href: `#/moten/${meeting.id}` }, t('dashboard.open_meeting'))]
        : t('dashboard.no_meeting'),
    ),
    h(
      'div',
      { class: 'dash-grid' },
      section(
        'dash-measurements',
        t('dashboard.measurements'),
        measurements.length,
        measurements.length
          ? h('ul', {}, measurements.map(({ benefit, due }) => {
              const owner = initiative(benefit.initiative_id);
              return h('li', {}, h('a', { href: `#/initiativ/${benefit.initiative_id}/nyttor` }, benefit.name), h('span', { class: 'muted' }, ` ${t('dashboard.due', { date: due })}${owner ? ` · ${owner.case_number}` : ''}`));
            }))
          : h('p', { class: 'muted' }, t('dashboard.none_measurements')),
      ),
      // Riktlinjen, "Realisera och följa upp nytta och effekter": the owning board's decided actions on benefits
      // that were off track after follow-up.
      section(
        'dash-benefit-actions',
        t('dashboard.benefit_actions'),
        actions.length,
        actions.length
          ? h('ul', {}, actions.map((b) => {
              const owner = initiative(b.initiative_id);
              return h('li', {}, h('a', { href: `#/initiativ/${b.initiative_id}/nyttor` }, b.name), h('span', { class: 'muted' }, ` ${t('dashboard.benefit_action', { date: b.decided_action_date, by: b.decided_action_by, action: b.decided_action })}${owner ? ` · ${owner.case_number}` : ''}`));
            }))
          : h('p', { class: 'muted' }, t('dashboard.none_benefit_actions')),
        false,
      ),
      section(
        'dash-deviations',
        t('dashboard.deviations'),
        deviations.length,
        deviations.length
          ? h('ul', {}, deviations.map((d) => h('li', {}, h('a', { href: '#/avvikelser' }, d.title), h('span', { class: 'muted' }, ` ${term('deviation_kind', d.kind)} · ${t('dashboard.deadline', { date: d.deadline })}`))))
          : h('p', { class: 'muted' }, t('dashboard.none_deviations')),
      ),
      analyses,
      section(
        'dash-waiting',
        t('dashboard.waiting'),
        waiting.length,
        waiting.length
          ? h('ul', {}, waiting.map((i) => h('li', {}, link(i), ' ', h('span', { class: `state state-${i.state}` }, term('initiative_state', i.state)))))
          : h('p', { class: 'muted' }, t('dashboard.none_waiting')),
      ),
      section(
        'dash-followed',
        t('dashboard.followed'),
        followed.length,
        h('ul', {}, followed.map((i) => h('li', {}, link(i), ' ', h('span', { class: `state state-${i.state}` }, term('initiative_state', i.state))))),
        false,
      ),
      h(
        'section',
        { class: 'dash-card wide', id: 'dash-frames', 'aria-labelledby': 'dash-frames-title' },
        h('h2', { id: 'dash-frames-title' }, t('dashboard.frames', { year })),
        frames,
        h('p', { class: 'hint' }, t('dashboard.frames_hint')),
        h('p', {}, h('a', { href: `#/uppfoljning/${year}`, id: 'dash-follow-up' }, t('dashboard.follow_up_link'))),
      ),
    ),
  );
}

/**
 * The providers that have not handed in the yearly analysis most recently due (riktlinjen, "Prioritering och beslut":
 * the providing boards "ska inkomma med en årlig analys"; the due day is the city's practice). Who is late is the
 * engine's verdict (`late`), by the shell's clock; the card only lists it.
 */
function lateAnalysesSection(ctx) {
  const card = section('dash-analyses', t('dashboard.analyses'), 0, h('p', { class: 'muted' }, t('follow_up.loading')));
  card.setAttribute('aria-busy', 'true');
  const draw = (round) => {
    const late = round.standings.filter((s) => s.late);
    const body = late.length
      ? h('ul', {}, late.map((s) => h('li', {}, h('a', { href: `#/analyser/${s.provider_id}/${s.year}` }, s.provider), h('span', { class: 'muted' }, ` ${s.state === 'missing' ? t('analysis.missing') : term('analysis_state', s.state)} · ${t('dashboard.analysis_due', { year: round.year, date: round.due })}`))))
      : h('p', { class: 'muted' }, t('dashboard.none_analyses', { year: round.year, date: round.due }));
    card.replaceWith(section('dash-analyses', t('dashboard.analyses'), late.length, body));
  };
  ctx.analyses.round().then(draw, (error) => {
    card.setAttribute('aria-busy', 'false');
    ctx.showError(error);
  });
  return card;
}
