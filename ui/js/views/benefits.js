// An initiative's benefits realisation plan: its benefits with owner, indicator, baseline and target, value and
// risks; measurements over time with a chart of the indicator against the planned line; status against target.

import { h, replace } from '../dom.js';
import { formatMoney, formatNumber, formatPercent, fractionToPercent, percentToFraction } from '../format.js';
import { t, term, terms, textLimit } from '../i18n.js';
import { chartPoints } from '../benefits-logic.js';
import { createForm, formActions, saveHandler } from './form.js';
import { historyPanel } from './history.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children) element.append(child);
  return element;
}

/** The indicator against the straight line from baseline to target; the numbers are also in the table. */
function benefitChart(benefit) {
  const points = chartPoints(benefit);
  if (!points) return null;
  const width = 640;
  const height = 260;
  const m = { left: 64, right: 20, top: 16, bottom: 40 };
  const span = Math.max(points.to - points.from, 1);
  const range = Math.max(points.high - points.low, 1e-9);
  const px = (day) => m.left + ((day - points.from) / span) * (width - m.left - m.right);
  const py = (value) => height - m.bottom - ((value - points.low) / range) * (height - m.top - m.bottom);
  const title = t('benefit.chart_title', { indicator: benefit.indicator });
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', class: 'chart benefit-chart', 'aria-label': title });
  chart.append(svg('title', {}, title));
  for (const value of [points.low, (points.low + points.high) / 2, points.high]) {
    chart.append(
      svg('line', { x1: m.left, x2: width - m.right, y1: py(value), y2: py(value), class: 'grid' }),
      svg('text', { x: m.left - 6, y: py(value) + 4, class: 'tick', 'text-anchor': 'end' }, formatNumber(value, 1, { trim: true })),
    );
  }
  const [start, end] = points.plan;
  chart.append(
    svg('line', { x1: m.left, x2: width - m.right, y1: height - m.bottom, y2: height - m.bottom, class: 'axis' }),
    svg('line', { x1: px(start.day), y1: py(start.value), x2: px(end.day), y2: py(end.value), class: 'plan-line' }),
    svg('text', { x: px(start.day), y: height - m.bottom + 16, class: 'tick', 'text-anchor': 'start' }, benefit.baseline_date),
    svg('text', { x: px(end.day), y: height - m.bottom + 16, class: 'tick', 'text-anchor': 'end' }, benefit.target_date),
    svg('circle', { cx: px(end.day), cy: py(end.value), r: 5, class: 'target-point' }),
  );
  if (points.measured.length) {
    chart.append(svg('polyline', { points: points.measured.map((p) => `${px(p.day)},${py(p.value)}`).join(' '), class: 'line' }));
    for (const p of points.measured) chart.append(svg('circle', { cx: px(p.day), cy: py(p.value), r: 4, class: 'point' }));
  }
  return h(
    'figure',
    { class: 'chart-box' },
    chart,
    h('figcaption', { class: 'muted' }, t('benefit.chart_caption')),
  );
}

/** Kronor text for öre, for an input ("-1 234 567"). */
function kronorText(ore) {
  return String(Math.round(ore / 100));
}

/**
 * NPV, IRR and payback of the initiative: each year's benefits in the base case less its development and
 * management cost, the first year counted as today; the flows and the rate can be changed before calculating.
 */
