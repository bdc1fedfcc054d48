// Organisations: boards, administrations and companies of the city.

import { fieldLabel, t, term, terms, textLimit } from '../i18n.js';
import { organisationsByName } from '../portfolio.js';
import { renderRecordTable } from './record-table.js';

export function renderOrganisations(main, ctx) {
  const spec = () => ({
    entity: 'organisation',
    sheet: 'organisations',
    importable: true,
    title: t('organisations.title'),
    newLabel: t('organisations.new'),
    newTitle: t('organisations.new_title'),
    editTitle: t('organisations.edit_title'),
    nameLabel: fieldLabel('organisation', 'name'),
    records: ctx.data.organisations,
    columns: [
      { label: fieldLabel('organisation', 'kind'), value: (o) => term('organisation_kind', o.kind) },
      { label: fieldLabel('organisation', 'parent_id'), value: (o) => ctx.index.organisations.get(o.parent_id)?.name ?? '' },
    ],
    empty: () => ({ id: 0, name: '', kind: 'namnd', parent_id: null }),
    fields: (form) => {
      const others = organisationsByName(ctx.data.organisations.filter((o) => o.id !== form.draft.id));
      return [
        form.field('name', form.text('name', { maxlength: textLimit('name') })),
        form.field('kind', form.select('kind', terms('organisation_kind'))),
        form.field('parent_id', form.select('parent_id', others.map((o) => ({ key: o.id, label: o.name })), { empty: t('common.none'), numeric: true })),
      ];
    },
    refresh: () => spec(),
  });
  renderRecordTable(main, ctx, spec());
}
