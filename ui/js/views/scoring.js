// A member scores the set's initiatives and shared services on every criterion, with "don't know" and comments,
// and compares the criteria pairwise when the set is weighted that way. Every change is saved at once.

import { h, replace } from '../dom.js';
import { compareText, formatNumber } from '../format.js';
import { fact, t, textLimit } from '../i18n.js';
import { itemsOfSet } from '../items-logic.js';
import { currentSet, setPicker } from './set-picker.js';

/** Saaty's scale as offered in a select: left 9× … equal … right 9×. Value is a(left, right). */

export function renderScoring(main, ctx, view) {
  const set = currentSet(ctx, view);
  if (!set) {
    replace(main, h('header', { class: 'view-header' }, h('h1', {}, t('scoring.title'))), h('p', {}, t('prio.no_sets')));
    return;
  }
  const members = [...ctx.data.members].sort((a, b) => compareText(a.name, b.name));
  const member = members.find((m) => m.id === view.memberId) ?? null;
  const header = scoringHeader(main, ctx, view, members, member);
  if (!member) {
    replace(main, header, h('p', { class: 'lead' }, t('scoring.help')));
    return;
  }
  const items = itemsOfSet(set, ctx.index, compareText);
  const sheet = scoringSheet(ctx, set, member, items);
  sheet.updateProgress();

  replace(
    main,
    header,
    set.locked ? h('p', { class: 'banner' }, t('prio.locked_banner')) : null,
    h('p', { class: 'lead' }, t('scoring.help')),
    sheet.progress,
    h(
      'div',
      { class: 'scoring-layout' },
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'data scoring', id: 'scoring-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, t('criteria.col_initiatives')),
              set.criteria.map((c) => h('th', { scope: 'col', title: c.description, class: 'criterion-head' }, c.name)),
            ),
          ),
          h('tbody', {}, items.map((item) => scoringRow(sheet, item))),
        ),
      ),
      sheet.panel,
    ),
    set.weighting === 'parvis' ? pairwiseSection(ctx, set, member) : null,
  );
}

/** The title with the set and member pickers. */
function scoringHeader(main, ctx, view, members, member) {
  const memberSelect = h(
    'select',
    {
      id: 'member-picker',
      onchange: () => {
        view.memberId = Number(memberSelect.value) || null;
        renderScoring(main, ctx, view);
      },
    },
    h('option', { value: '' }, t('scoring.choose_member')),
    members.map((m) => h('option', { value: String(m.id), selected: m.id === member?.id }, m.name)),
  );
  return h(
    'header',
    { class: 'view-header' },
    h('h1', {}, t('scoring.title')),
    h(
      'div',
      { class: 'filters' },
      setPicker(ctx, view, () => renderScoring(main, ctx, view)),
      h('div', { class: 'filter' }, h('label', { for: 'member-picker' }, t('scoring.member')), memberSelect),
    ),
  );
}

/**
 * One member's scoring of a set: the progress line, the side panel and the queue that stores scores in the order
 * they were made.
 */
function scoringSheet(ctx, set, member, items) {
  const keys = new Set(items.map((item) => item.key));
  const sheet = {
    ctx,
    set,
    member,
    progress: h('p', { class: 'summary', 'aria-live': 'polite' }),
    // The side panel: the focused cell's scale and comment.
    panel: h('aside', { class: 'score-panel', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('scoring.no_cell'))),
    scoreOf: (criterion, key) => ctx.data.scores.find((s) => s.criterion_id === criterion && s.item === key && s.member_id === member.id),
    updateProgress: () => {
      const mine = ctx.data.scores.filter(
        (s) => s.member_id === member.id && keys.has(s.item) && set.criteria.some((c) => c.id === s.criterion_id),
      );
      replace(
        sheet.progress,
        t('scoring.progress', {
          done: mine.length,
          total: set.criteria.length * items.length,
          dont_know: mine.filter((s) => s.value === null).length,
        }),
      );
    },
    // Score writes go one at a time, in the order they were made: a comment saved while its value is still being
    // stored must not be overwritten by that earlier write. A refused write is shown and the next one goes on.
    writes: Promise.resolve(),
    inOrder: (write) =>
      (sheet.writes = sheet.writes.then(async () => {
        try {
          await write();
        } catch (error) {
          ctx.showError(error);
        }
      })),
    store: (criterion, item, value, comment, keepPanel = false) =>
      sheet.inOrder(async () => {
        await ctx.putScore({ id: 0, criterion_id: criterion.id, item: item.key, member_id: member.id, value, comment });
        sheet.updateProgress();
        if (!keepPanel) showCell(sheet, criterion, item);
      }),
  };
  return sheet;
}

