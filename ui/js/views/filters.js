// Filter controls shared by the list views. They write into the view's kept filters and call `update`.

import { h } from '../dom.js';
import { t } from '../i18n.js';

/** A labelled select of `options` [{key, label}] with "all" first, bound to `filters[name]`. */
export function filterSelect(filters, name, label, options, update) {
  const control = h(
    'select',
    {
      id: `filter-${name}`,
      onchange: () => {
        filters[name] = control.value;
        update();
      },
    },
    h('option', { value: '' }, t('common.all')),
    options.map((o) => h('option', { value: String(o.key), selected: String(o.key) === String(filters[name]) }, o.label)),
  );
  return h('div', { class: 'filter' }, h('label', { for: control.id }, label), control);
}

/** The free-text search, bound to `filters.text`. */
export function filterSearch(filters, placeholder, update) {
  const control = h('input', {
    type: 'search',
    id: 'filter-text',
    value: filters.text,
    placeholder,
    oninput: () => {
      filters.text = control.value;
      update();
    },
  });
  return h('div', { class: 'filter grow' }, h('label', { for: control.id }, t('common.search')), control);
}
