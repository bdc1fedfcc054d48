// The portfolio overview: every initiative in a sortable, filterable table with totals.

import { h, replace } from '../dom.js';
import { formatMoney } from '../format.js';
import { fieldLabel, t, term, terms } from '../i18n.js';
import { filterSearch, filterSelect } from './filters.js';
import { filterInitiatives, organisationsByName, securityShort, sortInitiatives, sumCosts, totalCosts } from '../portfolio.js';

const COLUMNS = [
  { key: 'case_number', label: () => fieldLabel('initiative', 'case_number') },
  { key: 'title', label: () => fieldLabel('initiative', 'title') },
  { key: 'state', label: () => fieldLabel('initiative', 'state') },
  { key: 'owner', label: () => fieldLabel('initiative', 'owner_id') },
  { key: 'development', label: () => t('initiatives.col_total_dev'), numeric: true },
  { key: 'management', label: () => t('initiatives.col_total_mgmt'), numeric: true },
  { key: 'security', label: () => t('initiatives.col_security') },
];

/**
 * @param {HTMLElement} main
 * @param {object} ctx the controller's context
 * @param {{filters: object, sort: {key: string, direction: string}}} view kept between visits
 */
export function renderInitiativeList(main, ctx, view) {
  const { data, index } = ctx;
  const stateOrder = terms('initiative_state').map((s) => s.key);
  const securityLetters = ctx.language === 'en' ? ['C', 'I', 'A'] : ['K', 'R', 'T'];

  const summary = h('p', { class: 'summary', 'aria-live': 'polite' });
  const body = h('tbody');
  const headRow = h('tr');

  const owners = organisationsByName(
    data.organisations.filter((o) => data.initiatives.some((i) => i.owner_id === o.id)),
  ).map((o) => ({ key: o.id, label: o.name }));

  const select = (name, label, options) => filterSelect(view.filters, name, label, options, () => update());
  const filters = h(
    'div',
    { class: 'filters', role: 'search' },
    filterSearch(view.filters, t('initiatives.search'), () => update()),
    select('track', t('initiatives.filter_track'), terms('track')),
    select('state', t('initiatives.filter_state'), terms('initiative_state')),
    select('owner', t('initiatives.filter_owner'), owners),
    select('kind', t('initiatives.filter_kind'), terms('initiative_kind')),
    h('button', {
      type: 'button',
      class: 'quiet',
      onclick: () => {
        Object.assign(view.filters, { text: '', track: '', state: '', owner: '', kind: '' });
        renderInitiativeList(main, ctx, view);
      },
    }, t('initiatives.clear_filters')),
  );

  const header = () => sortableHeader(headRow, view, () => {
    header();
    update();
  });

  function update() {
    const shown = sortInitiatives(filterInitiatives(data.initiatives, view.filters, index), view.sort, index, stateOrder);
    const total = sumCosts(shown);
    replace(
      summary,
      t('initiatives.count', { shown: shown.length, total: data.initiatives.length }),
      ' · ',
      t('initiatives.totals', { development: formatMoney(total.development), management: formatMoney(total.management) }),
    );
    replace(
      body,
      shown.length === 0
        ? h('tr', {}, h('td', { colspan: COLUMNS.length, class: 'empty' }, t('initiatives.empty')))
        : shown.map((initiative) => initiativeRow(ctx, initiative, securityLetters)),
    );
  }

  header();
  replace(
    main,
    h(
      'header',
      { class: 'view-header' },
      h('h1', {}, t('initiatives.title')),
      h(
        'div',
        { class: 'view-actions' },
        h('button', { type: 'button', id: 'export-initiatives', onclick: () => ctx.exportSheet('initiatives') }, t('sheet.export')),
        h('button', { type: 'button', id: 'import-initiatives', onclick: () => ctx.navigate('#/import/initiatives') }, t('import.from_sheet')),
        h('button', { type: 'button', class: 'primary', id: 'new-initiative', onclick: () => ctx.navigate('#/initiativ/ny') }, t('initiatives.new')),
      ),
    ),
    filters,
    summary,
    h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'initiative-table' }, h('thead', {}, headRow), body)),
  );
  update();
}

/** The column headers; a click sorts by the column, again reverses the order, and calls `onSort`. */
function sortableHeader(headRow, view, onSort) {
  replace(
    headRow,
    COLUMNS.map((column) => {
      const sorted = view.sort.key === column.key;
      const button = h(
        'button',
        {
          type: 'button',
          class: 'sort',
          onclick: () => {
            view.sort = {
              key: column.key,
              direction: sorted && view.sort.direction === 'ascending' ? 'descending' : 'ascending',
            };
            onSort();
          },
        },
        column.label(),
        h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, sorted ? (view.sort.direction === 'ascending' ? '▲' : '▼') : ''),
      );
      return h(
        'th',
        { scope: 'col', class: column.numeric ? 'numeric' : null, 'aria-sort': sorted ? view.sort.direction : null },
        button,
      );
    }),
  );
}

/** An initiative's row; a click anywhere but the link opens it too. */
function initiativeRow(ctx, initiative, securityLetters) {
  const costs = totalCosts(initiative);
  const link = h('a', { href: `#/initiativ/${initiative.id}` }, initiative.case_number);
  const tr = h(
    'tr',
    { class: 'clickable', dataset: { id: initiative.id } },
    h('td', { class: 'nowrap' }, link, h('span', { class: 'track' }, term('track', initiative.track))),
    h(
      'td',
      { class: 'title-cell' },
      initiative.title,
      initiative.specially_followed
        ? h('span', { class: 'badge', title: t('initiatives.followed_short') }, t('initiatives.followed_short'))
        : null,
    ),
    h('td', {}, h('span', { class: `state state-${initiative.state}` }, term('initiative_state', initiative.state))),
    h('td', {}, ctx.index.organisations.get(initiative.owner_id)?.name ?? ''),
    h('td', { class: 'numeric nowrap' }, formatMoney(costs.development, { decimals: false })),
    h('td', { class: 'numeric nowrap' }, formatMoney(costs.management, { decimals: false })),
    h('td', { class: 'nowrap mono' }, securityShort(initiative.security, securityLetters)),
  );
  tr.addEventListener('click', (event) => {
    if (event.target.closest('a')) return;
    ctx.navigate(`#/initiativ/${initiative.id}`);
  });
  return tr;
}
