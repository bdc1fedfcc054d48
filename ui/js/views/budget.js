// The budget material of a selection scenario (budgetunderlag): the council's decided frames, what the scenario
// prioritises against the proposed or the decided frames, what no longer fits, the lifecycle steps it makes
// possible, and the export of the paper and the sheet for the city executive office. Every figure comes from the
// engine (`budget` command); nothing is summed here.

import { h, replace } from '../dom.js';
import { formatMoney, moneyInputText, parseMoney } from '../format.js';
import { fieldLabel, problemText, t, term, textLimit } from '../i18n.js';

const money = (ore) => formatMoney(ore, { decimals: false });

/** The section under the selection's results: `view.budget` keeps the basis and the last material shown. */
export function budgetSection(ctx, scenario, view) {
  const section = h('section', { class: 'budget', id: 'budget-section', 'aria-labelledby': 'budget-title' });
  if (!scenario) return section;
  view.budget ??= { basis: 'proposed', result: null };
  const state = view.budget;
  const results = h('div', { id: 'budget-results', 'aria-live': 'polite' });
  const show = async (basis) => {
    state.basis = basis;
    replace(results, h('p', { class: 'muted' }, t('selection.running')));
    try {
      state.result = await ctx.budget(scenario.id, basis);
      renderBudget(results, ctx, state.result, () => show(state.basis));
    } catch (error) {
      replace(results);
      ctx.showError(error);
    }
  };
  const exportAs = (format) => ctx.exportBudget(format, scenario.id, state.basis);
  replace(
    section,
    h('h2', { id: 'budget-title' }, t('budget.title')),
    h('p', { class: 'muted' }, t('budget.intro')),
    decidedFrames(ctx),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', id: 'budget-show', onclick: () => show('proposed') }, t('budget.show')),
      h('button', { type: 'button', id: 'budget-rerun', onclick: () => show('decided'), disabled: !(ctx.data.decided_frames ?? []).length }, t('budget.rerun')),
      h('button', { type: 'button', id: 'export-budget-paper', onclick: () => exportAs('pdf') }, t('budget.export_paper')),
      h('button', { type: 'button', id: 'export-budget-sheet', onclick: () => exportAs('xlsx') }, t('budget.export_sheet')),
    ),
    results,
  );
  if (state.result && state.result.scenario_id === scenario.id) renderBudget(results, ctx, state.result, () => show(state.basis));
  return section;
}