function appraisalPanel(ctx, initiative, benefitsPerYear) {
  const years = (initiative.costs ?? []).map((c) => ({ year: c.year, flow: benefitsPerYear - c.development - c.management }));
  const rates = ctx.data.parameters?.years ?? [];
  const latest = [...rates].reverse().find((y) => y.discount_rate !== null && y.discount_rate !== undefined);
  const rate = h('input', { type: 'text', id: 'appraisal-rate', class: 'decimal', value: latest ? fractionToPercent(String(latest.discount_rate)) : '3' });
  const inputs = years.map((y) => h('input', { type: 'text', class: 'money', value: kronorText(y.flow), 'aria-label': t('benefit.flow_of', { year: y.year }) }));
  const result = h('div', { class: 'appraisal-result', role: 'status' });
  const calculate = async () => {
    // The rate typed in per cent, as a fraction worked out on the text (2,5 → "0.025"); what is no number goes to the
    // engine as typed, which says what is wrong with it.
    const percent = percentToFraction(rate.value);
    const fraction = percent.error ? rate.value : percent.value;
    const answer = await ctx.appraiseBenefits(fraction, inputs.map((i) => i.value));
    if (!answer) return;
    const years = (v) => (v === null ? t('benefit.never') : t('benefit.years', { value: formatNumber(v, 2, { trim: true }) }));
    replace(
      result,
      h('dl', {},
        h('dt', {}, t('benefit.npv')), h('dd', { id: 'appraisal-npv' }, formatMoney(Math.round(Number(answer.npv) * 100))),
        h('dt', {}, t('benefit.irr')), h('dd', {}, answer.irr === null ? t('benefit.no_irr') : formatPercent(answer.irr, 1, { trim: true })),
        h('dt', {}, t('benefit.payback')), h('dd', {}, years(answer.payback_years)),
        h('dt', {}, t('benefit.discounted_payback')), h('dd', {}, years(answer.discounted_payback_years)),
      ),
    );
  };
  if (!years.length) return null;
  return h(
    'section',
    { class: 'appraisal', 'aria-labelledby': 'appraisal-title' },
    h('h2', { id: 'appraisal-title' }, t('benefit.appraisal')),
    h('p', { class: 'hint' }, t('benefit.appraisal_hint')),
    h('div', { class: 'field' }, h('label', { for: 'appraisal-rate' }, t('benefit.rate')), rate),
    h('table', { class: 'costs' }, h('tbody', {}, years.map((y, i) => h('tr', {}, h('th', { scope: 'row' }, String(y.year)), h('td', {}, inputs[i]))))),
    h('button', { type: 'button', id: 'appraise', onclick: calculate }, t('benefit.calculate')),
    result,
  );
}

function emptyBenefit(initiative) {
  return {
    id: 0,
    initiative_id: initiative.id,
    name: '',
    description: '',
    goal: '',
    recipient: '',
    owner_id: initiative.owner_id,
    owner_person: '',
    measured_by: '',
    kind: 'kvantitativ',
    category: 'frigjord_tid',
    confidence: 'gul',
    indicator: '',
    unit: '',
    method: '',
    source: '',
    baseline: null,
    baseline_date: '',
    target: null,
    target_date: '',
    measurement_dates: [],
    value_low: null,
    value_base: null,
    value_high: null,
    price_year: null,
    prerequisites: '',
    risks: '',
    measurements: [],
    approved_by: '',
    approved_date: '',
    version: 1,
    decided_action: '',
    decided_action_date: '',
    decided_action_by: '',
  };
}

/**
 * The plan's approval (fastställd: when and by whom), on the initiative. Riktlinjen, "Realisera och följa upp nytta
 * och effekter": benefits are followed up against an approved plan, so measurements count, and the initiative can be
 * evaluated, only once it is approved. Saved on its own, as a change of the initiative.
 */
function planApprovalPanel(ctx, initiative, onSaved) {
  const form = createForm({ entity: 'initiative', record: initiative });
  const summary = h('div', { class: 'form-summary', role: 'alert' });
  const save = saveHandler({
    form,
    summary,
    persist: (record) => ctx.save('initiative', record),
    onSaved,
    showError: ctx.showError,
  });
  const approved = initiative.benefits_plan_approved_date && initiative.benefits_plan_approved_by;
  replace(
    form.element,
    summary,
    h('p', { class: approved ? 'banner progress-on_track' : 'banner progress-at_risk', id: 'plan-approval-status' },
      approved
        ? t('benefit.plan_approved', { date: initiative.benefits_plan_approved_date, by: initiative.benefits_plan_approved_by })
        : t('benefit.plan_not_approved')),
    h(
      'div',
      { class: 'grid' },
      form.field('benefits_plan_approved_date', form.text('benefits_plan_approved_date', { placeholder: '2027-02-20', maxlength: textLimit('date') }), { label: t('benefit.plan_approved_date') }),
      form.field('benefits_plan_approved_by', form.text('benefits_plan_approved_by', { maxlength: textLimit('name') }), { label: t('benefit.plan_approved_by') }),
    ),
    formActions({ onSave: save, saveLabel: t('benefit.plan_save') }),
  );
  return h(
    'section',
    { class: 'plan-approval', 'aria-labelledby': 'plan-approval-title' },
    h('h2', { id: 'plan-approval-title' }, t('benefit.plan_approval')),
    form.element,
  );
}

