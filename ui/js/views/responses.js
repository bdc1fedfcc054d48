// The secretary's side of meeting packages, inside a meeting: export the package for members, import their
// responses (a preview first, then all or nothing), and see who has and has not responded.

import { h, replace } from '../dom.js';
import { formatDateTime } from '../format.js';
import { refusalText, sinceExportText, t } from '../i18n.js';

function changeRow(change) {
  const shown = (value, scored) => (scored ? (value === null ? t('scoring.dont_know') : String(value)) : '–');
  return h(
    'tr',
    {},
    h('td', {}, change.initiative),
    h('td', {}, change.criterion),
    h('td', { class: 'number' }, shown(change.old, change.old_scored)),
    h('td', { class: 'number' }, shown(change.new, change.new_scored)),
    h('td', {}, change.new_comment !== change.old_comment ? change.new_comment : ''),
  );
}

function outcomeText(outcome, ctx) {
  switch (outcome.kind) {
    case 'new':
      return t('responses.outcome_new');
    case 'replaces':
      return t('responses.outcome_replaces', { at: formatDateTime(outcome.previous, ctx.language) });
    case 'already_imported':
      return t('responses.outcome_already');
    case 'older':
      return t('responses.outcome_older', { at: formatDateTime(outcome.newer, ctx.language) });
    default:
      return t('responses.outcome_refused', { reason: refusalText(outcome) });
  }
}

/**
 * ctx.packages: {exportPackage(id), chooseResponses(), previewResponses(id, paths), importResponses(id, paths), status(id)}.
 * `loaded` is the package status the meeting view loaded before drawing, so the panel is whole when the view appears
 * and nothing below it moves once drawn (a control scrolled to and clicked would otherwise be somewhere else).
 */
export function responsesPanel(ctx, meeting, loaded) {
  const panel = h('section', { class: 'form-section responses', id: 'responses', 'aria-labelledby': 'responses-title' });
  const statusPart = h('div', { class: 'response-status' });
  const previewPart = h('div', { class: 'response-preview', 'aria-live': 'polite' });

  async function showStatus(known = null) {
    const status = known ?? (await ctx.packages.status(meeting.id));
    if (!status) return;
    const last = status.packages.at(-1);
    replace(
      statusPart,
      h('p', {}, last ? t('responses.last_package', { at: formatDateTime(last.exported_at, ctx.language), by: last.exported_by }) : t('responses.no_package')),
      last && !status.current ? h('p', { class: 'banner warning' }, t('responses.package_changed')) : null,
      last && status.since_export?.length
        ? h('div', { class: 'since-export', id: 'since-last-package' }, h('p', {}, t('responses.since_last_package')), sinceExportList(status.since_export))
        : null,
      responseTable(ctx, status),
    );
  }

  async function choose() {
    const paths = await ctx.packages.chooseResponses();
    if (paths?.length) await preview(paths);
  }

  /** Shows what importing `paths` would do, with the button to do it. */
  async function preview(paths) {
    const report = await ctx.packages.previewResponses(meeting.id, paths);
    if (!report) return;
    const refused = report.refused > 0;
    replace(
      previewPart,
      h('h3', {}, t('responses.preview_title', { count: paths.length })),
      report.responses.map((r) => responseFile(ctx, r)),
      h('p', { class: 'summary' }, refused ? t('responses.refused_summary', { count: report.refused }) : t('responses.changes_summary', { count: report.changed })),
      h(
        'div',
        { class: 'form-actions' },
        h('button', {
          type: 'button',
          class: 'primary',
          id: 'import-responses',
          disabled: refused,
          onclick: async () => {
            if (await ctx.packages.importResponses(meeting.id, paths, report.changed)) {
              replace(previewPart);
              showStatus();
            }
          },
        }, t('responses.import', { count: paths.length })),
        h('button', { type: 'button', onclick: () => replace(previewPart) }, t('common.cancel')),
      ),
    );
    previewPart.querySelector('h3').focus?.();
  }

  replace(
    panel,
    h('h2', { id: 'responses-title' }, t('responses.title')),
    h('p', { class: 'hint' }, t('responses.hint')),
    h(
      'div',
      { class: 'export-buttons' },
      h('button', { type: 'button', class: 'export', id: 'export-package', onclick: async () => { if (await ctx.packages.exportPackage(meeting.id)) showStatus(); } }, t('responses.export_package')),
      h('button', { type: 'button', id: 'choose-responses', onclick: choose }, t('responses.choose')),
    ),
    previewPart,
    statusPart,
  );
  showStatus(loaded);
  return panel;
}

