// Choosing the criteria set a prioritisation view works on. The choice is kept while the user moves around.

import { h } from '../dom.js';
import { t } from '../i18n.js';

/** The chosen set, or the first (newest period) when none is chosen or it no longer exists. */
export function currentSet(ctx, view) {
  const sets = ctx.data.criteria_sets;
  return sets.find((s) => s.id === view.setId) ?? sets[0] ?? null;
}

/** A labelled select of the sets; `onChange` runs after the choice is stored in `view.setId`. */
export function setPicker(ctx, view, onChange) {
  const current = currentSet(ctx, view);
  const control = h(
    'select',
    {
      id: 'set-picker',
      onchange: () => {
        view.setId = Number(control.value);
        onChange();
      },
    },
    ctx.data.criteria_sets.map((s) =>
      h('option', { value: String(s.id), selected: s.id === current?.id }, `${s.name}${s.locked ? ` (${t('prio.locked')})` : ''}`),
    ),
  );
  return h('div', { class: 'filter' }, h('label', { for: 'set-picker' }, t('prio.set')), control);
}