/** The latest drawing of the plan: one that finishes after a newer one, or after the user left, draws nothing. */
let latestDrawing = 0;

export async function renderBenefits(main, ctx, initiativeId, selectedId = null) {
  const initiative = ctx.index.initiatives.get(initiativeId);
  if (!initiative) {
    ctx.navigate('#/initiativ');
    return;
  }
  const drawing = ++latestDrawing;
  const shownAt = location.hash;
  const benefits = (ctx.data.benefits ?? []).filter((b) => b.initiative_id === initiativeId);
  const statuses = new Map((await ctx.benefitStatuses(initiativeId)).map(([id, status]) => [id, status]));
  if (drawing !== latestDrawing || location.hash !== shownAt) return;
  const selected = selectedId === 'new' ? null : benefits.find((b) => b.id === selectedId) ?? benefits[0] ?? null;
  const show = (id) => renderBenefits(main, ctx, initiativeId, id);
  const list = benefitList(benefits, statuses, selectedId === 'new' ? null : selected?.id, show);

  const record = selectedId === 'new' || !selected ? emptyBenefit(initiative) : selected;
  const form = createForm({ entity: 'benefit', record });
  ctx.setForm(form);
  const status = selected && selectedId !== 'new' ? statuses.get(selected.id) : null;
  const editor = h('section', { class: 'editor benefit-editor', 'aria-labelledby': 'benefit-title' });
  replace(
    editor,
    h('h2', { id: 'benefit-title' }, record.id ? record.name : t('benefit.new_title')),
    benefitForm(ctx, initiative, form, record, status ? { ...status, unit: selected.unit } : null, show),
    record.id ? historyPanel(ctx, 'benefit', record.id) : null,
  );
  const total = benefits.reduce((sum, b) => sum + (b.value_base ?? 0), 0);
  const calculation = appraisalPanel(ctx, initiative, total);
  replace(
    main,
    h('p', { class: 'breadcrumb' }, h('a', { href: `#/initiativ/${initiative.id}` }, `${initiative.case_number} ${initiative.title}`)),
    h(
      'header',
      { class: 'view-header' },
      h('h1', {}, t('benefit.title')),
      h(
        'div',
        { class: 'view-actions' },
        h('button', { type: 'button', id: 'export-benefits', title: t('benefit.export_hint'), onclick: () => ctx.exportSheet('benefits') }, t('benefit.export')),
        h('button', { type: 'button', id: 'import-benefits', onclick: () => ctx.navigate('#/import/benefits') }, t('import.from_sheet')),
        h('button', { type: 'button', class: 'primary', onclick: () => show('new') }, t('benefit.new')),
      ),
    ),
    h('p', { class: 'lead' }, t('benefit.intro', { title: initiative.title })),
    h(
      'div',
      { class: 'benefit-split' },
      h(
        'section',
        { class: 'benefit-overview', 'aria-label': t('benefit.list') },
        planApprovalPanel(ctx, initiative, () => renderBenefits(main, ctx, initiativeId, selectedId)),
        benefits.length ? list : h('p', { class: 'muted' }, t('benefit.none')),
        total ? h('p', { class: 'summary' }, t('benefit.total', { value: formatMoney(total, { decimals: false }) })) : null,
        calculation,
      ),
      editor,
    ),
  );
}

/** The initiative's benefits with their progress and base value; `show(id)` opens one. */
function benefitList(benefits, statuses, selectedId, show) {
  return h(
    'ul',
    { class: 'benefit-list' },
    benefits.map((b) => {
      const status = statuses.get(b.id);
      return h(
        'li',
        { class: b.id === selectedId ? 'selected' : '' },
        h('button', { type: 'button', class: 'link-like', onclick: () => show(b.id) }, b.name),
        h('span', { class: 'muted' }, ` ${term('benefit_category', b.category)}`),
        h('span', { class: `badge progress-${status?.progress ?? 'none'}` }, t(`benefit.progress_${status?.progress ?? 'none'}`)),
        b.value_base !== null ? h('span', { class: 'muted nowrap' }, ` ${formatMoney(b.value_base, { decimals: false })}/${t('benefit.year')}`) : null,
        status?.progress === 'off_track'
          ? h('p', { class: 'decided-action' }, b.decided_action
              ? t('benefit.action_recorded', { date: b.decided_action_date, by: b.decided_action_by, action: b.decided_action })
              : t('benefit.action_missing'))
          : null,
      );
    }),
  );
}

