// The funding view of an initiative or a service: the inputs (years, customers and volumes, running cost,
// investment), and the models side by side per customer and year, with the capital cost, the leasing rule,
// totals, risks, a what-if on volumes, charts, and the choice of model saved on the item.

import { groupedBars, stackedBars } from '../charts.js';
import { h, replace } from '../dom.js';
import { formatMoney, formatNumber, formatPercent } from '../format.js';
import { fieldLabel, t, term, textLimit } from '../i18n.js';
import { customersByName } from '../portfolio.js';
import { createForm, formActions, saveHandler } from './form.js';

const MODELS = ['kostnadsfordelning', 'faktura_a_pris', 'kommunbidrag'];
const money = (ore) => (ore === null || ore === undefined ? '–' : formatMoney(ore));

export async function renderFunding(main, ctx, kind, id) {
  const item = kind === 'initiative' ? ctx.index.initiatives.get(id) : ctx.index.services.get(id);
  const back = kind === 'initiative' ? `#/initiativ/${id}` : `#/tjanster/${id}`;
  if (!item) {
    ctx.navigate(kind === 'initiative' ? '#/initiativ' : '#/tjanster');
    return;
  }
  const name = kind === 'initiative' ? `${item.case_number} ${item.title}` : item.name;
  const stored = ctx.data.funding_cases.find((c) => (kind === 'initiative' ? c.initiative_id === id : c.service_id === id));
  const results = h('section', { class: 'results funding-results', id: 'funding-results', 'aria-live': 'polite' });
  const header = [
    h('p', { class: 'breadcrumb' }, h('a', { href: back }, t('funding.back', { name }))),
    h(
      'header',
      { class: 'view-header' },
      h('h1', {}, t('funding.title', { name })),
      item.funding_model ? h('span', { class: 'badge' }, t('funding.chosen', { model: term('funding_model', item.funding_model) })) : null,
      stored ? h('button', { type: 'button', id: 'export-funding', onclick: () => ctx.exportSheet('funding', stored.id) }, t('sheet.export')) : null,
    ),
  ];
  if (!stored && !ctx.fundingDraft) {
    replace(
      main,
      ...header,
      h('p', { class: 'lead' }, t('funding.none')),
      h('button', { type: 'button', class: 'primary', id: 'create-funding', onclick: () => { ctx.fundingDraft = true; renderFunding(main, ctx, kind, id); } }, t('funding.create')),
    );
    return;
  }
  ctx.fundingDraft = false;
  // A new case as the engine opens it: the item's cost years, customers and running costs, not asked for again.
  let record = stored;
  if (!record) {
    try {
      record = await ctx.newFundingCase(kind, id);
    } catch (error) {
      ctx.showError(error);
      return;
    }
  }
  const form = createForm({ entity: 'funding_case', record });
  ctx.setForm(form);
  const summary = h('div', { class: 'form-summary', role: 'alert' });
  /** What the form's parts share; `render` redraws the form after rows are added or removed. */
  const editor = {
    ctx,
    item: kind === 'service' ? item : null,
    form,
    draft: form.draft,
    summary,
    // Who is billed is a customer: a förvaltning or a bolag.
    organisations: customersByName(ctx.data.organisations, ctx.app.vocabulary).map((o) => ({ key: o.id, label: o.name })),
    save: saveHandler({
      form,
      summary,
      persist: (record) => ctx.save('funding_case', record),
      onSaved: () => renderFunding(main, ctx, kind, id),
      showError: ctx.showError,
    }),
    remove: stored
      ? async () => {
          if (await ctx.remove('funding_case', stored.id, t('funding.case_name', { name }))) {
            form.markClean();
            renderFunding(main, ctx, kind, id);
          }
        }
      : null,
    render: () => renderFundingForm(editor),
  };
  editor.render();
  const inputs = h('details', { class: 'scenario-editor', open: !stored }, h('summary', {}, t('funding.section_inputs')), form.element);
  replace(main, ...header, results, inputs);
  if (stored) {
    try {
      const result = await ctx.funding(stored.id);
      renderResults(results, ctx, kind, item, result, stored);
    } catch (error) {
      ctx.showError(error);
    }
  }
}

