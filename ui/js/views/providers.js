// Providers of shared services.

import { h } from '../dom.js';
import { fieldLabel, t, textLimit } from '../i18n.js';
import { organisationsByName } from '../portfolio.js';
import { renderRecordTable } from './record-table.js';

export function renderProviders(main, ctx) {
  const spec = () => ({
    entity: 'provider',
    sheet: 'providers',
    title: t('providers.title'),
    newLabel: t('providers.new'),
    newTitle: t('providers.new_title'),
    editTitle: t('providers.edit_title'),
    nameLabel: fieldLabel('provider', 'name'),
    records: ctx.data.providers,
    columns: [
      { label: fieldLabel('provider', 'organisation_id'), value: (p) => ctx.index.organisations.get(p.organisation_id)?.name ?? '' },
      { label: fieldLabel('provider', 'description'), value: (p) => p.description },
      { label: t('analysis.title'), value: (p) => analysisLinks(ctx, p) },
    ],
    empty: () => ({ id: 0, name: '', organisation_id: null, description: '' }),
    fields: (form) => [
      form.field('name', form.text('name', { maxlength: textLimit('name') })),
      form.field(
        'organisation_id',
        form.select('organisation_id', organisationsByName(ctx.data.organisations).map((o) => ({ key: o.id, label: o.name })), {
          empty: t('common.none'),
          numeric: true,
        }),
      ),
      form.field('description', form.text('description', { multiline: true, rows: 4 })),
    ],
    refresh: () => spec(),
  });
  renderRecordTable(main, ctx, spec());
}

/** Links to the provider's yearly analyses, and to the one for the coming year when it has none yet. */
function analysisLinks(ctx, provider) {
  const years = (ctx.data.yearly_analyses ?? []).filter((a) => a.provider_id === provider.id).map((a) => a.year).sort((a, b) => b - a);
  const coming = new Date().getFullYear() + 1;
  if (!years.includes(coming)) years.unshift(coming);
  return years.map((year, i) => [i ? ' ' : null, h('a', { href: `#/analyser/${provider.id}/${year}`, class: 'analysis-link' }, String(year))]);
}
