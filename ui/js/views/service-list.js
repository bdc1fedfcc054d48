// The service catalogue: every provider's services with category, price, funding, classification, what each records
// against the city's baseline (grundsäkerhetsnivå), and remarks: the classification against the city's practice of
// a least classification, and customers without instructions for the personal data processed on their behalf.

import { h, replace } from '../dom.js';
import { formatMoney } from '../format.js';
import { fieldLabel, t, term, terms } from '../i18n.js';
import { filterServices, securityShort } from '../portfolio.js';
import { filterSearch, filterSelect } from './filters.js';

export function renderServiceList(main, ctx, view) {
  const { data, index } = ctx;
  const letters = ctx.language === 'en' ? ['C', 'I', 'A'] : ['K', 'R', 'T'];
  const body = h('tbody');
  const summary = h('p', { class: 'summary', 'aria-live': 'polite' });

  // The engine's standing of each service this year: its classification against the least one of the city's
  // practice (when the practice sets one) and its customers without instructions.
  let standings = new Map();
  const remarks = (service) => {
    const standing = standings.get(service.id);
    if (!standing) return '';
    const found = [];
    const check = standing.classification;
    if (standing.least_classification && (check.status === 'below' || check.status === 'not_classified')) {
      const letter = ctx.language === 'en' ? { confidentiality: 'C', integrity: 'I', availability: 'A' } : { confidentiality: 'K', integrity: 'R', availability: 'T' };
      found.push(t(`services.practice_${check.status}`, { aspects: (check.aspects ?? []).map((a) => letter[a]).join(', ') }));
    }
    const lacking = standing.customers_without_instructions.length;
    if (lacking) found.push(t('services.instructions_lacking', { count: lacking }));
    return found.join('; ');
  };

  const select = (name, label, options) => filterSelect(view.filters, name, label, options, () => update());

  function update() {
    const shown = filterServices(data.services, view.filters, index);
    replace(summary, t('services.count', { shown: shown.length, total: data.services.length }));
    replace(
      body,
      shown.map((service) => {
        const price = service.price === null ? '' : `${formatMoney(service.price)} ${t('service.price_per', { unit: service.unit })}`;
        const tr = h(
          'tr',
          { class: 'clickable' },
          h('td', {}, h('a', { href: `#/tjanster/${service.id}` }, service.name)),
          h('td', {}, term('service_category', service.category)),
          h('td', {}, index.providers.get(service.provider_id)?.name ?? ''),
          h('td', { class: 'numeric' }, price),
          h('td', {}, term('funding_model', service.funding_model)),
          h('td', {}, term('service_state', service.state)),
          h('td', { class: 'nowrap mono' }, securityShort(service.security, letters)),
          h('td', { class: 'baseline' }, term('baseline_status', service.baseline)),
          h('td', { class: 'remarks' }, remarks(service)),
        );
        tr.addEventListener('click', (event) => {
          if (!event.target.closest('a')) ctx.navigate(`#/tjanster/${service.id}`);
        });
        return tr;
      }),
    );
  }

  replace(
    main,
    h(
      'header',
      { class: 'view-header' },
      h('h1', {}, t('services.title')),
      h(
        'div',
        { class: 'view-actions' },
        h('button', { type: 'button', id: 'export-services', onclick: () => ctx.exportSheet('services') }, t('sheet.export')),
        h('button', { type: 'button', id: 'import-services', onclick: () => ctx.navigate('#/import/services') }, t('import.from_sheet')),
        h('button', { type: 'button', class: 'primary', onclick: () => ctx.navigate('#/tjanster/ny') }, t('services.new')),
      ),
    ),
    h(
      'div',
      { class: 'filters', role: 'search' },
      filterSearch(view.filters, t('services.search'), () => update()),
      select('category', t('services.filter_category'), terms('service_category').filter((c) => (ctx.app.vocabulary?.catalogue_categories ?? []).includes(c.key))),
      select('provider', t('services.filter_provider'), data.providers.map((p) => ({ key: p.id, label: p.name }))),
    ),
    summary,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'data' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['name', 'category', 'provider_id', 'price', 'funding_model', 'state'].map((f) =>
              h('th', { scope: 'col', class: f === 'price' ? 'numeric' : null }, fieldLabel('service', f).replace(' (kr)', '').replace(' (SEK)', '')),
            ),
            h('th', { scope: 'col' }, t('initiatives.col_security')),
            h('th', { scope: 'col' }, fieldLabel('service', 'baseline')),
            h('th', { scope: 'col' }, t('services.col_remarks')),
          ),
        ),
        body,
      ),
    ),
  );
  update();
  ctx.serviceStandings(new Date().getFullYear()).then((list) => {
    standings = new Map(list.map((s) => [s.service_id, s]));
    if (body.isConnected) update();
  });
}
