// Criteria sets: the list, and one set's editor with categories, criteria and their anchors, gates,
// initiatives, gate results, locking and copying to a new period.

import { ask } from '../ask.js';
import { h, replace } from '../dom.js';
import { compareText, formatPercent } from '../format.js';
import { fact, fieldLabel, t, term, terms, textLimit } from '../i18n.js';
import { itemsOfSet } from '../items-logic.js';
import { createForm, formActions, saveHandler } from './form.js';
import { historyPanel } from './history.js';

export function renderCriteriaSetList(main, ctx) {
  const rows = ctx.data.criteria_sets.map((set) =>
    h(
      'tr',
      { class: 'clickable', onclick: (e) => { if (!e.target.closest('a')) ctx.navigate(`#/kriterier/${set.id}`); } },
      h('td', {}, h('a', { href: `#/kriterier/${set.id}` }, set.name), set.locked ? h('span', { class: 'badge' }, t('prio.locked')) : null),
      h('td', { class: 'nowrap' }, `${set.period_start}–${set.period_end}`),
      h('td', {}, term('weighting', set.weighting)),
      h('td', { class: 'numeric' }, String(set.criteria.length)),
      h('td', { class: 'numeric' }, String(set.initiative_ids.length + (set.service_ids?.length ?? 0))),
    ),
  );
  replace(
    main,
    h(
      'header',
      { class: 'view-header' },
      h('h1', {}, t('criteria.title')),
      h('button', { type: 'button', class: 'primary', onclick: () => ctx.navigate('#/kriterier/ny') }, t('criteria.new')),
    ),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'data' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, fieldLabel('criteria_set', 'name')),
            h('th', { scope: 'col' }, t('criteria.col_period')),
            h('th', { scope: 'col' }, fieldLabel('criteria_set', 'weighting')),
            h('th', { scope: 'col', class: 'numeric' }, t('criteria.col_criteria')),
            h('th', { scope: 'col', class: 'numeric' }, t('criteria.col_initiatives')),
          ),
        ),
        h('tbody', {}, rows),
      ),
    ),
  );
}

/** Keeps the anchors list as long as the scale. */
function fitAnchors(criterion) {
  const levels = Math.max(0, (criterion.scale_max ?? 0) - (criterion.scale_min ?? 0) + 1);
  if (levels > 0 && (criterion.scale_max ?? 0) <= fact('max_score_level')) {
    criterion.anchors = Array.from({ length: levels }, (_, i) => criterion.anchors[i] ?? '');
  }
}

export function renderCriteriaSetForm(main, ctx, id) {
  const existing = id === null ? null : ctx.data.criteria_sets.find((s) => s.id === id);
  if (id !== null && !existing) {
    ctx.navigate('#/kriterier');
    return;
  }
  // A new set starts as the engine's draft (src/domain/drafts.rs): its period, methods, one criterion and the gates.
  const form = createForm({ entity: 'criteria_set', record: existing ?? structuredClone(ctx.app.new_records.criteria_set) });
  ctx.setForm(form);
  const summary = h('div', { class: 'form-summary', role: 'alert' });
  /** What the form's sections share; `render` redraws the form after a structural change. */
  const editor = {
    ctx,
    form,
    existing,
    summary,
    draft: form.draft,
    locked: Boolean(existing?.locked),
    save: saveHandler({
      form,
      summary,
      persist: (record) => ctx.save('criteria_set', record),
      onSaved: (savedId) => ctx.navigate(`#/kriterier/${savedId}`),
      showError: ctx.showError,
    }),
    render: () => renderSetForm(editor),
    /** A button's action that adds, moves or removes a part of the set, then redraws. */
    structural: (change) => () => {
      change();
      form.changed('criteria');
      editor.render();
    },
  };
  editor.render();

  replace(
    main,
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/kriterier' }, t('criteria.back'))),
    h('header', { class: 'view-header' }, h('h1', {}, existing ? existing.name : t('criteria.new_title')), existing ? setActions(ctx, form, existing) : null),
    form.element,
    existing ? gateResults(ctx, existing) : null,
    existing ? historyPanel(ctx, 'criteria_set', existing.id) : null,
  );
}

