// Where members disagree most: the agenda for the meeting discussion, with everyone's score and comment.

import { h, replace } from '../dom.js';
import { formatNumber } from '../format.js';
import { t } from '../i18n.js';
import { describeItem } from '../items-logic.js';
import { currentSet, setPicker } from './set-picker.js';

export async function renderDisagreements(main, ctx, view) {
  const set = currentSet(ctx, view);
  const list = h('ol', { class: 'disagreements', id: 'disagreements' });
  replace(
    main,
    h(
      'header',
      { class: 'view-header' },
      h('h1', {}, t('disagreement.title')),
      set ? h('div', { class: 'filters' }, setPicker(ctx, view, () => renderDisagreements(main, ctx, view))) : null,
    ),
    h('p', { class: 'lead' }, set ? t('disagreement.intro') : t('prio.no_sets')),
    list,
  );
  if (!set) return;
  let assessment;
  try {
    assessment = await ctx.assessment(set.id);
  } catch (error) {
    ctx.showError(error);
    return;
  }
  const member = (id) => ctx.data.members.find((m) => m.id === id)?.name ?? `#${id}`;
  if (assessment.disagreements.length === 0) {
    replace(list, h('li', {}, t('disagreement.none')));
    return;
  }
  replace(
    list,
    assessment.disagreements.map((d) => {
      const item = describeItem(d.item, ctx.index);
      const criterion = set.criteria.find((c) => c.id === d.criterion_id);
      const anchor = (value) => (value === null ? t('scoring.dont_know') : criterion?.anchors[value - criterion.scale_min] ?? '');
      return h(
        'li',
        { class: 'disagreement' },
        h(
          'h2',
          {},
          item?.kind === 'service' ? h('span', { class: 'kind-badge kind-service' }, t('item.kind.service')) : null,
          h('a', { href: item?.href ?? '#' }, item?.label ?? ''),
          `${item?.title ? ` ${item.title}` : ''} – ${criterion?.name ?? ''}`,
        ),
        h(
          'p',
          { class: 'muted' },
          t('disagreement.consensus', { value: formatNumber(d.consensus, 2) }),
          ' · ',
          t('disagreement.spread', { min: d.min, max: d.max }),
        ),
        h(
          'table',
          { class: 'member-scores' },
          h(
            'tbody',
            {},
            d.scores.map((s) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, member(s.member_id)),
                h('td', { class: 'numeric score-value', title: anchor(s.value) }, s.value === null ? t('scoring.dont_know') : String(s.value)),
                h('td', { class: 'comment' }, s.comment),
              ),
            ),
          ),
        ),
      );
    }),
  );
}
