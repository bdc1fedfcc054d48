// One initiative: every field, with the engine's messages inline, and its change history.

import { h, replace } from '../dom.js';
import { formatMoney } from '../format.js';
import { allowedKeys, t, term, terms, textLimit } from '../i18n.js';
import { customersByName, organisationsByName, totalCosts } from '../portfolio.js';
import { createForm, fillOptions, formActions, saveHandler } from './form.js';
import { historyPanel } from './history.js';
import { lifecyclePanel } from './lifecycle.js';

/** Funding models that fit a track, as the engine allows them (the business-specific track: the own budget). */
function fundingFor(track) {
  const allowed = allowedKeys('funding_by_track', track);
  return terms('funding_model').filter((f) => allowed.includes(f.key));
}

/** The states offered: where an existing initiative is (it moves through its lifecycle panel), or the engine's
 * starting states for a new one. */
function statesFor(track, existing) {
  const allowed = allowedKeys('states_by_track', track);
  const starting = allowedKeys('starting_states', track);
  return terms('initiative_state').filter((s) => allowed.includes(s.key) && (existing ? s.key === existing.state : starting.includes(s.key)));
}

export function renderInitiativeForm(main, ctx, id) {
  const existing = id === null ? null : ctx.index.initiatives.get(id);
  if (id !== null && !existing) {
    ctx.showError({ code: 'not_found', message: `initiative ${id}` });
    ctx.navigate('#/initiativ');
    return;
  }
  // A new initiative starts as the engine's draft (src/domain/drafts.rs), sent with the app's state.
  const record = existing ?? structuredClone(ctx.app.new_records.initiative);
  let economy = null;
  const form = createForm({ entity: 'initiative', record, onChange: () => economy?.updateTotals() });
  ctx.setForm(form);
  // Built in the order they are shown, so controls get their ids in that order.
  const basics = basicsSection(ctx, form, existing);
  economy = economySection(form);
  const benefit = benefitSection(form);
  const legal = legalSection(ctx, form);

  const summary = h('div', { class: 'form-summary', role: 'alert' });
  const save = saveHandler({
    form,
    summary,
    persist: (record) => ctx.save('initiative', record),
    onSaved: (savedId) => ctx.navigate(`#/initiativ/${savedId}`),
    showError: ctx.showError,
  });

  replace(
    form.element,
    summary,
    basics,
    economy.element,
    benefit,
    legal,
    formActions({
      onSave: save,
      onCancel: () => ctx.navigate('#/initiativ'),
      onDelete: existing
        ? async () => {
            if (await ctx.remove('initiative', existing.id, `${existing.case_number} ${existing.title}`)) {
              form.markClean();
              ctx.navigate('#/initiativ');
            }
          }
        : null,
    }),
  );

  replace(
    main,
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/initiativ' }, t('initiative.back'))),
    h(
      'header',
      { class: 'view-header' },
      h('h1', {}, existing ? `${existing.case_number} ${existing.title}` : t('initiative.new_title')),
      existing ? h('span', { class: `state state-${existing.state}` }, term('initiative_state', existing.state)) : null,
      existing ? h('a', { class: 'button-link', href: `#/initiativ/${existing.id}/finansiering`, id: 'open-funding' }, t('funding.open')) : null,
      existing ? h('a', { class: 'button-link', href: `#/initiativ/${existing.id}/nyttor`, id: 'open-benefits' }, t('benefit.open')) : null,
    ),
    existing ? lifecyclePanel(ctx, existing, () => renderInitiativeForm(main, ctx, existing.id)) : null,
    form.element,
    existing ? historyPanel(ctx, 'initiative', existing.id) : null,
  );
}

/** Case number, title, track and the state and funding models it allows, owner, provider, customers. */
function basicsSection(ctx, form, existing) {
  const draft = form.draft;
  const organisations = organisationsByName(ctx.data.organisations).map((o) => ({ key: o.id, label: o.name }));
  // Customers (berörda kunder) are förvaltningar and bolag; the owner may be any organisation.
  const customers = customersByName(ctx.data.organisations, ctx.app.vocabulary).map((o) => ({ key: o.id, label: o.name }));
  const providers = ctx.data.providers.map((p) => ({ key: p.id, label: p.name }));
  const state = form.select('state', statesFor(draft.track, existing));
  if (existing) state.disabled = true;
  const funding = form.select('funding_model', fundingFor(draft.track), { empty: t('common.none') });
  const track = form.select('track', terms('track'), {
    onSelect: (value) => {
      fillOptions(state, statesFor(value, existing), draft.state);
      if (!allowedKeys('states_by_track', value).includes(draft.state)) draft.state = state.value;
      fillOptions(funding, fundingFor(value), draft.funding_model, t('common.none'));
      if (draft.funding_model && !fundingFor(value).some((f) => f.key === draft.funding_model)) {
        draft.funding_model = null;
      }
    },
  });
  const caseNumber = form.text('case_number', { placeholder: 'SLK-2026-00123', maxlength: textLimit('case_number') });
  return h(
    'section',
    { class: 'form-section' },
    h('h2', {}, t('initiative.section_basics')),
    h(
      'div',
      { class: 'grid' },
      form.field('case_number', caseNumber),
      form.field('title', form.text('title', { maxlength: textLimit('name') }), { wide: true }),
      form.field('description', form.text('description', { multiline: true, rows: 3 }), { wide: true }),
      form.field('track', track),
      form.field('kind', form.select('kind', terms('initiative_kind'))),
      form.field('state', state),
      form.field('owner_id', form.select('owner_id', organisations, { empty: t('common.none'), numeric: true })),
      form.field('provider_id', form.select('provider_id', providers, { empty: t('common.none'), numeric: true })),
      form.field('funding_model', funding),
      form.field('orientation', form.select('orientation', terms('orientation'), { empty: t('common.none') })),
      form.checkbox('specially_followed'),
      form.checklist('customer_ids', customers, { numeric: true, filterable: t('initiative.customers_filter') }),
    ),
  );
}