/** The council's decided frames, one row per year, and a row to record another. */
function decidedFrames(ctx) {
  const frames = [...(ctx.data.decided_frames ?? [])].sort((a, b) => a.year - b.year);
  const inputs = {
    year: h('input', { id: 'decided-year', type: 'number', min: '2000', max: '2100', value: String(new Date().getFullYear() + 1) }),
    development: h('input', { id: 'decided-development', inputmode: 'decimal' }),
    management: h('input', { id: 'decided-management', inputmode: 'decimal' }),
    // Typed as ÅÅÅÅ-MM-DD like every date in the app, whatever the system's locale (no native date picker).
    decided_on: h('input', { id: 'decided-on', type: 'text', inputmode: 'numeric', maxlength: textLimit('date'), placeholder: 'ÅÅÅÅ-MM-DD', autocomplete: 'off' }),
    reference: h('input', { id: 'decided-reference', maxlength: textLimit('name'), placeholder: 'KF 2026-11-19 § 18' }),
  };
  const edit = (frame) => {
    inputs.year.value = String(frame.year);
    inputs.development.value = moneyInputText(frame.development);
    inputs.management.value = moneyInputText(frame.management);
    inputs.decided_on.value = frame.decided_on;
    inputs.reference.value = frame.reference;
  };
  const message = h('p', { class: 'field-message', role: 'alert', id: 'decided-message' });
  const clearMarks = () => {
    for (const input of Object.values(inputs)) input.removeAttribute('aria-invalid');
  };
  const save = async () => {
    message.textContent = '';
    clearMarks();
    const amounts = {};
    for (const key of ['development', 'management']) {
      const parsed = parseMoney(inputs[key].value);
      if (parsed.error) {
        message.textContent = t('budget.bad_amount', { field: t(`budget.${key}`) });
        inputs[key].setAttribute('aria-invalid', 'true');
        inputs[key].focus();
        return;
      }
      amounts[key] = parsed.ore;
    }
    const year = Number(inputs.year.value);
    const existing = frames.find((f) => f.year === year);
    const record = {
      id: existing?.id ?? 0,
      year,
      ...amounts,
      decided_on: inputs.decided_on.value,
      reference: inputs.reference.value,
      notes: existing?.notes ?? '',
    };
    try {
      await ctx.save('decided_frame', record);
    } catch (error) {
      // The engine's problems beside the form, each field marked; what was typed stays.
      if (error?.code === 'invalid' && error.fields?.length) {
        message.textContent = error.fields.map((p) => `${fieldLabel('decided_frame', p.field)}: ${problemText(p)}`).join(' ');
        for (const problem of error.fields) inputs[problem.field]?.setAttribute('aria-invalid', 'true');
        inputs[error.fields[0].field]?.focus();
        return;
      }
      ctx.showError(error);
      return;
    }
    ctx.navigate(location.hash);
  };
  const label = (key, input) => h('label', { for: input.id }, t(`budget.${key}`));
  return h(
    'details',
    { class: 'decided-frames', open: frames.length > 0 },
    h('summary', {}, t('budget.decided_title')),
    frames.length
      ? h(
          'table',
          { class: 'data', id: 'decided-frames' },
          h('thead', {}, h('tr', {}, ['year', 'development', 'management', 'decided_on', 'reference'].map((k) => h('th', { scope: 'col' }, t(`budget.${k}`))), h('th'))),
          h(
            'tbody',
            {},
            frames.map((f) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, String(f.year)),
                h('td', { class: 'numeric' }, money(f.development)),
                h('td', { class: 'numeric' }, money(f.management)),
                h('td', {}, f.decided_on),
                h('td', {}, f.reference),
                h(
                  'td',
                  {},
                  h('button', { type: 'button', class: 'quiet', onclick: () => edit(f) }, t('budget.edit')),
                  h('button', { type: 'button', class: 'quiet danger-text', onclick: async () => { if (await ctx.remove('decided_frame', f.id, String(f.year))) ctx.navigate(location.hash); } }, t('criteria.remove')),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('budget.no_decided')),
    h(
      'div',
      { class: 'grid decided-form' },
      ...Object.entries(inputs).map(([key, input]) => h('div', { class: 'field' }, label(key, input), input)),
    ),
    message,
    h('button', { type: 'button', id: 'save-decided-frame', onclick: save }, t('budget.save_decided')),
  );
}

function frameName(year, kind) {
  return `${year} ${kind === 'development' ? t('selection.development') : t('selection.management')}`;
}

function itemName(line) {
  return line.reference ? `${line.reference} ${line.name}` : line.name;
}

/** Why a line is not prioritised, in words. */
function reasonText(line) {
  const r = line.reason;
  if (!r) return '';
  // Frames as the engine sends them: {year, kind}.
  const frames = (list) => list.map((f) => frameName(f.year, f.kind)).join(', ');
  const text = {
    excluded: () => t('budget.reason_excluded'),
    requires: () => t('budget.reason_requires', { items: r.items.join(', ') }),
    excludes: () => t('budget.reason_excludes', { items: r.items.join(', ') }),
    does_not_fit: () => t('budget.reason_does_not_fit', { frames: frames(r.frames) }),
    below_the_line: () => (r.frames.length ? t('budget.reason_below_frames', { frames: frames(r.frames) }) : t('budget.reason_below')),
    ineligible: () => ineligibleText(line, r.because),
  }[r.reason]();
  return line.kind === 'service' && r.reason !== 'ineligible' ? `${text}. ${t('budget.service_phase_out')}` : text;
}

/** Why a line cannot be prioritised as it stands (the engine's `NotEligible`), with its state or the decision. */
function ineligibleText(line, because) {
  if (because === 'not_prioritised_by_group' && line.decision) return t('budget.reason_decided_against', { decision: decisionText(line.decision) });
  return t(`budget.reason_${because}`, { state: statusText(line) });
}

/** A decision cited with what it decided: "2026-10-15 § 35: Prioriteras inte". */
function decisionText(decision) {
  if (!decision) return '–';
  const citation = `${decision.date}${decision.paragraph ? ` § ${decision.paragraph}` : ''}`;
  return `${citation}: ${term('decision_outcome', decision.outcome)}`;
}

/** The item's lifecycle state: an initiative's or a service's. */
function statusText(line) {
  if (line.state) return term('initiative_state', line.state);
  if (line.service_state) return term('service_state', line.service_state);
  return '–';
}

/** The material: which frames were used, the frames, what no longer fits, the lifecycle steps, the lines. */
function renderBudget(container, ctx, budget, refresh) {
  const decided = budget.decided.map((d) => `${d.year}: ${d.reference}`).join('; ');
  const used = budget.basis === 'decided' ? t('budget.used_decided', { decided }) : t('budget.used_proposed');
  const chosen = budget.lines.filter((l) => l.chosen);
  const rest = budget.lines.filter((l) => !l.chosen);
  const dropped = budget.lines.filter((l) => l.dropped_by_decided);
  replace(
    container,
    h('p', { id: 'budget-frames-used', class: 'proven' }, used),
    h(
      'table',
      { class: 'data usage', id: 'budget-frames' },
      h('caption', {}, t('budget.frames_caption')),
      h('thead', {}, h('tr', {}, ['frame', 'proposed', 'decided', 'prioritised', 'left', 'gap'].map((k, i) => h('th', { scope: 'col', class: i ? 'numeric' : null }, t(`budget.col_${k}`))))),
      h(
        'tbody',
        {},
        budget.frames.map((f) =>
          h(
            'tr',
            { class: f.cost > f.used || (budget.basis === 'proposed' && f.gap > 0) ? 'over' : null },
            h('th', { scope: 'row' }, frameName(f.year, f.kind)),
            h('td', { class: 'numeric' }, money(f.proposed)),
            h('td', { class: 'numeric' }, f.decided === null ? '–' : money(f.decided)),
            h('td', { class: 'numeric' }, money(f.cost)),
            h('td', { class: 'numeric' }, money(f.left)),
            h('td', { class: 'numeric' }, f.gap > 0 ? money(f.gap) : '–'),
          ),
        ),
      ),
    ),
    budget.no_longer_fits
      ? h(
          'div',
          { class: 'warning', id: 'budget-no-longer-fits', role: 'status' },
          h('p', {}, h('strong', {}, t('budget.no_longer_fits'))),
          h('ul', {}, budget.frames.filter((f) => f.gap > 0).map((f) => h('li', {}, t('budget.gap', { frame: frameName(f.year, f.kind), cost: money(f.proposed_cost), decided: money(f.decided), gap: money(f.gap) })))),
          dropped.length ? h('p', {}, t('budget.would_go')) : null,
          dropped.length ? h('ul', { id: 'budget-would-go' }, dropped.map((l) => h('li', {}, itemName(l)))) : null,
        )
      : budget.decided_years.length
        ? h('p', { id: 'budget-fits' }, t('budget.fits'))
        : null,
    budget.lifecycle.length
      ? h(
          'div',
          { class: 'lifecycle-offer', id: 'budget-lifecycle' },
          h('h3', {}, t('budget.lifecycle_title')),
          h('p', { class: 'muted' }, t('budget.lifecycle_intro')),
          h(
            'ul',
            {},
            budget.lifecycle.map((step) =>
              h(
                'li',
                {},
                `${step.label}: ${term('initiative_state', step.from)} → ${term('initiative_state', step.to)} `,
                h('button', {
                  type: 'button',
                  class: 'quiet',
                  onclick: async () => {
                    await ctx.moveInitiative(step.initiative_id, step.to, '');
                    refresh();
                  },
                }, t('budget.move', { state: term('initiative_state', step.to) })),
              ),
            ),
          ),
        )
      : null,
    materialDecision(budget),
    h('h3', {}, t('budget.prioritised', { count: chosen.length })),
    linesTable('budget-lines', chosen, (l) => [l.funding_model ? term('funding_model', l.funding_model) : '–', decisionText(l.decision)], ['funding', 'decision'], budget),
    fundingTotals(budget),
    organisationTotals(budget),
    h('h3', {}, t('budget.not_prioritised', { count: rest.length })),
    linesTable('budget-rest', rest, (l) => [reasonText(l)], ['reason']),
  );
}

/** The group's decision on this material as a whole, and where today's selection differs from it. */
function materialDecision(budget) {
  const decision = budget.material_decision;
  if (!decision) return h('p', { class: 'muted', id: 'budget-material-decision' }, t('budget.not_decided'));
  const differs = budget.lines.filter((l) => l.decided !== null && l.decided !== l.chosen);
  return h(
    'div',
    { id: 'budget-material-decision' },
    h('p', {}, t('budget.decided_material', { decision: decisionText(decision) })),
    differs.length
      ? h(
          'div',
          { class: 'warning', role: 'status' },
          h('p', {}, t('budget.differs')),
          h('ul', {}, differs.map((l) => h('li', {}, `${itemName(l)}: ${t(l.decided ? 'budget.chosen_then' : 'budget.not_chosen_then')}`))),
        )
      : null,
  );
}

/** Per year and funding model, what the prioritised items cost and who pays (the engine's `by_funding`). */
function fundingTotals(budget) {
  if (!budget.by_funding.length) return null;
  return h(
    'table',
    { class: 'data', id: 'budget-by-funding' },
    h('caption', {}, t('budget.by_funding_caption')),
    h('thead', {}, h('tr', {}, ['year', 'funding', 'payer', 'development', 'management'].map((k, i) => h('th', { scope: 'col', class: i > 2 ? 'numeric' : null }, t(`budget.col_${k}`))))),
    h(
      'tbody',
      {},
      budget.by_funding.map((row) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, String(row.year)),
          h('td', {}, row.funding_model ? term('funding_model', row.funding_model) : t('budget.no_funding')),
          h('td', {}, t(`budget.payer_${row.payer}`)),
          h('td', { class: 'numeric' }, money(row.development)),
          h('td', { class: 'numeric' }, money(row.management)),
        ),
      ),
    ),
  );
}

