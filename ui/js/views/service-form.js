// One catalogue service: what it offers, at what price, how it is funded, its assessment against the city's
// baseline (grundsäkerhetsnivå) apart from its K/R/T classification, its customers and the personal data processed
// on their behalf.

import { h, replace } from '../dom.js';
import { allowedKeys, fact, fieldLabel, t, terms, textLimit } from '../i18n.js';
import { customersByName } from '../portfolio.js';
import { createForm, fillOptions, formActions, saveHandler } from './form.js';
import { historyPanel } from './history.js';
import { economySection } from './initiative-form.js';

/** The states offered: where the service is and the steps it may take, or the starting states for a new one. */
function statesFor(existing) {
  const keys = existing ? [existing.state, ...allowedKeys('service_next_states', existing.state)] : fact('service_starting_states');
  return terms('service_state').filter((s) => keys.includes(s.key));
}

function fundingFor(category) {
  const allowed = allowedKeys('funding_by_category', category);
  return terms('funding_model').filter((f) => allowed.includes(f.key));
}

/** The least classification of the city's practice as letters, `K1 R2 T2`. */
function leastText(least) {
  return least ? `K${least.confidentiality} R${least.integrity} T${least.availability}` : '';
}

/**
 * The service's K/R/T classification against the least one the city's practice (Stadens rutin) sets for the
 * standing's year, in words and labelled as the practice, never as the guideline's baseline; '' when the practice
 * sets none.
 */
export function classificationText(standing) {
  const check = standing?.classification;
  if (!check) return '';
  const params = { least: leastText(standing.least_classification), year: standing.year };
  switch (check.status) {
    case 'at_least':
      return t('service.practice_at_least', params);
    case 'below':
      return t('service.practice_below', {
        ...params,
        aspects: check.aspects.map((a) => fieldLabel('service', `security.${a}`)).join(', '),
      });
    case 'not_classified':
      return t('service.practice_not_classified', params);
    case 'no_information':
      return t('service.classification_no_information');
    default:
      return '';
  }
}

/**
 * The service's assessment against the city's baseline (grundsäkerhetsnivå), apart from its classification: meets,
 * does not meet with the shortfalls named, or not assessed; when and by whom. A field that no longer applies is
 * hidden and emptied (what was typed comes back if the choice does).
 */
function baselineSection(form) {
  const draft = form.draft;
  const kept = {};
  const shortfalls = form.text('baseline_shortfalls', { multiline: true, rows: 3 });
  const date = form.text('baseline_assessed_date', { placeholder: '2026-03-16', maxlength: textLimit('date') });
  const by = form.text('baseline_assessed_by', { maxlength: textLimit('name') });
  const fields = {
    baseline_shortfalls: [form.field('baseline_shortfalls', shortfalls, { wide: true, hint: t('service.baseline_shortfalls_hint') }), shortfalls],
    baseline_assessed_date: [form.field('baseline_assessed_date', date), date],
    baseline_assessed_by: [form.field('baseline_assessed_by', by), by],
  };
  const show = () => {
    const applies = {
      baseline_shortfalls: draft.baseline === 'uppfyller_inte',
      baseline_assessed_date: draft.baseline !== 'inte_bedomd',
      baseline_assessed_by: draft.baseline !== 'inte_bedomd',
    };
    for (const [key, [field, control]] of Object.entries(fields)) {
      field.hidden = !applies[key];
      if (!applies[key] && draft[key]) {
        kept[key] = draft[key];
        draft[key] = '';
      } else if (applies[key] && !draft[key] && kept[key]) {
        draft[key] = kept[key];
      }
      control.value = draft[key] ?? '';
    }
  };
  const status = form.select('baseline', terms('baseline_status'), { onSelect: show });
  show();
  return h(
    'fieldset',
    { class: 'form-subsection', id: 'service-baseline' },
    h('legend', {}, t('service.baseline_legend')),
    h('p', { class: 'hint' }, t('service.baseline_help')),
    h(
      'div',
      { class: 'grid' },
      form.field('baseline', status),
      fields.baseline_assessed_date[0],
      fields.baseline_assessed_by[0],
      fields.baseline_shortfalls[0],
    ),
  );
}

/**
 * The customers: an organisation picker; and when the provider processes personal data on their behalf, each
 * customer's reference to its board's instructions and to the agreement where one exists.
 */