/** The case's inputs: unit and rounding, running costs per year, customers' volumes, the investment. */
function renderFundingForm(editor) {
  const { form, draft, summary } = editor;
  replace(
    form.element,
    summary,
    h(
      'section',
      { class: 'form-section' },
      h('h2', {}, t('funding.section_inputs')),
      h(
        'div',
        { class: 'grid' },
        form.field('volume_unit', form.text('volume_unit', { maxlength: textLimit('name'), placeholder: t('funding.unit_placeholder') })),
        form.field('rounding', form.select('rounding', [{ key: 'ore', label: t('funding.rounding_ore') }, { key: 'kronor', label: t('funding.rounding_kronor') }], { empty: t('funding.rounding_default') })),
        form.checkbox('fixed_key'),
      ),
      h('h3', {}, t('funding.running_cost')),
      runningCosts(editor),
      h('h3', {}, t('funding.customers', { unit: draft.volume_unit || t('funding.units') })),
      customerVolumes(editor),
      h('h3', {}, t('funding.investment')),
      investmentFields(editor),
    ),
    formActions({ onSave: editor.save, onDelete: editor.remove }),
  );
}

const COST_FIELDS = ['forecast_fixed', 'forecast_per_unit', 'actual_fixed', 'actual_per_unit'];

/** Fixed and per-unit costs per year, forecast and actual; years can be added and the last one removed. */
function runningCosts({ form, draft, render }) {
  const removeLastYear = () => {
    draft.years.pop();
    draft.customers.forEach((c) => { c.forecast_volume.pop(); c.actual_volume = c.actual_volume.slice(0, draft.years.length); });
    form.changed('years');
    render();
  };
  return [
    h(
      'table',
      { class: 'costs funding-years', dataset: { field: 'years' } },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, fieldLabel('funding_case', 'year')), COST_FIELDS.map((f) => h('th', { scope: 'col' }, fieldLabel('funding_case', f))), h('th'))),
      h(
        'tbody',
        {},
        draft.years.map((y, i) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, String(y.year)),
            COST_FIELDS.map((f) =>
              h('td', {}, h('div', { dataset: { field: `years[${i}].${f}` } }, form.money(`years[${i}].${f}`, { optional: f.startsWith('actual'), label: `${fieldLabel('funding_case', f)} ${y.year}` }), h('p', { class: 'field-message', role: 'status' }))),
            ),
            h('td', {}, i === draft.years.length - 1 && draft.years.length > 1 ? h('button', { type: 'button', class: 'quiet', onclick: removeLastYear }, t('initiative.remove_year', { year: y.year })) : null),
          ),
        ),
      ),
    ),
    h('p', { class: 'field-message', role: 'status' }),
    h('button', {
      type: 'button',
      onclick: () => {
        const last = draft.years.at(-1)?.year ?? new Date().getFullYear() - 1;
        draft.years.push({ year: last + 1, forecast_fixed: 0, forecast_per_unit: 0, actual_fixed: null, actual_per_unit: null });
        draft.customers.forEach((c) => c.forecast_volume.push('0'));
        form.changed('years');
        render();
      },
    }, t('selection.add_year')),
  ];
}

/** Each customer's forecast and actual volume per year; customers can be added and removed. */
function customerVolumes({ ctx, item, form, draft, organisations, render }) {
  const years = draft.years.map((y) => y.year);
  return [
    h(
      'div',
      { class: 'table-wrap', dataset: { field: 'customers' } },
      h(
        'table',
        { class: 'data volumes' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('funding.customer')), years.flatMap((year) => [h('th', { scope: 'col' }, t('funding.forecast_year', { year })), h('th', { scope: 'col' }, t('funding.actual_year', { year }))]), h('th'))),
        h(
          'tbody',
          {},
          draft.customers.map((c, i) =>
            h(
              'tr',
              { dataset: { field: `customers[${i}]` } },
              h('td', {}, form.select(`customers[${i}].organisation_id`, organisations, { numeric: true }), h('p', { class: 'field-message', role: 'status' })),
              years.flatMap((year, y) => {
                if (c.actual_volume.length <= y) c.actual_volume[y] = null;
                const org = ctx.index.organisations.get(c.organisation_id)?.name ?? '';
                return [
                  h('td', { dataset: { field: `customers[${i}].forecast_volume[${y}]` } }, form.decimal(`customers[${i}].forecast_volume[${y}]`, { label: `${org} ${t('funding.forecast_year', { year })}` }), h('p', { class: 'field-message', role: 'status' })),
                  h('td', { dataset: { field: `customers[${i}].actual_volume[${y}]` } }, form.decimal(`customers[${i}].actual_volume[${y}]`, { optional: true, label: `${org} ${t('funding.actual_year', { year })}` }), h('p', { class: 'field-message', role: 'status' })),
                ];
              }),
              h('td', {}, h('button', { type: 'button', class: 'quiet danger-text', onclick: () => { draft.customers.splice(i, 1); form.changed('customers'); render(); } }, t('criteria.remove'))),
            ),
          ),
        ),
      ),
      h('p', { class: 'field-message', role: 'status' }),
    ),
    h('button', {
      type: 'button',
      onclick: () => {
        const used = new Set(draft.customers.map((c) => c.organisation_id));
        const next = organisations.find((o) => !used.has(o.key));
        if (!next) return;
        draft.customers.push({ organisation_id: next.key, forecast_volume: years.map(() => '0'), actual_volume: [] });
        form.changed('customers');
        render();
      },
    }, t('funding.add_customer')),
    item
      ? h('button', {
          type: 'button',
          id: 'add-service-customers',
          onclick: () => {
            const used = new Set(draft.customers.map((c) => c.organisation_id));
            for (const customer of item.customers ?? []) {
              if (!used.has(customer.organisation_id)) {
                draft.customers.push({ organisation_id: customer.organisation_id, forecast_volume: years.map(() => '0'), actual_volume: [] });
              }
            }
            form.changed('customers');
            render();
          },
        }, t('funding.add_service_customers'))
      : null,
  ];
}