/** The benefit's form: its status, every field, the measurements with their chart, and save or delete. */
function benefitForm(ctx, initiative, form, record, status, show) {
  const summary = h('div', { class: 'form-summary', role: 'alert' });
  const save = saveHandler({
    form,
    summary,
    persist: (benefit) => ctx.save('benefit', benefit),
    onSaved: (id) => show(id),
    showError: ctx.showError,
  });
  // The customer side: the owner or a customer, never the delivering provider's organisation (the engine refuses it).
  const provider = (ctx.data.providers ?? []).find((p) => p.id === initiative.provider_id);
  const owners = [initiative.owner_id, ...initiative.customer_ids]
    .filter((id, i, all) => id !== null && all.indexOf(id) === i && (id !== provider?.organisation_id || id === record.owner_id))
    .map((id) => ({ key: id, label: ctx.index.organisations.get(id)?.name ?? String(id) }));
  const measurements = measurementsEditor(form);
  replace(
    form.element,
    summary,
    status
      ? h('p', { class: `banner progress-${status.progress}` }, t(`benefit.status_${status.progress}`, { date: status.date, measured: formatNumber(status.measured, 3, { trim: true }), expected: formatNumber(status.expected, 1, { trim: true }), unit: status.unit }))
      : null,
    describingFields(form, owners),
    indicatorFields(form),
    valueFields(form),
    measurements.box,
    measurements.chart,
    actionFields(form, status),
    h(
      'div',
      { class: 'grid' },
      form.field('approved_by', form.text('approved_by'), { label: t('benefit.approved_by') }),
      form.field('approved_date', form.text('approved_date', { placeholder: '2026-02-20', maxlength: textLimit('date') }), { label: t('benefit.approved_date') }),
      form.field('version', form.number('version', { min: 1, max: 999 }), { label: t('benefit.version') }),
    ),
    formActions({
      onSave: save,
      onDelete: record.id
        ? async () => {
            if (await ctx.remove('benefit', record.id, record.name)) show(null);
          }
        : null,
    }),
  );
  measurements.render();
  form.element.addEventListener('change', () => replace(measurements.chart, benefitChart(form.draft)));
  return form.element;
}

/**
 * The owning board's decided action when the benefit is off track after follow-up (riktlinjen, "Realisera och följa
 * upp nytta och effekter": the board "fatta beslut om åtgärder"): what, when and by whom.
 */
function actionFields(form, status) {
  return h(
    'fieldset',
    { class: `decided-action-fields${status?.progress === 'off_track' ? ' attention' : ''}` },
    h('legend', {}, t('benefit.action_title')),
    h('p', { class: 'hint' }, t('benefit.action_hint')),
    h(
      'div',
      { class: 'grid' },
      form.field('decided_action', form.text('decided_action', { multiline: true, rows: 2 }), { label: t('benefit.decided_action'), wide: true }),
      form.field('decided_action_date', form.text('decided_action_date', { placeholder: '2027-03-15', maxlength: textLimit('date') }), { label: t('benefit.decided_action_date') }),
      form.field('decided_action_by', form.text('decided_action_by', { maxlength: textLimit('name') }), { label: t('benefit.decided_action_by') }),
    ),
  );
}

/** What the benefit is, whose it is and how sure it is. */
function describingFields(form, owners) {
  return [
    h(
      'div',
      { class: 'grid' },
      form.field('name', form.text('name', { maxlength: textLimit('name') }), { label: t('benefit.name'), wide: true }),
      form.field('kind', form.select('kind', terms('benefit_kind')), { label: t('benefit.kind') }),
      form.field('category', form.select('category', terms('benefit_category')), { label: t('benefit.category') }),
      form.field('owner_id', form.select('owner_id', owners, { empty: t('benefit.no_owner'), numeric: true }), { label: t('benefit.owner'), hint: t('benefit.owner_hint') }),
      form.field('owner_person', form.text('owner_person'), { label: t('benefit.owner_person') }),
      form.field('confidence', form.select('confidence', terms('confidence')), { label: t('benefit.confidence') }),
      form.field('measured_by', form.text('measured_by'), { label: t('benefit.measured_by') }),
      form.field('recipient', form.text('recipient'), { label: t('benefit.recipient') }),
      form.field('goal', form.text('goal'), { label: t('benefit.goal') }),
    ),
    form.field('description', form.text('description', { multiline: true, rows: 2 }), { label: t('benefit.description'), wide: true }),
  ];
}

