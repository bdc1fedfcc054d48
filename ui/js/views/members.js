// The group's members, who score initiatives and compare criteria.

import { fieldLabel, t, textLimit } from '../i18n.js';
import { organisationsByName } from '../portfolio.js';
import { renderRecordTable } from './record-table.js';

export function renderMembers(main, ctx) {
  const spec = () => ({
    entity: 'member',
    sheet: 'members',
    title: t('members.title'),
    newLabel: t('members.new'),
    newTitle: t('members.new_title'),
    editTitle: t('members.edit_title'),
    nameLabel: fieldLabel('member', 'name'),
    records: ctx.data.members,
    columns: [{ label: fieldLabel('member', 'organisation_id'), value: (m) => ctx.index.organisations.get(m.organisation_id)?.name ?? '' }],
    empty: () => ({ id: 0, name: '', organisation_id: null }),
    fields: (form) => [
      form.field('name', form.text('name', { maxlength: textLimit('name') })),
      form.field(
        'organisation_id',
        form.select('organisation_id', organisationsByName(ctx.data.organisations).map((o) => ({ key: o.id, label: o.name })), {
          empty: t('common.none'),
          numeric: true,
        }),
      ),
    ],
    refresh: () => spec(),
  });
  renderRecordTable(main, ctx, spec());
}