/** The investment's amount, capital cost method, years and rate, or a button to add one. */
function investmentFields({ ctx, form, draft, render }) {
  if (!draft.investment) {
    return h('button', {
      type: 'button',
      onclick: () => {
        draft.investment = { amount: 0, method: 'lease', years: ctx.data.parameters?.useful_life ?? 5, rate: null };
        form.changed('investment');
        render();
      },
    }, t('funding.add_investment'));
  }
  return h(
    'div',
    { class: 'grid' },
    form.field('investment.amount', form.money('investment.amount')),
    form.field('investment.method', form.select('investment.method', [
      { key: 'lease', label: t('funding.method_lease') },
      { key: 'own_capital', label: t('funding.method_own_capital') },
      { key: 'expense', label: t('funding.method_expense') },
    ])),
    form.field('investment.years', form.number('investment.years', { min: 1, max: 50 })),
    form.field('investment.rate', form.decimal('investment.rate', { optional: true, percent: true }), { hint: t('funding.rate_hint') }),
    h('button', { type: 'button', class: 'quiet danger-text', onclick: () => { draft.investment = null; form.changed('investment'); render(); } }, t('funding.remove_investment')),
  );
}

function yearRow(label, values, className) {
  return h('tr', { class: className ?? null }, h('th', { scope: 'row' }, label), values.map((v) => h('td', { class: 'numeric nowrap' }, money(v))));
}

function modelTable(title, years, rows, closed) {
  return h(
    'figure',
    { class: 'model-table' },
    h('figcaption', {}, title),
    h(
      'table',
      { class: 'data' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }), years.map((y, i) => h('th', { scope: 'col', class: 'numeric' }, `${y}${closed[i] ? '' : ' *'}`)))),
      h('tbody', {}, rows),
    ),
  );
}

function renderResults(results, ctx, kind, item, result, stored) {
  const c = result.comparison;
  replace(
    results,
    fundingSummary(result, stored, ctx),
    modelGrid(c),
    h('p', { class: 'muted' }, t('funding.star')),
    h('h2', {}, t('funding.totals')),
    totalsTable(c),
    h('h2', {}, t('funding.risk_title')),
    riskTable(ctx, kind, item, c),
    h('h2', {}, t('funding.what_if_title')),
    h('p', { class: 'muted' }, t('funding.what_if_help')),
    whatIfTable(result),
    h('h2', {}, t('ranking.charts')),
    fundingCharts(item, c),
  );
}