/**
 * Costs per year of the planning period, with their totals. Returns the section and `updateTotals`, which the
 * form calls on every change. A service's form uses it too, with its own heading and help.
 */
export function economySection(form, { heading = t('initiative.section_economy'), help = null } = {}) {
  const draft = form.draft;
  const costRows = h('tbody');
  const totals = h('tfoot');
  const updateTotals = () => {
    const sum = totalCosts(draft);
    replace(
      totals,
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, t('initiative.total')),
        h('td', { class: 'numeric' }, formatMoney(sum.development)),
        h('td', { class: 'numeric' }, formatMoney(sum.management)),
        h('td'),
      ),
    );
  };
  const renderCosts = () => {
    replace(costRows, draft.costs.map((cost, i) => costRow(form, cost, i, renderCosts)));
    updateTotals();
  };
  const firstYear = h('input', { type: 'number', min: 2000, max: 2100, class: 'year', value: draft.costs[0]?.year ?? new Date().getFullYear() });
  firstYear.addEventListener('change', () => {
    const start = Number(firstYear.value);
    if (!Number.isInteger(start)) return;
    draft.costs.forEach((cost, i) => { cost.year = start + i; });
    renderCosts();
    form.changed('costs');
  });
  const element = h(
    'section',
    { class: 'form-section', dataset: { field: 'costs' } },
    h('h2', {}, heading),
    help ? h('p', { class: 'muted' }, help) : null,
    h('div', { class: 'inline-field' }, h('label', { for: 'first-year' }, t('initiative.first_year')), Object.assign(firstYear, { id: 'first-year' })),
    // A data table may scroll sideways when zoomed (WCAG 1.4.10 allows it); the page around it does not.
    h('div', { class: 'scroll-x' }, h(
      'table',
      { class: 'costs' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('initiative.year')),
        h('th', { scope: 'col' }, t('initiatives.col_total_dev')),
        h('th', { scope: 'col' }, t('initiatives.col_total_mgmt')),
        h('th', {}))),
      costRows,
      totals,
    )),
    h('p', { class: 'field-message', role: 'status' }),
    h('button', {
      type: 'button',
      onclick: () => {
        const last = draft.costs.at(-1)?.year ?? Number(firstYear.value);
        draft.costs.push({ year: draft.costs.length ? last + 1 : last, development: 0, management: 0 });
        renderCosts();
        form.changed('costs');
      },
    }, t('initiative.add_year')),
  );
  renderCosts();
  return { element, updateTotals };
}

/** One year's development and management costs; the last of several years can be removed. */
function costRow(form, cost, i, renderCosts) {
  const draft = form.draft;
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, String(cost.year)),
    h('td', {}, h('div', { dataset: { field: `costs[${i}].development` } },
      form.money(`costs[${i}].development`, { label: `${t('initiatives.col_total_dev')} ${cost.year}` }),
      h('p', { class: 'field-message', role: 'status' }))),
    h('td', {}, h('div', { dataset: { field: `costs[${i}].management` } },
      form.money(`costs[${i}].management`, { label: `${t('initiatives.col_total_mgmt')} ${cost.year}` }),
      h('p', { class: 'field-message', role: 'status' }))),
    h(
      'td',
      {},
      i === draft.costs.length - 1 && draft.costs.length > 1
        ? h('button', {
            type: 'button',
            class: 'quiet',
            onclick: () => { draft.costs.pop(); renderCosts(); form.changed('costs'); },
          }, t('initiative.remove_year', { year: cost.year }))
        : null,
    ),
  );
}

