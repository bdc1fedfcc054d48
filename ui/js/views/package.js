// A member's meeting package, opened without a portfolio: the agenda with each item's texts, the meeting packet
// to read, and the initiatives to score with each level's meaning. The draft is kept on this computer while the
// member works; "Spara svar" writes the response file to send to the secretary.

import { h, replace } from '../dom.js';
import { formatDateTime, formatMoney } from '../format.js';
import { t, term, textLimit } from '../i18n.js';
import { cellKey, draftKey, initialDraft, itemsOf, parseDraft, progress, responseScores, setCell } from '../package-logic.js';

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** ctx.packages: {open(), close(), openPaper(index), saveResponse(memberId, scores, comment)}. */
export function renderPackage(main, ctx, view) {
  if (!view) {
    replace(
      main,
      h('header', { class: 'view-header' }, h('h1', {}, t('package.title_none'))),
      h('p', { class: 'lead' }, t('package.none')),
      h('div', { class: 'form-actions' }, h('button', { type: 'button', class: 'primary', id: 'open-package', onclick: () => ctx.packages.open() }, t('package.open'))),
    );
    return;
  }
  const content = view.content;
  const meeting = content.meeting;
  // A package is made for one member: only they can respond with it, so there is no one else to choose.
  const member = content.member;
  const pkg = packageSheet(ctx, view);
  renderPackageScoring(pkg);
  replace(
    main,
    h(
      'header',
      { class: 'view-header' },
      h('h1', {}, t('package.title', { body: meeting.body, date: meeting.date })),
      h('button', { type: 'button', class: 'quiet', onclick: () => ctx.packages.close() }, t('package.close')),
    ),
    h(
      'p',
      { class: 'lead' },
      [meeting.start_time && meeting.end_time ? `${meeting.start_time}–${meeting.end_time}` : null, meeting.place || null, meeting.case_number || null].filter(Boolean).join(' · '),
    ),
    h('p', { class: 'muted' }, t('package.exported', { by: content.exported_by, at: formatDateTime(content.exported_at, ctx.language), organisation: content.organisation || '–' })),
    h(
      'section',
      { class: 'form-section', 'aria-labelledby': 'package-papers-title' },
      h('h2', { id: 'package-papers-title' }, t('package.papers')),
      h('div', { class: 'export-buttons' }, view.papers.map(([name], i) => h('button', { type: 'button', class: 'export', onclick: () => ctx.packages.openPaper(i) }, t('package.open_paper', { name })))),
      h('h3', {}, t('package.agenda')),
      h('ul', { class: 'package-agenda' }, meeting.items.map((item) => agendaItem(item, content.criteria_set))),
    ),
    h('p', { class: 'lead', id: 'package-member' }, t('package.for_member', { name: member.organisation ? `${member.name} (${member.organisation})` : member.name })),
    h('p', { class: 'hint' }, t('package.keep_private')),
    pkg.status,
    pkg.scoring,
  );
}

/**
 * The member's draft of their response, kept on this computer while they work, with the progress line and the
 * scoring section it fills.
 */
function packageSheet(ctx, view) {
  const store = storage();
  const memberId = view.content.member.id;
  const pkg = {
    ctx,
    content: view.content,
    memberId,
    draft: null,
    scoring: h('section', { class: 'form-section package-scoring', 'aria-labelledby': 'package-scoring-title' }),
    status: h('p', { class: 'summary', id: 'package-progress', 'aria-live': 'polite' }),
    loadDraft: () => parseDraft(store?.getItem(draftKey(view.checksum, memberId)) ?? '') ?? initialDraft(view.content),
    keep: () => store?.setItem(draftKey(view.checksum, memberId), JSON.stringify(pkg.draft)),
    updateStatus: () => {
      if (!pkg.draft) return replace(pkg.status);
      const p = progress(pkg.content, pkg.draft);
      replace(pkg.status, t('package.progress', { scored: p.scored, total: p.total, dont_know: p.dontKnow }));
    },
  };
  return pkg;
}

/** One agenda item with its texts, folded; the valuation of the criteria set says that its items are scored below. */
function agendaItem(item, set) {
  return h(
    'li',
    { class: 'package-item' },
    h(
      'details',
      {},
      h(
        'summary',
        {},
        `${item.number}. ${item.title}`,
        h('span', { class: 'badge' }, term('item_kind', item.kind)),
        item.valuation ? h('span', { class: 'badge valuation-badge' }, t('meeting.valuation_badge')) : null,
      ),
      item.valuation && set ? h('p', { class: 'valuation-note' }, t('package.valuation_item', { set: set.name })) : null,
      item.case_number ? h('p', { class: 'muted' }, t('package.case_number', { case_number: item.case_number })) : null,
      item.presenter ? h('p', { class: 'muted' }, t('package.presenter', { name: item.presenter })) : null,
      item.proposed_decision ? [h('h4', {}, t('package.proposed_decision')), h('p', {}, item.proposed_decision)] : null,
      item.summary ? [h('h4', {}, t('package.summary')), h('p', {}, item.summary)] : null,
      item.background ? [h('h4', {}, t('package.background')), h('p', {}, item.background)] : null,
      item.assessment ? [h('h4', {}, t('package.assessment')), h('p', {}, item.assessment)] : null,
      item.attachments.length ? h('p', { class: 'muted' }, t('package.attachments', { names: item.attachments.join(', ') })) : null,
    ),
  );
}

