// The registers of opt-outs (avsteg) and deviations (avvikelse): every item with its service (or, for an avsteg, the
// framework it departs from), deadline and next step; an editor that takes the steps in order, one at a time, each
// dated. The guideline's steps and the city's practice (Stadens rutin, from the parameters) are shown apart.

import { h, replace } from '../dom.js';
import { compareText } from '../format.js';
import { customersByName } from '../portfolio.js';
import { fact, fieldLabel, t, term, terms, textLimit } from '../i18n.js';
import { isPracticeStep } from '../deviations-logic.js';
import { createForm, formActions, saveHandler } from './form.js';
import { historyPanel } from './history.js';

/** A new avsteg or avvikelse: the engine's draft, registered today (the engine's Stockholm date). */
function newDeviation(ctx, kind, today) {
  return { ...structuredClone(kind === 'avsteg' ? ctx.app.new_records.opt_out : ctx.app.new_records.deviation), registered: today };
}

/** The yearly follow-up as PDF: one provider's, or the analysis of all providers. */
function reportForm(ctx) {
  const year = h('input', { type: 'number', id: 'report-year', min: 2000, max: 2100, value: new Date().getFullYear(), class: 'number' });
  const provider = h(
    'select',
    { id: 'report-provider' },
    h('option', { value: '' }, t('report.all_providers')),
    (ctx.data.providers ?? []).map((p) => h('option', { value: p.id }, p.name)),
  );
  return h(
    'div',
    { class: 'report-form' },
    h('div', { class: 'field' }, h('label', { for: 'report-year' }, t('report.year')), year),
    h('div', { class: 'field' }, h('label', { for: 'report-provider' }, t('report.provider')), provider),
    h('button', {
      type: 'button',
      class: 'export',
      id: 'export-report',
      onclick: () =>
        ctx.meetings.exportReport({ year: Number(year.value), provider_id: provider.value ? Number(provider.value) : null, language: ctx.language }),
    }, t('report.export')),
  );
}

export function renderDeviations(main, ctx, selected = null) {
  // The city's practice from the parameters: the action plan step and the default deadline.
  const practice = ctx.data.parameters?.practice ?? null;
  // Today is the engine's Stockholm date, loaded with the data (else the day its drafts were made).
  const today = ctx.index.today?.date ?? ctx.app.new_records.deviation.registered;
  const view = { main, ctx, today, vocabulary: ctx.app.vocabulary, practice };
  const all = [...(ctx.data.deviations ?? [])].sort((a, b) => compareText(b.registered, a.registered) || b.id - a.id);
  view.editor = h('aside', { class: 'editor deviation-editor', 'aria-labelledby': 'deviation-title', hidden: true });
  view.layout = h('div', {}, deviationTable(view, all, selected), view.editor);
  // The engine's facts of each stored deviation (loaded with the portfolio's data).
  const facts = (d) => ctx.index.deviationFacts?.get(d.id);
  const open = all.filter((d) => facts(d)?.next_step).length;
  const overdue = all.filter((d) => facts(d)?.overdue).length;
  replace(
    main,
    h(
      'header',
      { class: 'view-header' },
      h('h1', {}, t('deviation.title')),
      h(
        'div',
        { class: 'view-actions' },
        h('button', { type: 'button', id: 'export-deviations', onclick: () => ctx.exportSheet('deviations') }, t('sheet.export')),
        h('button', { type: 'button', onclick: () => edit(view, newDeviation(ctx, 'avsteg', view.today)) }, t('deviation.new_avsteg')),
        h('button', { type: 'button', onclick: () => edit(view, newDeviation(ctx, 'avvikelse', view.today)) }, t('deviation.new_avvikelse')),
      ),
    ),
    h('p', { class: 'lead' }, t('deviation.intro')),
    reportForm(ctx),
    h('p', { class: 'summary' }, t('deviation.counts', { open, overdue })),
    view.layout,
  );
  if (selected) edit(view, selected);
}