/** The capital cost, the leasing rule and which years are not closed yet. */
function fundingSummary(result, stored, ctx) {
  const c = result.comparison;
  const notCustomers = (result.not_customers ?? []).map((id) => ctx.index.organisations.get(id)?.name ?? `#${id}`);
  const capital = c.capital;
  const leasing = result.leasing;
  return h(
    'div',
    { class: 'funding-summary' },
    capital
      ? h(
          'p',
          {},
          t('funding.capital_summary', {
            method: t(`funding.method_${stored.investment.method}`),
            rate: result.rate === null ? '–' : formatPercent(result.rate, 2, { trim: true }),
            source: result.rate_source ? t(`funding.rate_source_${result.rate_source}`) : '',
            pv: money(capital.present_value),
          }),
          capital.annuity !== null ? ` ${t('funding.annuity', { amount: money(capital.annuity) })}` : '',
        )
      : h('p', {}, t('funding.no_investment')),
    leasing ? h('p', { class: leasing.follows_rule ? 'muted' : 'warning' }, leasing.required ? (leasing.follows_rule ? t('funding.leasing_ok', { threshold: money(leasing.threshold) }) : t('funding.leasing_required', { threshold: money(leasing.threshold) })) : t('funding.leasing_not_required', { threshold: money(leasing.threshold) })) : null,
    notCustomers.length ? h('p', { class: 'warning', id: 'not-customers' }, t('funding.not_customers', { names: notCustomers.join(', ') })) : null,
    c.closed.some((x) => !x) ? h('p', { class: 'muted' }, t('funding.not_closed', { years: c.years.filter((_, i) => !c.closed[i]).join(', ') })) : null,
  );
}

/** The cost base and the three models, per year. */
function modelGrid(c) {
  const years = c.years;
  return h(
    'div',
    { class: 'model-grid' },
    modelTable(t('funding.cost_base'), years, [
      yearRow(t('funding.capital_cost'), c.capital_cost),
      yearRow(t('funding.forecast'), c.cost_base.forecast),
      yearRow(t('funding.actual'), c.cost_base.actual),
    ], c.closed),
    modelTable(term('funding_model', 'kostnadsfordelning'), years, [
      yearRow(t('funding.price'), c.cost_allocation.forecast_price),
      ...c.cost_allocation.customers.flatMap((k) => [
        yearRow(k.name, k.preliminary, 'customer'),
        // Final amounts and settlements exist only for closed years.
        ...(c.closed.some(Boolean) ? [yearRow(t('funding.final'), k.final, 'sub'), yearRow(t('funding.settlement'), k.settlement, 'sub')] : []),
      ]),
      yearRow(t('funding.provider_result'), c.cost_allocation.provider_result, 'result'),
    ], c.closed),
    modelTable(term('funding_model', 'faktura_a_pris'), years, [
      yearRow(t('funding.price'), c.invoice.price),
      ...c.invoice.customers.map((k) => yearRow(k.name, k.invoiced, 'customer')),
      yearRow(t('funding.provider_result'), c.invoice.provider_result, 'result'),
      yearRow(t('funding.volume_variance'), c.invoice.volume_variance, 'sub'),
      yearRow(t('funding.cost_variance'), c.invoice.cost_variance, 'sub'),
    ], c.closed),
    modelTable(term('funding_model', 'kommunbidrag'), years, [
      yearRow(t('funding.grant'), c.grant.grant),
      ...c.grant.frame_transfer.map((k) => yearRow(t('funding.frame_transfer', { name: k.name }), k.amount, 'customer')),
      ...c.grant.company_invoices.map((k) => yearRow(t('funding.company_invoice', { name: k.name }), k.invoiced, 'customer')),
      yearRow(t('funding.provider_result'), c.grant.provider_result, 'result'),
    ], c.closed),
    // How companies are treated under the grant is the city's practice (Stadens rutin), not the guideline's.
    h('p', { class: 'muted practice-note', id: 'funding-company-practice' },
      t(c.companies_invoiced ? 'funding.companies_invoiced_practice' : 'funding.companies_granted_practice')),
  );
}

/** What each customer pays over the period under each model. */
function totalsTable(c) {
  return h(
    'table',
    { class: 'data totals', id: 'funding-totals' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('funding.customer')), MODELS.map((m) => h('th', { scope: 'col', class: 'numeric' }, term('funding_model', m))), h('th', { scope: 'col', class: 'numeric' }, t('funding.frame_transfer_short')))),
    h(
      'tbody',
      {},
      c.totals.map((k) => h('tr', {}, h('th', { scope: 'row' }, k.name, k.is_company ? h('span', { class: 'badge muted-badge' }, t('funding.company')) : null), h('td', { class: 'numeric' }, money(k.cost_allocation)), h('td', { class: 'numeric' }, money(k.invoice)), h('td', { class: 'numeric' }, money(k.grant)), h('td', { class: 'numeric' }, money(k.frame_transfer)))),
    ),
  );
}