/** Shows the scale and the comment of the focused cell in the side panel. */
function showCell(sheet, criterion, item) {
  const { set, panel } = sheet;
  const score = sheet.scoreOf(criterion.id, item.key);
  const cellKey = `${criterion.id}-${item.key}`;
  const previous = panel.dataset.cell === cellKey ? panel.querySelector('#score-comment') : null;
  const comment = h('textarea', { id: 'score-comment', rows: 4, maxlength: textLimit('text'), disabled: set.locked || !score });
  comment.dataset.stored = score?.comment ?? '';
  // A comment written for this cell while its value was being stored survives the redraw that follows.
  comment.value = previous && previous.value !== previous.dataset.stored ? previous.value : comment.dataset.stored;
  panel.dataset.cell = cellKey;
  comment.addEventListener('change', () => {
    // The value as the cell shows it now: a value chosen a moment ago may not be stored yet.
    const cell = document.querySelector(`#scoring-table select.score[data-criterion="${criterion.id}"][data-item="${item.key}"]`);
    const shown = cell?.value ?? '';
    const value = shown === '' ? score?.value ?? null : shown === 'dont_know' ? null : Number(shown);
    sheet.store(criterion, item, value, comment.value, true);
  });
  replace(
    panel,
    h('h2', {}, t('scoring.cell_heading', { initiative: item.label, criterion: criterion.name })),
    criterion.description ? h('p', { class: 'muted' }, criterion.description) : null,
    h(
      'ol',
      { class: 'anchor-list', start: criterion.scale_min },
      criterion.anchors.map((anchor, k) =>
        h('li', { class: score?.value === criterion.scale_min + k ? 'current' : null, value: criterion.scale_min + k }, anchor),
      ),
    ),
    h('label', { for: 'score-comment' }, t('scoring.comment')),
    comment,
  );
}

/** An initiative's or a service's row: one score select per criterion. A service is marked as one. */
function scoringRow(sheet, item) {
  const name =
    item.kind === 'service'
      ? [h('span', { class: 'kind-badge' }, t('item.kind.service')), h('span', { class: 'title' }, item.label)]
      : [h('span', { class: 'nowrap' }, item.label), h('span', { class: 'title' }, item.title)];
  return h(
    'tr',
    { dataset: { item: item.key } },
    h('th', { scope: 'row' }, name),
    sheet.set.criteria.map((criterion) => scoreCell(sheet, criterion, item)),
  );
}

/** A select of the criterion's levels, "don't know" or not scored; a change is stored (or deleted) at once. */
function scoreCell(sheet, criterion, item) {
  const { ctx, set } = sheet;
  const score = sheet.scoreOf(criterion.id, item.key);
  const levels = criterion.anchors.map((anchor, k) => ({ value: String(criterion.scale_min + k), anchor }));
  // What the chosen level means, for a screen reader, which reads the option's number only.
  const meaningOf = (value) => levels.find((l) => l.value === value)?.anchor ?? '';
  const meaning = h('span', { class: 'visually-hidden', id: `meaning-${criterion.id}-${item.kind}-${item.id}` });
  const select = h(
    'select',
    {
      class: 'score',
      'aria-label': `${item.label}, ${criterion.name}`,
      'aria-describedby': meaning.id,
      disabled: set.locked,
      dataset: { criterion: criterion.id, item: item.key },
    },
    h('option', { value: '' }, t('scoring.not_scored')),
    levels.map((l) => h('option', { value: l.value, title: l.anchor, selected: score?.value === Number(l.value) }, l.value)),
    h('option', { value: 'dont_know', selected: score && score.value === null }, t('scoring.dont_know')),
  );
  if (!score) select.value = '';
  meaning.textContent = meaningOf(select.value);
  select.addEventListener('focus', () => showCell(sheet, criterion, item));
  select.addEventListener('change', async () => {
    meaning.textContent = meaningOf(select.value);
    if (select.value === '') {
      await sheet.inOrder(async () => {
        const stored = sheet.scoreOf(criterion.id, item.key);
        if (!stored) return;
        await ctx.deleteScore(stored.id);
        sheet.updateProgress();
        showCell(sheet, criterion, item);
      });
      return;
    }
    const value = select.value === 'dont_know' ? null : Number(select.value);
    await sheet.store(criterion, item, value, sheet.scoreOf(criterion.id, item.key)?.comment ?? '');
  });
  const commented = score?.comment ? h('span', { class: 'commented', title: score.comment, 'aria-hidden': 'true' }, '•') : null;
  return h('td', { class: 'score-cell' }, select, meaning, commented);
}