/** The initiatives and services to score, the overall comment and "Spara svar". */
function renderPackageScoring(pkg) {
  const { ctx, content, scoring } = pkg;
  pkg.draft = pkg.loadDraft();
  pkg.updateStatus();
  const set = content.criteria_set;
  const items = itemsOf(content);
  if (!set || items.length === 0) {
    replace(scoring, h('h2', { id: 'package-scoring-title' }, t('package.scoring')), h('p', { class: 'muted' }, t('package.nothing_to_score')));
    return;
  }
  const overall = h('textarea', { id: 'package-comment', rows: 3, maxlength: textLimit('text') });
  overall.value = pkg.draft.comment;
  overall.addEventListener('change', () => {
    pkg.draft.comment = overall.value;
    pkg.keep();
  });
  replace(
    scoring,
    h('h2', { id: 'package-scoring-title' }, t('package.scoring')),
    h('p', { class: 'hint' }, t('package.scoring_help', { set: set.name })),
    items.map((item) => itemToScore(pkg, set, item)),
    h('div', { class: 'field wide' }, h('label', { for: 'package-comment' }, t('package.overall_comment')), overall),
    h(
      'div',
      { class: 'form-actions' },
      h('button', {
        type: 'button',
        class: 'primary',
        id: 'save-response',
        onclick: () => ctx.packages.saveResponse(pkg.memberId, responseScores(content, pkg.draft), pkg.draft.comment ?? ''),
      }, t('package.save_response')),
    ),
  );
}

/** An initiative or a service with its facts and one row per criterion. */
function itemToScore(pkg, set, item) {
  const record = item.record;
  const meta =
    item.kind === 'service'
      ? t('package.service_meta', {
          item: record.item_number,
          provider: record.provider || '–',
          development: formatMoney(record.development),
          management: formatMoney(record.management),
        })
      : t('package.initiative_meta', {
          item: record.item_number,
          owner: record.owner || '–',
          development: formatMoney(record.development),
          management: formatMoney(record.management),
        });
  return h(
    'article',
    { class: 'package-initiative', dataset: { item: item.key } },
    h(
      'h3',
      {},
      item.kind === 'service' ? [h('span', { class: 'kind-badge kind-service' }, t('item.kind.service')), ' '] : null,
      item.title ? `${item.label} ${item.title}` : item.label,
    ),
    h('p', { class: 'muted' }, meta),
    record.benefit_summary ? h('p', {}, record.benefit_summary) : null,
    h(
      'table',
      { class: 'data package-criteria' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('package.criterion')), h('th', { scope: 'col' }, t('package.level')), h('th', { scope: 'col' }, t('scoring.comment')))),
      h('tbody', {}, set.criteria.map((criterion) => criterionRow(pkg, item, criterion))),
    ),
  );
}

/** A criterion's level (with each level's meaning), "don't know", and a comment; kept on every change. */
function criterionRow(pkg, item, criterion) {
  const key = cellKey(item.key, criterion.id);
  const cell = pkg.draft.scores[key];
  const id = `cell-${item.kind}-${item.record.id}-${criterion.id}`;
  const select = h(
    'select',
    { id, class: 'package-score', dataset: { item: item.key, criterion: criterion.id } },
    h('option', { value: '' }, t('scoring.not_scored')),
    criterion.anchors.map((anchor, k) => {
      const level = criterion.scale_min + k;
      return h('option', { value: String(level), selected: cell?.value === level }, `${level} – ${anchor}`);
    }),
    h('option', { value: 'dont_know', selected: cell && cell.value === null }, t('scoring.dont_know')),
  );
  if (!cell) select.value = '';
  const comment = h('input', { type: 'text', maxlength: textLimit('text'), value: cell?.comment ?? '', 'aria-label': t('package.comment_of', { criterion: criterion.name, initiative: item.label }), placeholder: t('package.comment_placeholder') });
  const changed = () => {
    setCell(pkg.draft, key, select.value, comment.value);
    pkg.keep();
    pkg.updateStatus();
  };
  select.addEventListener('change', changed);
  comment.addEventListener('change', changed);
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, h('label', { for: id }, criterion.name), criterion.description ? h('p', { class: 'muted' }, criterion.description) : null),
    h('td', {}, select),
    h('td', {}, comment),
  );
}
