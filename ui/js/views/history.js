// Change history: the latest changes of the portfolio, and the history of one record.

import { h, replace } from '../dom.js';
import { formatDateTime } from '../format.js';
import { fieldLabel, t, term } from '../i18n.js';

/** Keys of closed lists, by field, so the history shows their labels. */
const VOCABULARY_FIELDS = {
  kind: { organisation: 'organisation_kind', initiative: 'initiative_kind' },
  category: { service: 'service_category' },
  funding_model: { service: 'funding_model', initiative: 'funding_model' },
  state: { service: 'service_state', initiative: 'initiative_state' },
  track: { initiative: 'track' },
  reuse_outcome: { initiative: 'reuse_outcome' },
  orientation: { initiative: 'orientation' },
  laws: { initiative: 'law' },
  decision: { service: 'decision_outcome' },
};

function shown(entity, field, value) {
  if (value === null || value === undefined) return h('span', { class: 'muted' }, t('common.none'));
  const list = VOCABULARY_FIELDS[field]?.[entity];
  if (list) return value.split(', ').map((key) => term(list, key)).join(', ');
  if (field === 'specially_followed') return value === 'true' ? t('common.yes') : t('common.no');
  return value;
}

/** Where a record is shown, if it still exists. */
function recordLink(ctx, change) {
  const places = { initiative: ['initiatives', '#/initiativ/'], service: ['services', '#/tjanster/'] };
  const place = places[change.entity];
  if (place && ctx.index?.[place[0]].has(change.record_id)) return `${place[1]}${change.record_id}`;
  if (change.entity === 'organisation') return '#/organisationer';
  if (change.entity === 'provider') return '#/leverantorer';
  return null;
}

/** One change as a list item: when, who, what, and a table of the fields. */
function changeItem(change, { ctx, withRecord }) {
  const action = t(`history.action_${change.action}`);
  const href = withRecord && change.action !== 'delete' ? recordLink(ctx, change) : null;
  const label = h('strong', {}, change.record_label);
  const record = withRecord
    ? [' ', term('entity', change.entity).toLocaleLowerCase(), ' ', href ? h('a', { href }, label) : label]
    : null;
  return h(
    'li',
    { class: 'change' },
    h(
      'p',
      { class: 'change-head' },
      h('time', { datetime: change.at }, formatDateTime(change.at, document.documentElement.lang)),
      ' · ',
      h('span', { class: 'who' }, change.by),
      ' ',
      action,
      record,
      change.note ? h('span', { class: 'muted' }, ` (${change.note})`) : null,
    ),
    change.fields.length && change.action !== 'import'
      ? h(
          'table',
          { class: 'change-fields' },
          h(
            'thead',
            {},
            h('tr', {}, h('th', { scope: 'col' }, t('history.field')), h('th', { scope: 'col' }, t('history.before')), h('th', { scope: 'col' }, t('history.after'))),
          ),
          h(
            'tbody',
            {},
            change.fields.map((f) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, fieldLabel(change.entity, f.field)),
                h('td', {}, shown(change.entity, f.field, f.old)),
                h('td', {}, shown(change.entity, f.field, f.new)),
              ),
            ),
          ),
        )
      : null,
  );
}

/** A collapsible history of one record, loaded when opened. */
export function historyPanel(ctx, entity, id) {
  const list = h('ol', { class: 'changes' });
  const panel = h('details', { class: 'history-panel', id: 'record-history' }, h('summary', {}, t('common.history')), list);
  panel.addEventListener('toggle', async () => {
    if (!panel.open) return;
    replace(list, h('li', { class: 'muted' }, t('common.loading')));
    try {
      const changes = await ctx.history(entity, id);
      replace(list, changes.length ? changes.map((c) => changeItem(c, { ctx, withRecord: false })) : h('li', {}, t('history.empty')));
    } catch (error) {
      ctx.showError(error);
    }
  });
  return panel;
}

export async function renderRecentChanges(main, ctx) {
  // The list can be long and has nothing to tab to: it takes focus itself, so the keyboard can scroll it.
  const list = h('ol', { class: 'changes', id: 'recent-changes', tabindex: '0', 'aria-label': t('history.title') }, h('li', { class: 'muted' }, t('common.loading')));
  replace(
    main,
    h('header', { class: 'view-header' }, h('h1', {}, t('history.title'))),
    h('p', { class: 'lead' }, t('history.intro')),
    list,
  );
  try {
    const changes = await ctx.recentChanges(200);
    replace(list, changes.length ? changes.map((c) => changeItem(c, { ctx, withRecord: true })) : h('li', {}, t('history.empty')));
  } catch (error) {
    ctx.showError(error);
  }
}