/** The register: one row per opt-out or deviation, with its deadline and the guideline's next step. */
function deviationTable({ main, ctx }, all, selected) {
  // A service, or the framework an avsteg departs from.
  const concerns = (d) => (d.service_id !== null ? ctx.index.services.get(d.service_id)?.name ?? '' : term('framework', d.framework));
  const organisationName = (id) => (id === null ? '' : ctx.index.organisations.get(id)?.name ?? '');
  const rows = all.map((d) => {
    const facts = ctx.index.deviationFacts?.get(d.id);
    const next = facts?.next_step ?? null;
    const overdue = Boolean(facts?.overdue);
    return h(
      'tr',
      { dataset: { id: d.id }, class: [selected?.id === d.id ? 'selected' : '', overdue ? 'overdue' : ''].join(' ').trim() },
      // The kind over the title, so the table fits beside the open form.
      h(
        'td',
        {},
        h('div', { class: 'kind-line' }, term('deviation_kind', d.kind), d.security ? h('span', { class: 'badge warning' }, t('deviation.security_badge')) : null),
        h('button', { type: 'button', class: 'link-like', onclick: () => renderDeviations(main, ctx, d) }, d.title),
      ),
      h('td', {}, concerns(d), d.framework ? h('span', { class: 'badge muted-badge' }, t('deviation.framework_badge')) : null),
      h('td', {}, organisationName(d.organisation_id)),
      h('td', { class: 'deadline' }, h('div', { class: 'nowrap' }, d.deadline), overdue ? h('span', { class: 'badge warning' }, t('deviation.overdue')) : null),
      h('td', {}, next ? term('deviation_step', next) : h('span', { class: 'badge progress-on_track' }, t('deviation.closed'))),
    );
  });
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { id: 'deviation-table' },
      h('thead', {}, h('tr', {}, ['title_field', 'service_or_framework', 'organisation', 'deadline', 'next'].map((c) => h('th', { scope: 'col' }, t(`deviation.${c}`))))),
      h('tbody', {}, rows),
    ),
  );
}

/** Opens the editor beside the register for one opt-out or deviation (new or stored). */
function edit(view, record) {
  const { main, ctx, layout, editor } = view;
  // The table gives room to the editor only while something is being edited.
  layout.className = 'split';
  editor.hidden = false;
  const form = createForm({ entity: 'deviation', record });
  ctx.setForm(form);
  const summary = h('div', { class: 'form-summary', role: 'alert' });
  const save = saveHandler({
    form,
    summary,
    persist: (deviation) => ctx.save('deviation', deviation),
    onSaved: (id) => renderDeviations(main, ctx, ctx.data.deviations.find((d) => d.id === id) ?? null),
    showError: ctx.showError,
  });
  const steps = h('div', { class: 'deviation-steps', 'aria-busy': 'true' });
  // The panel asks the engine for the draft's steps each time it is drawn; an older answer is dropped.
  let drawing = 0;
  const renderSteps = async () => {
    const mine = ++drawing;
    const facts = await ctx.deviationFacts([form.draft]);
    if (mine !== drawing || !facts) return;
    stepsPanel(view, steps, form, save, renderSteps, facts[0]);
    steps.removeAttribute('aria-busy');
  };
  replace(
    form.element,
    summary,
    deviationFields(view, form),
    steps,
    formActions({
      onSave: save,
      onCancel: () => { form.markClean(); renderDeviations(main, ctx, null); },
      onDelete: record.id ? async () => { if (await ctx.remove('deviation', record.id, record.title)) renderDeviations(main, ctx, null); } : null,
    }),
  );
  renderSteps();
  replace(
    editor,
    h('h2', { id: 'deviation-title' }, record.id ? record.title : t(`deviation.new_${record.kind}`)),
    form.element,
    record.id ? historyPanel(ctx, 'deviation', record.id) : null,
  );
}

/** The editor's fields: what, whose and when; the action plan of a deviation, or of an opt-out what it departs from
 * (a base service or a framework), its written motivation and the board's decision. */