/** The indicator: baseline and target with their dates, method and source. */
function indicatorFields(form) {
  return [
    h('h3', {}, t('benefit.indicator_title')),
    h(
      'div',
      { class: 'grid' },
      form.field('indicator', form.text('indicator'), { label: t('benefit.indicator') }),
      form.field('unit', form.text('unit'), { label: t('benefit.unit') }),
      form.field('baseline', form.decimal('baseline', { optional: true }), { label: t('benefit.baseline') }),
      form.field('baseline_date', form.text('baseline_date', { placeholder: '2026-01-31', maxlength: textLimit('date') }), { label: t('benefit.baseline_date') }),
      form.field('target', form.decimal('target', { optional: true }), { label: t('benefit.target') }),
      form.field('target_date', form.text('target_date', { placeholder: '2027-12-31', maxlength: textLimit('date') }), { label: t('benefit.target_date') }),
      form.field('method', form.text('method'), { label: t('benefit.method') }),
      form.field('source', form.text('source'), { label: t('benefit.source') }),
    ),
  ];
}

/** The value in kronor (low, base, high, price level), prerequisites and risks. */
function valueFields(form) {
  return [
    h('h3', {}, t('benefit.value_title')),
    h(
      'div',
      { class: 'grid' },
      form.field('value_low', form.money('value_low', { optional: true }), { label: t('benefit.value_low') }),
      form.field('value_base', form.money('value_base', { optional: true }), { label: t('benefit.value_base') }),
      form.field('value_high', form.money('value_high', { optional: true }), { label: t('benefit.value_high') }),
      form.field('price_year', form.number('price_year', { min: 2000, max: 2100 }), { label: t('benefit.price_year') }),
    ),
    form.field('prerequisites', form.text('prerequisites', { multiline: true, rows: 2 }), { label: t('benefit.prerequisites'), wide: true }),
    form.field('risks', form.text('risks', { multiline: true, rows: 2 }), { label: t('benefit.risks'), wide: true }),
  ];
}

/** The measurements table and the chart drawn from them; `render` redraws both. */
function measurementsEditor(form) {
  const draft = form.draft;
  const box = h('div', { class: 'measurements' });
  const chart = h('div');
  const labelled = (control, label) => {
    control.setAttribute('aria-label', label);
    return control;
  };
  const render = () => {
    replace(
      box,
      h('h3', {}, t('benefit.measurements')),
      draft.measurements.length
        ? h(
            'table',
            { class: 'costs' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('benefit.measured_date')), h('th', { scope: 'col' }, `${t('benefit.measured_value')}${draft.unit ? ` (${draft.unit})` : ''}`), h('th', { scope: 'col' }, t('benefit.measured_comment')), h('th'))),
            h(
              'tbody',
              {},
              draft.measurements.map((m, i) =>
                h(
                  'tr',
                  {},
                  h('td', { dataset: { field: `measurements[${i}].date` } }, labelled(form.text(`measurements[${i}].date`, { placeholder: '2027-06-30', maxlength: textLimit('date') }), t('benefit.measured_date')), h('p', { class: 'field-message', role: 'status' })),
                  h('td', { dataset: { field: `measurements[${i}].value` } }, labelled(form.decimal(`measurements[${i}].value`), t('benefit.measured_value')), h('p', { class: 'field-message', role: 'status' })),
                  h('td', {}, labelled(form.text(`measurements[${i}].comment`), t('benefit.measured_comment'))),
                  h('td', {}, h('button', { type: 'button', class: 'quiet', 'aria-label': t('benefit.remove_measurement', { date: m.date }), onclick: () => { draft.measurements.splice(i, 1); form.changed('measurements'); render(); } }, '×')),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, t('benefit.no_measurements')),
      h('button', { type: 'button', onclick: () => { draft.measurements.push({ date: '', value: null, comment: '' }); form.changed('measurements'); render(); box.querySelector('tbody tr:last-child input')?.focus(); } }, t('benefit.add_measurement')),
    );
    replace(chart, benefitChart(draft));
  };
  return { box, chart, render };
}
