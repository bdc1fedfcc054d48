// Importing initiatives, services, organisations, benefits or actual outcomes (utfall) from a spreadsheet: save the template (or use an
// export), choose the file, see every problem by row and column and what each row would do, then import all of it
// in one go. Nothing is written before the user confirms, and nothing at all when a row has a problem.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';

/** A message as a sentence: capital first letter. */
function sentence(text) {
  return text ? text[0].toLocaleUpperCase() + text.slice(1) : text;
}

/** What a row changes, one field or year a line: "Förvaltning 2027 (kr): 200 000,00 kr → 0,00 kr". */
function changeList(changed) {
  if (!changed.length) return '';
  const shown = (value) => value || t('import.empty');
  return h('ul', { class: 'changes' }, changed.map((c) => h('li', {}, t('import.change', { column: c.column, old: shown(c.old), new: shown(c.new) }))));
}

export const IMPORT_KINDS = ['initiatives', 'services', 'organisations', 'benefits', 'actuals', 'members', 'providers', 'frames'];

/** ctx.sheets: {saveTemplate(kind), choose(), preview(kind, path), import(kind, path)}. */
export function renderSheetImport(main, ctx, kind) {
  if (!IMPORT_KINDS.includes(kind)) kind = 'initiatives';
  const result = h('div', { class: 'sheet-preview', 'aria-live': 'polite' });
  const kindSelect = h(
    'select',
    { id: 'import-kind', onchange: () => ctx.navigate(`#/import/${kindSelect.value}`) },
    IMPORT_KINDS.map((k) => h('option', { value: k, selected: k === kind }, t(`import.kind_${k}`))),
  );

  async function choose() {
    const path = await ctx.sheets.choose();
    if (path) await preview(path);
  }

  async function preview(path) {
    const report = await ctx.sheets.preview(kind, path);
    if (!report) return;
    const name = path.split(/[\\/]/).at(-1);
    const problems = report.problems;
    const warnings = report.warnings || [];
    const changes = report.rows.filter((r) => r.action !== 'unchanged');
    replace(
      result,
      h('h2', { id: 'preview-title', tabindex: '-1' }, t('import.preview_title', { name })),
      h('p', { class: 'muted' }, t('import.source', { source: report.source })),
      h('p', { class: 'summary', id: 'import-summary' }, t('import.summary', { created: report.created, updated: report.updated, unchanged: report.unchanged, problems: problems.length })),
      report.ignored.length ? h('p', { class: 'muted' }, t('import.ignored', { columns: report.ignored.join(', ') })) : null,
      problems.length
        ? h(
            'table',
            { class: 'data problems', id: 'import-problems' },
            h('caption', {}, t('import.problems_caption', { count: problems.length })),
            h('thead', {}, h('tr', {}, [t('import.row'), t('import.column'), t('import.problem')].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, problems.map((p) => h('tr', {}, h('td', { class: 'number' }, String(p.row)), h('td', {}, p.column || '–'), h('td', {}, sentence(p.message))))),
          )
        : null,
      warnings.length
        ? h(
            'table',
            { class: 'data warnings', id: 'import-warnings' },
            h('caption', {}, t('import.warnings_caption', { count: warnings.length })),
            h('thead', {}, h('tr', {}, [t('import.row'), t('import.column'), t('import.warning')].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, warnings.map((w) => h('tr', {}, h('td', { class: 'number' }, String(w.row)), h('td', {}, w.column || '–'), h('td', {}, sentence(w.message))))),
          )
        : null,
      changes.length
        ? h(
            'table',
            { class: 'data', id: 'import-changes' },
            h('caption', {}, t('import.changes_caption')),
            h('thead', {}, h('tr', {}, [t('import.row'), t('import.record'), t('import.action'), t('import.changed')].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, changes.map((r) => h('tr', {}, h('td', { class: 'number' }, String(r.row)), h('td', {}, r.label), h('td', {}, t(`import.action_${r.action}`)), h('td', {}, changeList(r.changed))))),
          )
        : null,
      h(
        'div',
        { class: 'form-actions' },
        h('button', {
          type: 'button',
          class: 'primary',
          id: 'confirm-import',
          disabled: problems.length > 0 || changes.length === 0,
          onclick: async () => {
            if (await ctx.sheets.import(kind, path)) replace(result, h('p', { class: 'banner' }, t('import.done', { created: report.created, updated: report.updated })));
          },
        }, problems.length ? t('import.fix_first') : t('import.confirm', { count: changes.length })),
        h('button', { type: 'button', onclick: () => replace(result) }, t('common.cancel')),
      ),
    );
    result.querySelector('#preview-title').focus();
  }

  replace(
    main,
    h('header', { class: 'view-header' }, h('h1', {}, t('import.title'))),
    h('p', { class: 'lead' }, t('import.lead')),
    h('div', { class: 'filters' }, h('div', { class: 'filter' }, h('label', { for: 'import-kind' }, t('import.kind')), kindSelect)),
    h('p', { class: 'hint' }, t(`import.hint_${kind}`)),
    h(
      'div',
      { class: 'export-buttons' },
      h('button', { type: 'button', id: 'save-template', onclick: () => ctx.sheets.saveTemplate(kind) }, t('import.save_template')),
      h('button', { type: 'button', class: 'primary', id: 'choose-sheet', onclick: choose }, t('import.choose')),
    ),
    result,
  );
}