/** Lock (unless locked) and copy, for a stored set. */
function setActions(ctx, form, existing) {
  return h(
    'div',
    { class: 'view-actions' },
    existing.locked
      ? null
      : h('button', {
          type: 'button',
          onclick: async () => {
            if (form.dirty || !(await ask(t('criteria.confirm_lock', { name: existing.name }), { confirm: t('ask.lock') }))) return;
            try {
              await ctx.save('criteria_set', { ...existing, locked: true });
              ctx.navigate(`#/kriterier/${existing.id}`);
            } catch (error) {
              ctx.showError(error);
            }
          },
        }, t('criteria.lock')),
    h('button', { type: 'button', onclick: () => copyDialog(ctx, existing) }, t('criteria.copy')),
  );
}

/** Each criterion's share of the direct weights. */
function weightShares(draft) {
  const total = draft.criteria.reduce((sum, c) => sum + (c.weight > 0 ? c.weight : 0), 0);
  return draft.criteria.map((c) => (total > 0 && c.weight > 0 ? c.weight / total : 0));
}

/** Draws the whole form; a locked set is shown with every control disabled. */
function renderSetForm(editor) {
  const { form, summary, locked } = editor;
  replace(
    form.element,
    summary,
    locked ? h('p', { class: 'banner' }, t('prio.locked_banner')) : null,
    basicsSection(editor),
    categoriesSection(editor),
    criteriaSection(editor),
    gatesSection(editor),
    initiativesSection(editor),
    locked ? null : setFormActions(editor),
  );
  if (locked) {
    for (const control of form.element.querySelectorAll('input, select, textarea, button')) control.disabled = true;
  }
}

function basicsSection({ form, render }) {
  return h(
    'section',
    { class: 'form-section' },
    h('h2', {}, t('criteria.section_basics')),
    h(
      'div',
      { class: 'grid' },
      form.field('name', form.text('name', { maxlength: textLimit('name') }), { wide: true }),
      form.field('period_start', form.number('period_start', { min: 2000, max: 2100 })),
      form.field('period_end', form.number('period_end', { min: 2000, max: 2100 })),
      form.field('aggregation', form.select('aggregation', terms('aggregation'))),
      form.field('weighting', form.select('weighting', terms('weighting'), { onSelect: () => render() })),
      form.field('pairwise_method', form.select('pairwise_method', terms('pairwise_method'))),
    ),
  );
}

function categoriesSection({ form, draft, locked, structural }) {
  return h(
    'section',
    { class: 'form-section', dataset: { field: 'categories' } },
    h('h2', {}, t('criteria.section_categories')),
    h(
      'div',
      { class: 'grid' },
      draft.categories.map((_, i) =>
        h(
          'div',
          { class: 'inline-field' },
          form.field(`categories[${i}]`, form.text(`categories[${i}]`, { maxlength: textLimit('name') }), { label: `${fieldLabel('criteria_set', 'category')} ${i + 1}` }),
          locked ? null : h('button', { type: 'button', class: 'quiet danger-text', onclick: structural(() => draft.categories.splice(i, 1)) }, t('criteria.remove')),
        ),
      ),
    ),
    locked ? null : h('button', { type: 'button', onclick: structural(() => draft.categories.push('')) }, t('criteria.add_category')),
  );
}

function criteriaSection(editor) {
  const { ctx, draft, locked, structural } = editor;
  return h(
    'section',
    { class: 'form-section', dataset: { field: 'criteria' } },
    h('h2', {}, t('criteria.section_criteria')),
    h('p', { class: 'field-message', role: 'status' }),
    draft.criteria.map((criterion, i) => criterionCard(editor, criterion, i)),
    locked ? null : h('button', { type: 'button', onclick: structural(() => draft.criteria.push(structuredClone(ctx.app.new_records.criterion))) }, t('criteria.add_criterion')),
  );
}