/** Who has responded to the meeting's package, when, and how much they scored. */
function responseTable(ctx, status) {
  return h(
    'table',
    { class: 'data', id: 'response-table' },
    h('caption', {}, t('responses.who', { responded: status.members.filter((m) => m.responded_at).length, members: status.members.length })),
    h(
      'thead',
      {},
      h('tr', {}, [t('responses.member'), t('responses.organisation'), t('responses.response'), t('responses.scored')].map((c) => h('th', { scope: 'col' }, c))),
    ),
    h(
      'tbody',
      {},
      status.members.map((m) =>
        h(
          'tr',
          { class: m.responded_at ? 'responded' : 'waiting', dataset: { member: m.member_id } },
          h('th', { scope: 'row' }, m.name),
          h('td', {}, m.organisation),
          h(
            'td',
            {},
            m.responded_at
              ? [t('responses.responded', { at: formatDateTime(m.responded_at, ctx.language) }), m.superseded ? h('span', { class: 'muted' }, ` ${t('responses.replaced', { count: m.superseded })}`) : null]
              : h('span', { class: 'muted' }, t('responses.not_responded')),
          ),
          h('td', { class: 'number' }, t('responses.cells', { scored: m.scored, cells: m.cells })),
        ),
      ),
    ),
  );
}

/** What changed in the meeting since a package was exported, one line each. */
function sinceExportList(changes) {
  return h('ul', { class: 'since-export-list' }, changes.map((change) => h('li', { dataset: { change: change.change } }, sinceExportText(change))));
}

/**
 * One response file in a preview: whose, what would happen to it, its comment, what changed in the meeting since
 * its package was exported, and the changes it brings.
 */
function responseFile(ctx, r) {
  return h(
    'article',
    { class: `response-file ${r.outcome.kind === 'refused' ? 'refused' : ''}`, dataset: { outcome: r.outcome.kind } },
    h('h4', {}, r.member ? `${r.member} · ${r.file}` : r.file),
    h('p', { class: r.outcome.kind === 'refused' ? 'field-message' : 'muted' }, outcomeText(r.outcome, ctx)),
    r.comment ? h('p', {}, h('em', {}, t('responses.comment', { comment: r.comment }))) : null,
    r.since_export?.length
      ? h(
          'details',
          { class: 'since-export', open: true },
          h('summary', {}, t('responses.since_export', { count: r.since_export.length })),
          sinceExportList(r.since_export),
        )
      : null,
    r.changes.length
      ? h(
          'details',
          { open: r.changes.length <= 12 },
          h('summary', {}, t('responses.changes_of', { count: r.changes.length })),
          h(
            'table',
            { class: 'data compact' },
            h('thead', {}, h('tr', {}, [t('responses.initiative'), t('responses.criterion'), t('responses.before'), t('responses.after'), t('scoring.comment')].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, r.changes.map(changeRow)),
          ),
        )
      : null,
    r.kept_newer?.length
      ? h(
          'details',
          { class: 'kept-newer' },
          h('summary', {}, t('responses.kept_newer', { count: r.kept_newer.length })),
          h(
            'ul',
            {},
            r.kept_newer.map((k) => h('li', {}, t('responses.kept_newer_line', { initiative: k.initiative, criterion: k.criterion, meeting: k.meeting, at: formatDateTime(k.newer, ctx.language) }))),
          ),
        )
      : null,
  );
}
