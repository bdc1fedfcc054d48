// A list of simple records with an editor beside it: used for organisations and providers.

import { ask } from '../ask.js';
import { h, replace } from '../dom.js';
import { compareText } from '../format.js';
import { t } from '../i18n.js';
import { createForm, formActions, saveHandler } from './form.js';
import { historyPanel } from './history.js';

/**
 * @param {HTMLElement} main
 * @param {object} ctx
 * @param {{entity: string, title: string, newLabel: string, newTitle: string, editTitle: string,
 *   records: object[], columns: {label: string, value: (r: object) => string}[], empty: () => object,
 *   fields: (form: object) => HTMLElement[]}} spec
 */
export function renderRecordTable(main, ctx, spec) {
  const editor = h('aside', { class: 'editor', 'aria-labelledby': 'editor-title' });
  const body = h('tbody');
  const table = { main, ctx, spec, editor, body };

  async function guardedEdit(record) {
    const open = ctx.currentForm?.();
    if (open?.dirty && !(await ask(t('common.unsaved'), { confirm: t('ask.leave') }))) return;
    const form = editRecord(table, record);
    form.element.querySelector('input, select, textarea')?.focus();
  }

  const records = [...spec.records].sort((a, b) => compareText(a.name, b.name));
  replace(
    body,
    records.map((record) => {
      const tr = h(
        'tr',
        { class: 'clickable', dataset: { id: record.id } },
        h('td', {}, h('button', { type: 'button', class: 'link-like', onclick: () => guardedEdit(record) }, record.name)),
        spec.columns.map((column) => h('td', {}, column.value(record))),
      );
      tr.addEventListener('click', (event) => {
        if (!event.target.closest('button')) guardedEdit(record);
      });
      return tr;
    }),
  );

  replace(
    main,
    h(
      'header',
      { class: 'view-header' },
      h('h1', {}, spec.title),
      h(
        'div',
        { class: 'view-actions' },
        spec.sheet ? h('button', { type: 'button', id: `export-${spec.sheet}`, onclick: () => ctx.exportSheet(spec.sheet) }, t('sheet.export')) : null,
        spec.sheet && spec.importable ? h('button', { type: 'button', id: `import-${spec.sheet}`, onclick: () => ctx.navigate(`#/import/${spec.sheet}`) }, t('import.from_sheet')) : null,
        h('button', { type: 'button', class: 'primary', onclick: () => guardedEdit(null) }, spec.newLabel),
      ),
    ),
    h(
      'div',
      { class: 'split' },
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'data' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, spec.nameLabel), spec.columns.map((c) => h('th', { scope: 'col' }, c.label)))),
          body,
        ),
      ),
      editor,
    ),
  );
  editRecord(table, null);
}

/** Opens `record` (null: a new one) in the editor beside the table and marks its row. */
function editRecord(table, record) {
  const { main, ctx, spec, editor, body } = table;
  const selected = record?.id ?? null;
  for (const row of body.rows) row.classList.toggle('selected', Number(row.dataset.id) === selected);
  const form = createForm({ entity: spec.entity, record: record ?? spec.empty() });
  ctx.setForm(form);
  const summary = h('div', { class: 'form-summary', role: 'alert' });
  const save = saveHandler({
    form,
    summary,
    persist: (draft) => ctx.save(spec.entity, draft),
    onSaved: () => renderRecordTable(main, ctx, spec.refresh()),
    showError: ctx.showError,
  });
  replace(
    form.element,
    summary,
    ...spec.fields(form),
    formActions({
      onSave: save,
      onCancel: () => {
        form.markClean();
        ctx.setForm(null);
        replace(editor);
        editRecord(table, null);
      },
      onDelete: record
        ? async () => {
            if (await ctx.remove(spec.entity, record.id, record.name)) {
              form.markClean();
              renderRecordTable(main, ctx, spec.refresh());
            }
          }
        : null,
    }),
  );
  replace(
    editor,
    h('h2', { id: 'editor-title' }, record ? spec.editTitle : spec.newTitle),
    form.element,
    record ? historyPanel(ctx, spec.entity, record.id) : null,
  );
  return form;
}