function criterionCard(editor, criterion, i) {
  const { form, draft, render } = editor;
  const path = (field) => `criteria[${i}].${field}`;
  const share = weightShares(draft)[i];
  const scaleMin = form.number(path('scale_min'), { min: 0, max: 9 });
  const scaleMax = form.number(path('scale_max'), { min: 1, max: 10 });
  for (const control of [scaleMin, scaleMax]) {
    control.addEventListener('change', () => {
      fitAnchors(criterion);
      render();
    });
  }
  const weight = form.number(path('weight'), { min: 0, step: 0.01 });
  weight.addEventListener('change', render);
  const categories = draft.categories.map((c) => ({ key: c, label: c }));
  return h(
    'fieldset',
    { class: 'card criterion', dataset: { field: `criteria[${i}]` } },
    h(
      'legend',
      {},
      t('criteria.criterion_n', { n: i + 1 }),
      criterion.name ? `: ${criterion.name}` : '',
    ),
    h(
      'div',
      { class: 'grid' },
      form.field(path('name'), form.text(path('name'), { maxlength: textLimit('name') }), { label: fieldLabel('criteria_set', 'name') }),
      form.field(path('category'), form.select(path('category'), categories, { empty: t('common.none') })),
      form.field(path('description'), form.text(path('description'), { multiline: true, rows: 2 }), { wide: true, label: fieldLabel('criteria_set', 'description') }),
      form.field(path('direction'), form.select(path('direction'), terms('direction'))),
      form.field(path('weight'), weight, { hint: draft.weighting === 'direkt' ? t('criteria.weight_share', { share: formatPercent(share, 1) }) : null }),
      form.field(path('scale_min'), scaleMin),
      form.field(path('scale_max'), scaleMax),
      form.checkbox(path('is_risk')),
    ),
    h(
      'div',
      { class: 'anchors', dataset: { field: path('anchors') } },
      h('p', { class: 'anchors-title' }, fieldLabel('criteria_set', 'anchors')),
      criterion.anchors.map((_, level) =>
        form.field(`${path('anchors')}[${level}]`, form.text(`${path('anchors')}[${level}]`, { maxlength: textLimit('text') }), {
          label: t('criteria.anchor_level', { level: criterion.scale_min + level }),
        }),
      ),
      h('p', { class: 'field-message', role: 'status' }),
    ),
    editor.locked ? null : criterionMoves(editor, i),
  );
}

/** Move up, move down and remove for the i-th criterion. */
function criterionMoves({ draft, structural }, i) {
  return h(
    'div',
    { class: 'card-actions' },
    i > 0 ? h('button', { type: 'button', class: 'quiet', onclick: structural(() => draft.criteria.splice(i - 1, 0, draft.criteria.splice(i, 1)[0])) }, t('criteria.move_up')) : null,
    i < draft.criteria.length - 1 ? h('button', { type: 'button', class: 'quiet', onclick: structural(() => draft.criteria.splice(i + 1, 0, draft.criteria.splice(i, 1)[0])) }, t('criteria.move_down')) : null,
    h('button', { type: 'button', class: 'quiet danger-text', onclick: structural(() => draft.criteria.splice(i, 1)) }, t('criteria.remove')),
  );
}

function gatesSection({ form, draft, locked, structural }) {
  return h(
    'section',
    { class: 'form-section', dataset: { field: 'gates' } },
    h('h2', {}, t('criteria.section_gates')),
    h('p', { class: 'field-message', role: 'status' }),
    draft.gates.map((_, i) =>
      h(
        'div',
        { class: 'grid gate' },
        form.field(`gates[${i}].name`, form.text(`gates[${i}].name`, { maxlength: textLimit('name') }), { label: fieldLabel('criteria_set', 'name') }),
        form.field(`gates[${i}].kind`, form.select(`gates[${i}].kind`, terms('gate_kind'))),
        form.field(`gates[${i}].description`, form.text(`gates[${i}].description`, { maxlength: textLimit('text') }), { wide: true, label: fieldLabel('criteria_set', 'description') }),
        locked ? null : h('button', { type: 'button', class: 'quiet danger-text', onclick: structural(() => draft.gates.splice(i, 1)) }, t('criteria.remove')),
      ),
    ),
    locked ? null : h('button', { type: 'button', onclick: structural(() => draft.gates.push({ id: 0, name: '', description: '', kind: 'ovrigt' })) }, t('criteria.add_gate')),
  );
}

/**
 * What the set values: initiatives and existing shared services (guideline, "Kommunstyrelsen"). Every service the
 * portfolio holds is a shared one (the engine refuses a category outside the catalogue), and the engine says which
 * initiatives a set may take; the form offers them all and shows the engine's refusal.
 */
function initiativesSection({ ctx, form }) {
  const initiatives = [...ctx.data.initiatives]
    .sort((a, b) => compareText(a.case_number, b.case_number))
    .map((i) => ({ key: i.id, label: `${i.case_number} ${i.title}` }));
  const services = [...ctx.data.services]
    .sort((a, b) => compareText(a.name, b.name))
    .map((s) => ({ key: s.id, label: `${s.name} (${term('service_category', s.category)})` }));
  return h(
    'section',
    { class: 'form-section' },
    h('h2', {}, t('criteria.section_initiatives')),
    form.checklist('initiative_ids', initiatives, { numeric: true, filterable: t('criteria.filter_initiatives') }),
    h('h2', {}, t('criteria.section_services')),
    h('p', { class: 'muted' }, t('criteria.section_services_help')),
    form.checklist('service_ids', services, { numeric: true, filterable: t('criteria.filter_services') }),
  );
}