function deviationFields(view, form) {
  const { ctx, vocabulary, practice } = view;
  const draft = form.draft;
  const services = [...ctx.index.services.values()]
    // Opt-outs only from the categories the engine allows (base services).
    .filter((s) => draft.kind !== 'avsteg' || vocabulary.opt_out_categories.includes(s.category))
    .sort((a, b) => compareText(a.name, b.name))
    .map((s) => ({ key: s.id, label: s.name }));
  // An avsteg is motivated by a förvaltning or bolag, an avvikelse reported by one: the customers, never a nämnd.
  const organisations = customersByName(ctx.data.organisations, vocabulary).map((o) => ({ key: o.id, label: o.name }));
  // Who decided is recorded by the engine from who motivates the avsteg (the förvaltning's nämnd, the bolag's
  // styrelse), once the decision is; shown here, never typed.
  const decider = draft.decided_by_id === null ? null : ctx.index.organisations.get(draft.decided_by_id);
  const days = practice?.deadline_days ?? fact('default_deadline_days');
  const fromFramework = draft.kind === 'avsteg' && draft.framework !== null;
  // Riktlinjen, "Avsteg från riktlinjen": an avsteg is from a mandatory base service or from the frameworks the city
  // requires (gemensam arkitektur, infrastruktur, informationssäkerhet); exactly one of them.
  const concerns = h(
    'select',
    {
      id: 'deviation-concerns',
      onchange: (event) => {
        if (event.target.value === 'framework') {
          draft.service_id = null;
          draft.framework = vocabulary.framework[0].key;
        } else {
          draft.framework = null;
        }
        form.changed('service_id');
        edit(view, draft);
      },
    },
    h('option', { value: 'service', selected: !fromFramework }, t('deviation.concerns_service')),
    h('option', { value: 'framework', selected: fromFramework }, t('deviation.concerns_framework')),
  );
  return [
    h(
      'div',
      { class: 'grid' },
      form.field('kind', form.select('kind', terms('deviation_kind'), { onSelect: () => { draft.steps = []; if (draft.kind !== 'avsteg') draft.framework = null; edit(view, draft); } }), { label: t('deviation.kind') }),
      draft.kind === 'avsteg'
        ? h('div', { class: 'field' }, h('label', { for: 'deviation-concerns' }, t('deviation.concerns')), concerns)
        : null,
      fromFramework
        ? form.field('framework', form.select('framework', terms('framework')), { label: t('deviation.framework'), hint: t('deviation.framework_hint') })
        : form.field('service_id', form.select('service_id', services, { empty: t('deviation.choose_service'), numeric: true }), { label: t('deviation.service'), hint: draft.kind === 'avsteg' ? t('deviation.base_only') : null }),
      form.field('organisation_id', form.select('organisation_id', organisations, { empty: t('deviation.no_organisation'), numeric: true }), { label: draft.kind === 'avsteg' ? t('deviation.customer') : t('deviation.reported_by') }),
      form.field('registered', form.text('registered', { maxlength: textLimit('date') }), { label: t('deviation.registered') }),
      form.field('deadline', form.text('deadline', { maxlength: textLimit('date'), placeholder: t('deviation.deadline_default', { days }) }), { label: t('deviation.deadline'), hint: t('deviation.deadline_hint', { days }) }),
    ),
    form.field('title', form.text('title', { maxlength: textLimit('name') }), { label: t('deviation.title_field'), wide: true }),
    form.field('description', form.text('description', { multiline: true, rows: 3 }), { label: t('deviation.description'), wide: true }),
    draft.kind === 'avvikelse'
      ? [
          form.checkbox('security', t('deviation.security')),
          form.field('action_plan', form.text('action_plan', { multiline: true, rows: 3 }), { label: t('deviation.action_plan'), wide: true }),
        ]
      : [
          form.field('motivation', form.text('motivation', { multiline: true, rows: 4 }), { label: t('deviation.motivation'), hint: t('deviation.motivation_hint'), wide: true }),
          h(
            'fieldset',
            { class: 'grid board-decision' },
            h('legend', {}, t('deviation.board_decision')),
            form.field('outcome', form.select('outcome', terms('opt_out_outcome'), { empty: t('deviation.no_outcome') }), { label: t('deviation.outcome') }),
            form.field('decision_date', form.text('decision_date', { maxlength: textLimit('date'), placeholder: '2026-12-10' }), { label: t('deviation.decision_date') }),
            h(
              'div',
              { class: 'field', dataset: { field: 'decided_by_id' } },
              h('span', { class: 'label', id: 'decided-by-label' }, t('deviation.decided_by')),
              h('output', { id: 'decided-by', 'aria-labelledby': 'decided-by-label' }, decider ? decider.name : t('deviation.decided_by_pending')),
              h('p', { class: 'hint' }, t('deviation.decided_by_hint')),
              h('p', { class: 'field-message', role: 'status' }),
            ),
          ),
        ],
  ];
}