function benefitSection(form) {
  return h(
    'section',
    { class: 'form-section' },
    h('h2', {}, t('initiative.section_benefit')),
    h(
      'div',
      { class: 'grid' },
      form.field('benefit_summary', form.text('benefit_summary', { multiline: true, rows: 3 }), { wide: true }),
      form.field('reuse_solution', form.text('reuse_solution', { maxlength: textLimit('name') })),
      form.field('reuse_outcome', form.select('reuse_outcome', terms('reuse_outcome'))),
      // Riktlinjen: the material has a "långsiktig plan"; management follows a förvaltningsplan.
      form.field('long_term_plan', form.text('long_term_plan', { multiline: true, rows: 3 }), { wide: true, hint: t('initiative.long_term_plan_hint') }),
      form.field('management_plan', form.text('management_plan', { multiline: true, rows: 3 }), { wide: true, hint: t('initiative.management_plan_hint') }),
      // Riktlinjen, "Realisera och följa upp nytta och effekter": the customer implements the change of ways of
      // working; the provider may hire an external executor.
      form.field('business_change', form.text('business_change', { multiline: true, rows: 3 }), { wide: true, hint: t('initiative.business_change_hint') }),
      form.field('executor', form.text('executor', { maxlength: textLimit('name') }), { wide: true, hint: t('initiative.executor_hint') }),
    ),
  );
}

/**
 * Laws, or explicitly none, the other requirements, the risk and security assessment and K/R/T: what the
 * guideline's material must show ("uppfyllande av lag- och säkerhetskrav framgå", "risk- och säkerhetsbedömning").
 */
function legalSection(ctx, form) {
  return h(
    'section',
    { class: 'form-section' },
    h('h2', {}, t('initiative.section_legal')),
    h(
      'div',
      { class: 'grid' },
      form.checklist('laws', terms('law')),
      form.checkbox('no_legal_requirement'),
      form.field('legal_notes', form.text('legal_notes', { multiline: true, rows: 3 }), { wide: true }),
    ),
    risksEditor(form),
    h(
      'div',
      { class: 'grid' },
      form.field('risk_assessment', form.text('risk_assessment', { multiline: true, rows: 3 }), { wide: true, hint: t('initiative.risk_assessment_hint') }),
      ...form.security(ctx.app.security_scale),
    ),
  );
}

/** The risk list: one row per risk with likelihood, consequence and action; rows are added and removed. */
function risksEditor(form) {
  const draft = form.draft;
  const box = h('div', { class: 'risks', dataset: { field: 'risks' } });
  const labelled = (control, label) => {
    control.setAttribute('aria-label', label);
    return control;
  };
  const cell = (field, control) => h('td', { dataset: { field } }, control, h('p', { class: 'field-message', role: 'status' }));
  const render = () => {
    replace(
      box,
      h('h3', { id: 'risks-title' }, t('initiative.risks')),
      draft.risks.length
        ? h(
            'table',
            { class: 'costs risk-table', 'aria-labelledby': 'risks-title' },
            h('thead', {}, h('tr', {},
              h('th', { scope: 'col' }, t('initiative.risk')),
              h('th', { scope: 'col' }, t('initiative.risk_likelihood')),
              h('th', { scope: 'col' }, t('initiative.risk_consequence')),
              h('th', { scope: 'col' }, t('initiative.risk_action')),
              h('th'))),
            h(
              'tbody',
              {},
              draft.risks.map((risk, i) => h(
                'tr',
                {},
                cell(`risks[${i}].risk`, labelled(form.text(`risks[${i}].risk`, { maxlength: textLimit('name') }), t('initiative.risk_n', { n: i + 1 }))),
                cell(`risks[${i}].likelihood`, labelled(form.select(`risks[${i}].likelihood`, terms('risk_level')), t('initiative.risk_likelihood_n', { n: i + 1 }))),
                cell(`risks[${i}].consequence`, labelled(form.select(`risks[${i}].consequence`, terms('risk_level')), t('initiative.risk_consequence_n', { n: i + 1 }))),
                cell(`risks[${i}].action`, labelled(form.text(`risks[${i}].action`, { multiline: true, rows: 1 }), t('initiative.risk_action_n', { n: i + 1 }))),
                h('td', {}, h('button', {
                  type: 'button',
                  class: 'quiet',
                  'aria-label': t('initiative.remove_risk', { n: i + 1 }),
                  onclick: () => { draft.risks.splice(i, 1); form.changed('risks'); render(); },
                }, '×')),
              )),
            ),
          )
        : h('p', { class: 'muted' }, t('initiative.no_risks')),
      h('p', { class: 'field-message', role: 'status' }),
      h('button', {
        type: 'button',
        id: 'add-risk',
        onclick: () => {
          draft.risks.push({ risk: '', likelihood: 'medel', consequence: 'medel', action: '' });
          form.changed('risks');
          render();
          box.querySelector('tbody tr:last-child input')?.focus();
        },
      }, t('initiative.add_risk')),
    );
  };
  render();
  return box;
}