/** What each board and company pays per year (the engine's `by_organisation`), and what has no funding case. */
function organisationTotals(budget) {
  if (!budget.by_organisation.length && !budget.without_case.length) return null;
  const yearCells = (pairs) => pairs.map(([, amount]) => h('td', { class: 'numeric' }, money(amount)));
  const rows = [];
  for (const o of budget.by_organisation) {
    rows.push(h('tr', {}, h('th', { scope: 'row' }, o.organisation), ...yearCells(o.pays)));
    if (o.frame_transfer.some(([, amount]) => amount !== 0)) {
      rows.push(h('tr', { class: 'muted' }, h('th', { scope: 'row' }, t('budget.frame_transfer_of', { name: o.organisation })), ...yearCells(o.frame_transfer)));
    }
  }
  if (budget.not_split.length) {
    rows.push(h('tr', { class: 'total' }, h('th', { scope: 'row' }, t('budget.not_split')), ...budget.not_split.map((y) => h('td', { class: 'numeric' }, money(y.development + y.management)))));
  }
  return h(
    'div',
    {},
    h(
      'table',
      { class: 'data', id: 'budget-by-organisation' },
      h('caption', {}, t('budget.by_organisation_caption')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('budget.col_organisation')), ...budget.years.map((y) => h('th', { scope: 'col', class: 'numeric' }, String(y))))),
      h('tbody', {}, rows),
    ),
    budget.without_case.length ? h('p', { class: 'muted' }, t('budget.without_case', { items: budget.without_case.join(', ') })) : null,
  );
}