function customersSection(form, ctx, instructionsWarning) {
  const draft = form.draft;
  draft.customers = draft.customers ?? [];
  const organisations = customersByName(ctx.data.organisations, ctx.app.vocabulary);
  const references = h('div', { class: 'personal-data-references' });
  const count = h('span', { class: 'count' });
  const drawReferences = () => {
    count.textContent = t('initiative.customers_count', { count: draft.customers.length });
    if (!draft.processes_personal_data) {
      replace(references, h('p', { class: 'hint' }, t('service.no_personal_data')));
      return;
    }
    const rows = draft.customers.map((customer, index) => {
      const name = ctx.index.organisations.get(customer.organisation_id)?.name ?? `#${customer.organisation_id}`;
      const missing = h('span', { class: 'instructions-missing' });
      const flag = () => {
        missing.textContent = customer.instructions_reference?.trim() ? '' : t('service.instructions_missing');
      };
      const reference = (key, id, label) => {
        const input = h('input', { type: 'text', maxlength: textLimit('name'), value: customer[key] ?? '', id, 'aria-label': `${label}: ${name}` });
        input.addEventListener('input', () => {
          customer[key] = input.value;
          flag();
          form.changed(`customers[${index}].${key}`);
        });
        return h('td', { dataset: { field: `customers[${index}].${key}` } }, input, h('p', { class: 'field-message', role: 'status' }));
      };
      flag();
      return h(
        'tr',
        {},
        h('th', { scope: 'row' }, name),
        reference('instructions_reference', `instructions-${customer.organisation_id}`, t('service.instructions_reference')),
        reference('dpa_reference', `dpa-${customer.organisation_id}`, t('service.dpa_reference')),
        h('td', {}, missing),
      );
    });
    replace(
      references,
      draft.customers.length === 0
        ? h('p', { class: 'hint' }, t('service.no_customers'))
        : h(
            'table',
            { class: 'data', id: 'personal-data-table' },
            h('caption', {}, t('service.personal_data_caption')),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, t('service.customer')),
                h('th', { scope: 'col' }, t('service.instructions_reference')),
                h('th', { scope: 'col' }, t('service.dpa_reference')),
                h('th', { scope: 'col' }, t('service.instructions_status')),
              ),
            ),
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
        draft.customers.push({ organisation_id: organisation.id, dpa_reference: '', instructions_reference: '' });
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
    instructionsWarning,
    references,
  );
}

/** Fills in the engine's standing of the saved service for this year, once it has answered (in words, not colour). */
async function showStanding(ctx, id, parts) {
  const standing = (await ctx.serviceStandings(new Date().getFullYear())).find((s) => s.service_id === id);
  if (!standing || !parts.classification.isConnected) return;
  const below = standing.classification.status === 'below' || standing.classification.status === 'not_classified';
  parts.classification.className = below && standing.least_classification ? 'warning' : 'muted';
  parts.classification.textContent = classificationText(standing);
  parts.classification.hidden = parts.classification.textContent === '';
  const lacking = standing.customers_without_instructions;
  parts.instructionsWarning.hidden = lacking.length === 0;
  parts.instructionsWarning.textContent = lacking.length
    ? t('service.instructions_lacking', { names: lacking.map((o) => ctx.index.organisations.get(o)?.name ?? `#${o}`).join(', ') })
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
    // A new service starts as the engine's draft (src/domain/drafts.rs), sent with the app's state.
    record: { costs: [], ...(existing ?? structuredClone(ctx.app.new_records.service)) },
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
  const name = form.text('name', { maxlength: textLimit('name') });
  const parts = {
    classification: h('p', { id: 'service-classification', role: 'status', hidden: true }),
    instructionsWarning: h('p', { class: 'warning', id: 'instructions-warning', role: 'status', hidden: true }),
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
        form.field('unit', form.text('unit', { maxlength: textLimit('name'), placeholder: 'användare och månad' })),
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
      baselineSection(form),
      h(
        'fieldset',
        { class: 'form-subsection', id: 'service-classification-fields' },
        h('legend', {}, t('service.classification_legend')),
        existing ? parts.classification : null,
        h(
          'div',
          { class: 'grid' },
          ...form.security(ctx.app.security_scale),
          form.checkbox('handles_no_information'),
        ),
      ),
      h(
        'div',
        { class: 'grid' },
        form.field('connection_requirements', form.text('connection_requirements', { multiline: true, rows: 2 }), { wide: true }),
      ),
    ),
    customersSection(form, ctx, parts.instructionsWarning),
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