function setFormActions({ ctx, form, existing, save }) {
  return formActions({
    onSave: save,
    onCancel: () => ctx.navigate('#/kriterier'),
    onDelete: existing
      ? async () => {
          if (await ctx.remove('criteria_set', existing.id, existing.name)) {
            form.markClean();
            ctx.navigate('#/kriterier');
          }
        }
      : null,
  });
}

/** Asks for a name and period and copies the set. */
function copyDialog(ctx, set) {
  const dialog = document.getElementById('settings-dialog');
  const span = set.period_end - set.period_start;
  const name = h('input', { type: 'text', id: 'copy-name', value: `${set.name} (kopia)` });
  const start = h('input', { type: 'number', id: 'copy-start', value: set.period_end + 1 - span, min: 2000, max: 2100 });
  const end = h('input', { type: 'number', id: 'copy-end', value: set.period_end + 1, min: 2000, max: 2100 });
  const form = h(
    'form',
    { method: 'dialog' },
    h('h2', {}, t('criteria.copy')),
    h('div', { class: 'field' }, h('label', { for: 'copy-name' }, t('criteria.copy_name')), name),
    h('div', { class: 'field' }, h('label', { for: 'copy-start' }, t('criteria.copy_start')), start),
    h('div', { class: 'field' }, h('label', { for: 'copy-end' }, t('criteria.copy_end')), end),
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary' }, t('common.save')),
      h('button', { type: 'button', onclick: () => dialog.close() }, t('common.cancel')),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const id = await ctx.copyCriteriaSet(set.id, name.value, Number(start.value), Number(end.value));
      dialog.close();
      ctx.notify(t('criteria.copied'));
      ctx.navigate(`#/kriterier/${id}`);
    } catch (error) {
      ctx.showError(error);
    }
  });
  replace(dialog, form);
  dialog.showModal();
  name.focus();
}

/** The gate results of every initiative and service in the set, saved as they change. */
function gateResults(ctx, set) {
  const items = itemsOfSet(set, ctx.index, compareText);
  if (set.gates.length === 0 || items.length === 0) return null;
  const result = (gate, key) => ctx.data.gate_results.find((r) => r.gate_id === gate && r.item === key);
  const save = async (gate, key, passed, note) => {
    try {
      await ctx.putGateResult({ id: 0, gate_id: gate, item: key, passed, note });
    } catch (error) {
      ctx.showError(error);
    }
  };
  const rows = items.map((item) =>
      h(
        'tr',
        { dataset: { item: item.key } },
        h(
          'th',
          { scope: 'row' },
          item.kind === 'service' ? h('span', { class: 'kind-badge kind-service' }, t('item.kind.service')) : null,
          h('span', { class: 'nowrap' }, item.label),
          item.title ? ` ${item.title}` : '',
        ),
        set.gates.map((gate) => {
          const current = result(gate.id, item.key);
          const label = `${gate.name}: ${item.label}`;
          const select = h(
            'select',
            { 'aria-label': label, disabled: set.locked },
            [
              ['', t('criteria.gate_unknown')],
              ['true', t('criteria.gate_passed')],
              ['false', t('criteria.gate_failed')],
            ].map(([value, text]) => h('option', { value, selected: String(current?.passed ?? '') === value }, text)),
          );
          const note = h('input', { type: 'text', value: current?.note ?? '', 'aria-label': `${t('criteria.gate_note')}: ${label}`, disabled: set.locked, placeholder: t('criteria.gate_note') });
          const store = () => save(gate.id, item.key, select.value === '' ? null : select.value === 'true', note.value);
          select.addEventListener('change', store);
          note.addEventListener('change', store);
          return h('td', { class: 'gate-cell' }, select, note);
        }),
      ),
    );
  return h(
    'section',
    { class: 'form-section wide-section' },
    h('h2', {}, t('criteria.section_gate_results')),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'data' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('criteria.col_initiatives')), set.gates.map((g) => h('th', { scope: 'col' }, g.name)))),
        h('tbody', {}, rows),
      ),
    ),
  );
}