function linesTable(id, lines, extra, extraKeys, budget = null) {
  return h(
    'table',
    { class: 'data', id },
    h('thead', {}, h('tr', {}, ['rank', 'item', 'kind', 'status', 'development', 'management', ...extraKeys].map((k) => h('th', { scope: 'col', class: ['rank', 'development', 'management'].includes(k) ? 'numeric' : null }, t(`budget.col_${k}`))))),
    h(
      'tbody',
      {},
      lines.map((l) =>
        h(
          'tr',
          { dataset: { candidate: l.candidate } },
          h('td', { class: 'numeric' }, l.tied ? `${l.rank} (${t('ranking.tie')})` : String(l.rank)),
          h('th', { scope: 'row' }, l.kind === 'initiative' ? h('a', { href: `#/initiativ/${l.id}` }, itemName(l)) : itemName(l)),
          h('td', {}, t(`budget.kind_${l.kind}`)),
          h('td', { class: 'status' }, statusText(l)),
          h('td', { class: 'numeric' }, money(l.development)),
          h('td', { class: 'numeric' }, money(l.management)),
          ...extra(l).map((text) => h('td', {}, text)),
        ),
      ),
    ),
    budget
      ? h('tfoot', {}, h('tr', {}, h('td'), h('th', { scope: 'row' }, t('budget.total')), h('td'), h('td'), h('td', { class: 'numeric' }, money(budget.total_development)), h('td', { class: 'numeric' }, money(budget.total_management)), ...extraKeys.map(() => h('td'))))
      : null,
  );
}
