// One catalogue service: what it offers, at what price, how it is funded, its security level.

import { h, replace } from '../dom.js';
import { allowedKeys, fieldLabel, t, terms } from '../i18n.js';
import { emptyService, organisationsByName } from '../portfolio.js';
import { createForm, fillOptions, formActions, saveHandler } from './form.js';
import { historyPanel } from './history.js';
import { economySection } from './initiative-form.js';

/** The states offered: where the service is and the steps it may take, or the starting states for a new one. */
function statesFor(existing) {
  const keys = existing ? [existing.state, ...allowedKeys('service_next_states', existing.state)] : ['planerad', 'under_utveckling', 'i_drift'];
  return terms('service_state').filter((s) => keys.includes(s.key));
}

function fundingFor(category) {
  const allowed = allowedKeys('funding_by_category', category);
  return terms('funding_model').filter((f) => allowed.includes(f.key));
}

/**
 * The engine's standing of a service in words: against the baseline of `year`, or why it cannot be judged
 * (riktlinjen: the shared services "ska minst uppfylla stadens grundsäkerhetsnivå").
 */
export function complianceText(standing) {
  const security = standing?.security;
  if (!security) return '';
  const baseline = standing.baseline ? `K${standing.baseline.confidentiality} R${standing.baseline.integrity} T${standing.baseline.availability}` : '';
  switch (security.status) {
    case 'meets':
      return t('service.compliance_meets', { baseline, year: standing.year });
    case 'below':
      return t('service.compliance_below', {
        baseline,
        year: standing.year,
        aspects: security.aspects.map((a) => fieldLabel('service', `security.${a}`)).join(', '),
      });
    case 'not_classified':
      return t('service.compliance_not_classified');
    case 'no_information':
      return t('service.compliance_no_information');
    default:
      return t('service.compliance_no_baseline', { year: standing.year });
  }
}

/** The customers: an organisation picker, and for a service processing personal data each customer's DPA reference. */
function customersSection(form, ctx, dpaWarning) {
  const draft = form.draft;
  draft.customers = draft.customers ?? [];
  const organisations = organisationsByName(ctx.data.organisations);
  const references = h('div', { class: 'dpa-references' });
  const count = h('span', { class: 'count' });
  const drawReferences = () => {
    count.textContent = t('initiative.customers_count', { count: draft.customers.length });
    if (!draft.processes_personal_data) {
      replace(references, h('p', { class: 'hint' }, t('service.no_personal_data')));
      return;
    }
    const rows = draft.customers.map((customer, index) => {
      const name = ctx.index.organisations.get(customer.organisation_id)?.name ?? `#${customer.organisation_id}`;
      const input = h('input', { type: 'text', maxlength: 200, value: customer.dpa_reference ?? '', id: `dpa-${customer.organisation_id}` });
      const missing = h('span', { class: 'dpa-missing' }, customer.dpa_reference?.trim() ? '' : t('service.dpa_missing'));
      input.addEventListener('input', () => {
        customer.dpa_reference = input.value;
        missing.textContent = input.value.trim() ? '' : t('service.dpa_missing');
        form.changed(`customers[${index}].dpa_reference`);
      });
      return h(
        'tr',
        { dataset: { field: `customers[${index}].dpa_reference` } },
        h('th', { scope: 'row' }, h('label', { for: input.id }, name)),
        h('td', {}, input, h('p', { class: 'field-message', role: 'status' })),
        h('td', {}, missing),
      );
    });
    replace(
      references,
      draft.customers.length === 0
        ? h('p', { class: 'hint' }, t('service.no_customers'))
        : h(
            'table',
            { class: 'data', id: 'dpa-table' },
            h('caption', {}, t('service.dpa_caption')),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('service.customer')), h('th', { scope: 'col' }, t('service.dpa_reference')), h('th', { scope: 'col' }, t('service.dpa_status')))),
            h('tbody', {}, rows),
          ),
    );
  };
  const items = organisations.map((organisation) => {
    const box = h('input', {
      type: 'checkbox',
      id: `customer-${organisation.id}`,
      value: String(organisation.id),
      checked: draft.customers.some((c) => c.organisation_id === organisation.id),
    });
    box.addEventListener('change', () => {
      if (box.checked) {
        draft.customers.push({ organisation_id: organisation.id, dpa_reference: '' });
        const order = organisations.map((o) => o.id);
        draft.customers.sort((a, b) => order.indexOf(a.organisation_id) - order.indexOf(b.organisation_id));
      } else {
        draft.customers = draft.customers.filter((c) => c.organisation_id !== organisation.id);
      }
      form.changed('customers');
      drawReferences();
    });
    return h('li', { dataset: { label: organisation.name.toLocaleLowerCase('sv') } }, box, h('label', { for: box.id }, organisation.name));
  });
  const filter = h('input', { type: 'search', placeholder: t('initiative.customers_filter'), 'aria-label': t('initiative.customers_filter') });
  filter.addEventListener('input', () => {
    const needle = filter.value.toLocaleLowerCase('sv').trim();
    for (const item of items) item.hidden = needle !== '' && !item.dataset.label.includes(needle);
  });
  const personal = form.checkbox('processes_personal_data');
  personal.querySelector('input').addEventListener('change', drawReferences);
  drawReferences();
  return h(
    'section',
    { class: 'form-section', id: 'service-customers' },
    h('h2', {}, t('service.section_customers')),
    h('p', { class: 'hint' }, t('service.customers_help')),
    h(
      'fieldset',
      { class: 'field checklist-field', dataset: { field: 'customers' } },
      h('legend', {}, fieldLabel('service', 'customers'), ' ', count),
      filter,
      h('ul', { class: 'checklist', id: 'service-customer-list' }, items),
      h('p', { class: 'field-message', role: 'status' }),
    ),
    personal,
    h('p', { class: 'hint' }, t('service.personal_data_help')),
    dpaWarning,
    references,
  );
}