/** Who bears the cost and volume risk under each model, and the choice of model saved on the item. */
function riskTable(ctx, kind, item, c) {
  const chooseModel = async (model) => {
    try {
      await ctx.save(kind, { ...item, funding_model: model });
      ctx.navigate(kind === 'initiative' ? `#/initiativ/${item.id}/finansiering` : `#/tjanster/${item.id}/finansiering`);
    } catch (error) {
      ctx.showError(error);
    }
  };
  return h(
    'table',
    { class: 'data risk' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }), h('th', { scope: 'col' }, t('funding.cost_risk')), h('th', { scope: 'col' }, t('funding.volume_risk')), h('th'))),
    h(
      'tbody',
      {},
      c.risk.map((r) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, term('funding_model', r.model)),
          h('td', {}, t(`funding.bearer_${r.cost_risk}`)),
          h('td', {}, t(`funding.bearer_${r.volume_risk}`)),
          h('td', {}, item.funding_model === r.model ? h('strong', {}, t('funding.chosen_short')) : h('button', { type: 'button', dataset: { model: r.model }, onclick: () => chooseModel(r.model) }, t('funding.choose'))),
        ),
      ),
    ),
  );
}

/** What customers pay and the provider's result when volumes change. */
function whatIfTable(result) {
  return h(
    'table',
    { class: 'data what-if' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('funding.volume_change')), MODELS.map((m) => h('th', { scope: 'col', class: 'numeric' }, t('funding.pay', { model: term('funding_model', m) }))), MODELS.map((m) => h('th', { scope: 'col', class: 'numeric' }, t('funding.result', { model: term('funding_model', m) }))))),
    h(
      'tbody',
      {},
      result.what_if.map((w) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, `${w.change_percent > 0 ? '+' : ''}${formatPercent(w.change_percent / 100, 0)}`),
          [w.customers_pay.cost_allocation, w.customers_pay.invoice, w.customers_pay.grant, w.provider_result.cost_allocation, w.provider_result.invoice, w.provider_result.grant].map((v) => h('td', { class: 'numeric nowrap' }, money(v))),
        ),
      ),
    ),
  );
}

/** Customers' amounts per model (one model at a time, chosen by tabs) and the provider's result per model. */
function fundingCharts(item, c) {
  const years = c.years;
  const seriesFor = (model) => {
    if (model === 'kostnadsfordelning') return c.cost_allocation.customers.map((k) => ({ label: k.name, values: k.final.map((f, y) => f ?? k.preliminary[y]) }));
    if (model === 'faktura_a_pris') return c.invoice.customers.map((k) => ({ label: k.name, values: k.invoiced }));
    return [
      ...c.grant.frame_transfer.map((t2) => ({ label: `${t2.name} (${t('funding.frame_transfer_short')})`, values: t2.amount })),
      ...c.grant.company_invoices.map((k) => ({ label: k.name, values: k.invoiced })),
    ];
  };
  const chartBox = h('figure', { class: 'chart-box wide' });
  const drawStack = (model) => {
    replace(
      chartBox,
      h('figcaption', {}, t('funding.chart_customers', { model: term('funding_model', model) })),
      h('div', { class: 'chart-tabs', role: 'group', 'aria-label': t('funding.chart_model') }, MODELS.map((m) => h('button', { type: 'button', class: m === model ? 'primary' : null, 'aria-pressed': String(m === model), onclick: () => drawStack(m) }, term('funding_model', m)))),
      stackedBars({
        title: t('funding.chart_customers', { model: term('funding_model', model) }),
        description: t('funding.chart_customers_desc'),
        categories: years.map(String),
        series: seriesFor(model).map((s) => ({ label: s.label, values: s.values.map((v) => v / 100) })),
        format: (v) => `${formatNumber(v / 1e6, 1)}\u00a0mnkr`,
      }),
    );
  };
  drawStack(item.funding_model && MODELS.includes(item.funding_model) ? item.funding_model : 'kostnadsfordelning');
  return h(
    'div',
    { class: 'charts' },
    chartBox,
    h(
      'figure',
      { class: 'chart-box wide' },
      h('figcaption', {}, t('funding.chart_results')),
      groupedBars({
        title: t('funding.chart_results'),
        description: t('funding.chart_results_desc'),
        categories: years.map(String),
        series: [
          { label: term('funding_model', 'kostnadsfordelning'), values: c.cost_allocation.provider_result.map((v) => (v === null ? null : v / 100)) },
          { label: term('funding_model', 'faktura_a_pris'), values: c.invoice.provider_result.map((v) => (v === null ? null : v / 100)) },
          { label: term('funding_model', 'kommunbidrag'), values: c.grant.provider_result.map((v) => (v === null ? null : v / 100)) },
        ],
        format: (v) => `${formatNumber(v / 1000)}\u00a0tkr`,
      }),
    ),
  );
}
