// The lifecycle as a board: initiatives per phase (need, preparation, decision, realisation, finished), what waits
// for the group and what has overdue measurements marked.

import { h, replace } from '../dom.js';
import { t, term, terms } from '../i18n.js';
import { byPhase, overdueMeasurements, waitsForGroup } from '../dashboard-logic.js';

export function renderBoard(main, ctx, view = { track: '' }) {
  const late = new Set(overdueMeasurements(ctx.data.benefits ?? [], ctx.index.today).map((l) => l.benefit.initiative_id));
  const trackFilter = h('select', { id: 'board-track' }, h('option', { value: '' }, t('board.both_tracks')), terms('track').map((tr) => h('option', { value: tr.key, selected: tr.key === view.track }, tr.label)));
  trackFilter.addEventListener('change', () => renderBoard(main, ctx, { track: trackFilter.value }));
  const columns = byPhase(ctx.data.initiatives ?? [], ctx.app.vocabulary, view.track).map(({ phase, initiatives }) =>
    h(
      'section',
      { class: 'board-column', dataset: { phase }, 'aria-labelledby': `board-${phase}` },
      h('h2', { id: `board-${phase}` }, term('phase', phase), ' ', h('span', { class: 'badge muted-badge' }, String(initiatives.length))),
      h(
        'ul',
        {},
        initiatives.map((i) =>
          h(
            'li',
            { class: 'board-card' },
            h('a', { href: `#/initiativ/${i.id}` }, h('span', { class: 'mono' }, i.case_number), ' ', i.title),
            h('div', {},
              h('span', { class: `state state-${i.state}` }, term('initiative_state', i.state)),
              waitsForGroup(i.state, ctx.app.vocabulary) ? h('span', { class: 'badge' }, t('board.waiting')) : null,
              late.has(i.id) ? h('span', { class: 'badge warning' }, t('board.late_measurement')) : null,
              i.specially_followed ? h('span', { class: 'badge muted-badge' }, t('board.followed')) : null,
            ),
          ),
        ),
      ),
    ),
  );
  replace(
    main,
    h('header', { class: 'view-header' }, h('h1', {}, t('board.title')), h('div', { class: 'inline-field' }, h('label', { for: 'board-track' }, t('board.track')), ' ', trackFilter)),
    h('p', { class: 'lead' }, t('board.intro')),
    h('div', { class: 'board' }, columns),
  );
}