/** Fills in the engine's standing of the saved service for this year, once it has answered (in words, not colour). */
async function showStanding(ctx, id, parts) {
  const standing = (await ctx.serviceStandings(new Date().getFullYear())).find((s) => s.service_id === id);
  if (!standing || !parts.compliance.isConnected) return;
  const met = standing.security.status === 'meets' || standing.security.status === 'no_information';
  parts.compliance.className = met ? 'status-ok' : 'warning';
  parts.compliance.textContent = complianceText(standing);
  const lacking = standing.customers_without_dpa;
  parts.dpaWarning.hidden = lacking.length === 0;
  parts.dpaWarning.textContent = lacking.length
    ? t('service.dpa_lacking', { names: lacking.map((o) => ctx.index.organisations.get(o)?.name ?? `#${o}`).join(', ') })
    : '';
}

export function renderServiceForm(main, ctx, id) {
  const existing = id === null ? null : ctx.index.services.get(id);
  if (id !== null && !existing) {
    ctx.showError({ code: 'not_found', message: `service ${id}` });
    ctx.navigate('#/tjanster');
    return;
  }
  let economy = null;
  const form = createForm({
    entity: 'service',
    record: { costs: [], ...(existing ?? emptyService()) },
    onChange: () => economy?.updateTotals(),
  });
  economy = economySection(form, { heading: t('service.section_costs'), help: t('service.costs_help') });
  ctx.setForm(form);
  const draft = form.draft;
  const funding = form.select('funding_model', fundingFor(draft.category), { empty: t('common.none') });
  // The catalogue offers bas-, tilläggs- and specialisttjänster; verksamhetsspecifika system are the boards' own.
  const catalogue = ctx.app.vocabulary?.catalogue_categories ?? [];
  const category = form.select('category', terms('service_category').filter((c) => catalogue.includes(c.key)), {
    onSelect: (value) => {
      fillOptions(funding, fundingFor(value), draft.funding_model, t('common.none'));
      if (draft.funding_model && !allowedKeys('funding_by_category', value).includes(draft.funding_model)) {
        draft.funding_model = null;
      }
    },
  });
  const name = form.text('name', { maxlength: 200 });
  const parts = {
    compliance: h('p', { id: 'service-compliance', role: 'status' }),
    dpaWarning: h('p', { class: 'warning', id: 'dpa-warning', role: 'status', hidden: true }),
  };
  const summary = h('div', { class: 'form-summary', role: 'alert' });

  const save = saveHandler({
    form,
    summary,
    persist: (record) => ctx.save('service', record),
    onSaved: (savedId) => ctx.navigate(`#/tjanster/${savedId}`),
    showError: ctx.showError,
  });

  replace(
    form.element,
    summary,
    h(
      'section',
      { class: 'form-section' },
      h('h2', {}, t('service.section_offer')),
      h(
        'div',
        { class: 'grid' },
        form.field('name', name, { wide: true }),
        form.field('category', category),
        form.field('provider_id', form.select('provider_id', ctx.data.providers.map((p) => ({ key: p.id, label: p.name })), { empty: t('common.none'), numeric: true })),
        form.field('price', form.money('price', { optional: true })),
        form.field('unit', form.text('unit', { maxlength: 200, placeholder: 'användare och månad' })),
        form.field('funding_model', funding),
        form.field('state', form.select('state', statesFor(existing)), { hint: t('service.state_hint') }),
        form.field('scope', form.text('scope', { multiline: true }), { wide: true }),
        form.field('service_level', form.text('service_level', { multiline: true, rows: 2 }), { wide: true }),
        form.field('target_group', form.text('target_group'), { wide: true }),
      ),
    ),
    h(
      'section',
      { class: 'form-section' },
      h('h2', {}, t('service.section_security')),
      existing ? parts.compliance : null,
      h(
        'div',
        { class: 'grid' },
        ...form.security(ctx.app.security_scale),
        form.checkbox('handles_no_information'),
        form.field('connection_requirements', form.text('connection_requirements', { multiline: true, rows: 2 }), { wide: true }),
      ),
    ),
    customersSection(form, ctx, parts.dpaWarning),
    economy.element,
    formActions({
      onSave: save,
      onCancel: () => ctx.navigate('#/tjanster'),
      onDelete: existing
        ? async () => {
            if (await ctx.remove('service', existing.id, existing.name)) {
              form.markClean();
              ctx.navigate('#/tjanster');
            }
          }
        : null,
    }),
  );

  replace(
    main,
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/tjanster' }, t('services.back'))),
    h(
      'header',
      { class: 'view-header' },
      h('h1', {}, existing ? existing.name : t('service.new_title')),
      existing ? h('a', { class: 'button-link', href: `#/tjanster/${existing.id}/finansiering`, id: 'open-funding' }, t('funding.open')) : null,
    ),
    form.element,
    existing ? historyPanel(ctx, 'service', existing.id) : null,
  );
  if (existing) showStanding(ctx, existing.id, parts);
}