function pairwiseSection(ctx, set, member) {
  const existing = ctx.data.pairwise.find((p) => p.set_id === set.id && p.member_id === member.id);
  const judged = new Map((existing?.judgements ?? []).map((j) => [`${j.a}:${j.b}`, j.value]));
  const criteria = set.criteria;
  const pairs = [];
  for (let i = 0; i < criteria.length; i++) for (let j = i + 1; j < criteria.length; j++) pairs.push([criteria[i], criteria[j]]);
  const status = h('p', { class: 'summary', 'aria-live': 'polite' });
  const selects = pairs.map(([a, b]) => {
    const [lo, hi] = a.id < b.id ? [a, b] : [b, a];
    const stored = judged.get(`${lo.id}:${hi.id}`);
    const current = stored === undefined ? null : lo.id === a.id ? stored : 1 / stored;
    const select = h(
      'select',
      { 'aria-label': `${a.name} – ${b.name}`, disabled: set.locked },
      h('option', { value: '' }, '–'),
      // Saaty's scale as the engine sends it (9 … 1 … 1/9: src/domain/assessment.rs).
      fact('saaty_scale').map((v) => {
        const text = v === 1 ? t('scoring.equal') : v > 1 ? t('scoring.left_more', { criterion: a.name, n: v }) : t('scoring.left_more', { criterion: b.name, n: Math.round(1 / v) });
        return h('option', { value: String(v), selected: current !== null && Math.abs(Math.log(current) - Math.log(v)) < 1e-6 }, text);
      }),
    );
    if (current === null) select.value = '';
    return { a, b, select };
  });
  const updateStatus = async () => {
    const count = selects.filter((s) => s.select.value !== '').length;
    const parts = [t('scoring.pairwise_progress', { judged: count, pairs: pairs.length })];
    try {
      const assessment = await ctx.assessment(set.id);
      const mine = assessment.pairwise.members.find((m) => m.member_id === member.id);
      if (mine?.cr !== null && mine?.cr !== undefined) {
        parts.push(t('scoring.pairwise_cr', { cr: formatNumber(mine.cr, 3) }));
        if (!mine.acceptable) parts.push(t('scoring.pairwise_cr_warning'));
      }
    } catch {
      // The status line is a help; a failure to compute it is not worth an alert.
    }
    replace(status, parts.join(' · '));
  };
  updateStatus();
  const save = async () => {
    const judgements = selects
      .filter((s) => s.select.value !== '')
      .map((s) => ({ a: s.a.id, b: s.b.id, value: Number(s.select.value) }));
    try {
      await ctx.putPairwise({ id: 0, set_id: set.id, member_id: member.id, judgements });
      ctx.notify(t('scoring.pairwise_saved'));
      updateStatus();
    } catch (error) {
      ctx.showError(error);
    }
  };
  return h(
    'section',
    { class: 'form-section pairwise', id: 'pairwise' },
    h('h2', {}, t('scoring.pairwise_title')),
    h('p', { class: 'muted' }, t('scoring.pairwise_help')),
    status,
    h(
      'table',
      { class: 'pairs' },
      h(
        'tbody',
        {},
        selects.map((s) =>
          h('tr', {}, h('th', { scope: 'row', class: 'left' }, s.a.name), h('td', {}, s.select), h('th', { scope: 'row', class: 'right' }, s.b.name)),
        ),
      ),
    ),
    set.locked ? null : h('button', { type: 'button', class: 'primary', onclick: save }, t('scoring.pairwise_save')),
  );
}