/** The steps in order, the done ones dated, and the next one to mark done with what it needs. The guideline's steps
 * are listed under "Steg (riktlinjens, i stadens ordning)"; a step that is the city's practice under "Stadens rutin", never among them. */
function stepsPanel({ today, vocabulary }, steps, form, save, redraw, facts) {
  const draft = form.draft;
  // The engine's facts of the draft: its steps in order, the next one and what it needs before it is marked done.
  const next = facts.next_step;
  const needs = facts.next_needs;
  // What is typed for the next step outlives a redraw and a refused save (kept on the form, cleared once stored).
  form.pendingStep ??= { date: today, note: '' };
  const pending = form.pendingStep;
  const date = h('input', { type: 'text', id: 'step-date', value: pending.date, maxlength: textLimit('date'), placeholder: 'ÅÅÅÅ-MM-DD', oninput: () => { pending.date = date.value; } });
  const note = h('input', { type: 'text', id: 'step-note', value: pending.note, autocomplete: 'off', oninput: () => { pending.note = note.value; } });
  const item = (key, i) => {
    const done = draft.steps[i];
    return h(
      'li',
      { class: done ? 'done' : key === next ? 'next' : 'todo', value: i + 1 },
      h('strong', {}, term('deviation_step', key)),
      done ? h('span', { class: 'muted' }, ` ${done.date}${done.note ? ` – ${done.note}` : ''}`) : null,
    );
  };
  const all = facts.sequence.map((key, i) => ({ key, i }));
  const guideline = all.filter(({ key }) => !isPracticeStep(key, vocabulary));
  const local = all.filter(({ key }) => isPracticeStep(key, vocabulary));
  replace(
    steps,
    h('h3', {}, t('deviation.steps')),
    h('ol', { class: 'step-list', id: 'guideline-steps' }, guideline.map(({ key, i }) => item(key, i))),
    local.length
      ? h(
          'section',
          { class: 'practice-steps', 'aria-labelledby': 'practice-steps-title' },
          h('h3', { id: 'practice-steps-title' }, t('deviation.practice_steps')),
          h('p', { class: 'muted' }, t('deviation.practice_steps_note')),
          h('ol', { class: 'step-list', id: 'practice-steps' }, local.map(({ key, i }) => item(key, i))),
        )
      : null,
    next
      ? h(
          'div',
          // The slot of the steps' own problems (a step's date), beside what is typed.
          { class: 'next-step', dataset: { field: 'steps' } },
          h('p', { class: 'field-message', id: 'step-message', role: 'alert' }),
          h('div', { class: 'field' }, h('label', { for: 'step-date' }, t('deviation.step_date')), date),
          h('div', { class: 'field wide' }, h('label', { for: 'step-note' }, t('deviation.step_note')), note),
          h('button', {
            type: 'button',
            class: 'primary',
            onclick: async () => {
              // Saved at once (no delayed check of the draft, which would clear the engine's messages).
              const count = draft.steps.length;
              draft.steps.push({ step: next, date: date.value.trim(), note: note.value.trim() });
              await save();
              if (draft.steps.length > count && document.body.contains(steps)) {
                // Refused (the view was not redrawn): the step is taken back in the draft, the panel left as it is,
                // so the date and note typed stay and the engine's reasons stay beside their fields.
                draft.steps.length = count;
              } else {
                form.pendingStep = null;
              }
            },
          }, t('deviation.mark_done', { step: term('deviation_step', next) })),
          needs.length
            ? h('p', { class: 'hint', id: 'step-needs' }, t('deviation.step_needs', { field: needs.map((f) => fieldLabel('deviation', f)).join('”, ”') }))
            : null,
        )
      : h('p', { class: 'banner progress-on_track' }, t('deviation.all_done')),
    draft.steps.length
      ? h('button', { type: 'button', class: 'quiet', onclick: () => { draft.steps.pop(); form.changed('steps'); redraw(); } }, t('deviation.undo_step'))
      : null,
  );
}
