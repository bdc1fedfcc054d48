// One catalogue service: what it offers, at what price, how it is funded, its security level.

import { h, replace } from '../dom.js';
import { allowedKeys, t, terms } from '../i18n.js';
import { emptyService } from '../portfolio.js';
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
  const category = form.select('category', terms('service_category'), {
    onSelect: (value) => {
      fillOptions(funding, fundingFor(value), draft.funding_model, t('common.none'));
      if (draft.funding_model && !allowedKeys('funding_by_category', value).includes(draft.funding_model)) {
        draft.funding_model = null;
      }
    },
  });
  const name = form.text('name', { maxlength: 200 });
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
      h(
        'div',
        { class: 'grid' },
        ...form.security(ctx.app.security_scale),
        form.field('connection_requirements', form.text('connection_requirements', { multiline: true, rows: 2 }), { wide: true }),
      ),
    ),
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
}
