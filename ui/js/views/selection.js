// Selection under budget frames: a scenario's frames and rules, the proven-optimal selection of initiatives and
// shared services next to the ranking-by-ratio pick, how the frames are used, the services left out with the
// customers they affect, and the efficient frontier.

import { ask } from '../ask.js';
import { lineChart } from '../charts.js';
import { h, replace } from '../dom.js';
import { budgetSection } from './budget.js';
import { compareText, formatMoney, formatNumber, formatPercent } from '../format.js';
import { fieldLabel, t, textLimit } from '../i18n.js';
import { describeItem, itemsOfSet } from '../items-logic.js';
import { createForm, formActions, saveHandler } from './form.js';

function newScenario(ctx) {
  const set = ctx.data.criteria_sets[0];
  const years = set ? Array.from({ length: set.period_end - set.period_start + 1 }, (_, i) => set.period_start + i) : [];
  return {
    id: 0,
    set_id: set?.id ?? null,
    name: t('selection.new_name'),
    frames: years.map((year) => ({ year, development: 0, management: 0 })),
    forced_in: [],
    forced_out: [],
    dependencies: [],
    exclusions: [],
  };
}

export function renderSelection(main, ctx, view) {
  const scenarios = [...ctx.data.scenarios].sort((a, b) => compareText(a.name, b.name));
  const chosen = view.scenarioId === 0 ? null : scenarios.find((s) => s.id === view.scenarioId) ?? scenarios[0] ?? null;
  const creating = view.scenarioId === 0 || !chosen;
  // Each scenario's last result is kept while the portfolio is as it was when it was computed (any saved change
  // reloads the data, and a result from before it is not shown as current).
  view.results ??= new Map();
  const kept = (id) => {
    const entry = view.results.get(id);
    return entry && entry.data === ctx.data ? entry.result : null;
  };
  const show = (scenarioId) => {
    view.scenarioId = scenarioId;
    renderSelection(main, ctx, view);
  };
  const header = selectionHeader(scenarios, chosen, creating, show);
  if (!ctx.data.criteria_sets.length) {
    replace(main, header, h('p', {}, t('prio.no_sets')));
    return;
  }
  const form = createForm({ entity: 'scenario', record: creating ? newScenario(ctx) : chosen });
  ctx.setForm(form);
  const summary = h('div', { class: 'form-summary', role: 'alert' });
  /** What the scenario form's parts share; `render` redraws it after rows are added or removed. */
  const editor = {
    ctx,
    form,
    draft: form.draft,
    summary,
    save: saveHandler({ form, summary, persist: (record) => ctx.save('scenario', record), onSaved: show, showError: ctx.showError }),
    remove: creating
      ? null
      : async () => {
          if (await ctx.remove('scenario', chosen.id, chosen.name)) {
            form.markClean();
            view.scenarioId = null;
            renderSelection(main, ctx, view);
          }
        },
    render: () => renderScenarioForm(editor),
  };
  const results = h('section', { class: 'results', id: 'selection-results', 'aria-live': 'polite' });
  editor.render();

  const run = h('button', { type: 'button', class: 'primary', id: 'run-selection', disabled: creating }, t('selection.run'));
  run.addEventListener('click', async () => {
    if (form.dirty && !(await ask(t('common.unsaved'), { confirm: t('ask.leave') }))) return;
    run.disabled = true;
    const running = h('p', { class: 'muted', id: 'selection-running' }, t('selection.running'));
    replace(results, running);
    // A solve of many candidates can take tens of seconds: after the first, say how far it has come.
    const watch = setInterval(async () => {
      const now = await ctx.selectionProgress();
      if (now && now.seconds >= 1 && running.isConnected) {
        const key = now.frontier_points > 0 ? 'selection.progress_frontier' : 'selection.progress';
        running.textContent = t(key, { seconds: formatNumber(Math.floor(now.seconds)), nodes: formatNumber(now.nodes), points: now.frontier_points });
      }
    }, 500);
    try {
      const result = await ctx.selection(chosen.id);
      view.results.set(chosen.id, { result, data: ctx.data });
      renderResults(results, ctx, chosen, result);
    } catch (error) {
      replace(results);
      ctx.showError(error);
    } finally {
      clearInterval(watch);
      run.disabled = false;
    }
  });

  const details = h(
    'details',
    { class: 'scenario-editor', open: creating },
    h('summary', {}, t('selection.edit')),
    form.element,
  );
  header.append(run);
  replace(main, header, results, creating ? null : budgetSection(ctx, chosen, view), details);
  const last = chosen ? kept(chosen.id) : null;
  if (last) renderResults(results, ctx, chosen, last);
}

/** The title, the scenario picker and "new scenario"; `show(id)` opens a scenario (0: a new one). */
function selectionHeader(scenarios, chosen, creating, show) {
  const picker = h(
    'select',
    { id: 'scenario-picker', onchange: () => show(Number(picker.value)) },
    scenarios.map((s) => h('option', { value: String(s.id), selected: s.id === chosen?.id && !creating }, s.name)),
  );
  return h(
    'header',
    { class: 'view-header' },
    h('h1', {}, t('selection.title')),
    scenarios.length ? h('div', { class: 'filter' }, h('label', { for: 'scenario-picker' }, t('selection.scenario')), picker) : null,
    h('button', { type: 'button', onclick: () => show(0) }, t('selection.new')),
  );
}

/** The initiatives and services of the scenario's criteria set, as options keyed by their item text. */
function setItems({ ctx, draft }) {
  const set = ctx.data.criteria_sets.find((s) => s.id === draft.set_id);
  return itemsOfSet(set, ctx.index, compareText).map((item) => ({
    key: item.key,
    label: item.kind === 'service' ? `${t('item.kind.service')}: ${item.label}` : `${item.label} ${item.title}`,
  }));
}

/** The scenario: name and set, frames per year, items always or never included, and pair rules. */
function renderScenarioForm(editor) {
  const { ctx, form, draft, summary, render } = editor;
  replace(
    form.element,
    summary,
    h(
      'section',
      { class: 'form-section' },
      h(
        'div',
        { class: 'grid' },
        form.field('name', form.text('name', { maxlength: textLimit('name') })),
        form.field('set_id', form.select('set_id', ctx.data.criteria_sets.map((s) => ({ key: s.id, label: s.name })), { numeric: true, onSelect: () => render() })),
      ),
      h('h3', {}, t('selection.frames')),
      framesTable(editor),
      h('h3', {}, t('selection.rules')),
      h(
        'div',
        { class: 'grid' },
        form.checklist('forced_in', setItems(editor), { legend: t('selection.forced_in') }),
        form.checklist('forced_out', setItems(editor), { legend: t('selection.forced_out') }),
      ),
      pairRows(editor, draft.dependencies, 'dependencies', 'item', 'requires', t('selection.requires')),
      pairRows(editor, draft.exclusions, 'exclusions', 'a', 'b', t('selection.excludes')),
    ),
    formActions({ onSave: editor.save, onDelete: editor.remove }),
  );
}

/** Development and management frames per year; years can be added and the last one removed. */
function framesTable({ form, draft, render }) {
  return [
    h(
      'table',
      { class: 'costs', dataset: { field: 'frames' } },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, fieldLabel('scenario', 'year')), h('th', { scope: 'col' }, fieldLabel('scenario', 'development')), h('th', { scope: 'col' }, fieldLabel('scenario', 'management')), h('th'))),
      h(
        'tbody',
        {},
        draft.frames.map((frame, i) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, String(frame.year)),
            h('td', {}, h('div', { dataset: { field: `frames[${i}].development` } }, form.money(`frames[${i}].development`, { label: `${fieldLabel('scenario', 'development')} ${frame.year}` }), h('p', { class: 'field-message', role: 'status' }))),
            h('td', {}, h('div', { dataset: { field: `frames[${i}].management` } }, form.money(`frames[${i}].management`, { label: `${fieldLabel('scenario', 'management')} ${frame.year}` }), h('p', { class: 'field-message', role: 'status' }))),
            h('td', {}, i === draft.frames.length - 1 && draft.frames.length > 1 ? h('button', { type: 'button', class: 'quiet', onclick: () => { draft.frames.pop(); form.changed('frames'); render(); } }, t('initiative.remove_year', { year: frame.year })) : null),
          ),
        ),
      ),
    ),
    h('button', {
      type: 'button',
      onclick: () => {
        const last = draft.frames.at(-1)?.year ?? new Date().getFullYear();
        draft.frames.push({ year: draft.frames.length ? last + 1 : last, development: 0, management: 0 });
        form.changed('frames');
        render();
      },
    }, t('selection.add_year')),
  ];
}

/** Rules between two items (requires, excludes), one row each. */
function pairRows(editor, list, field, first, second, word) {
  const { form, render } = editor;
  const options = setItems(editor);
  return h(
    'div',
    { class: 'pairs-editor', dataset: { field } },
    h('h3', {}, fieldLabel('scenario', field)),
    h('p', { class: 'field-message', role: 'status' }),
    list.map((_, i) =>
      h(
        'div',
        { class: 'pair-row', dataset: { field: `${field}[${i}]` } },
        form.select(`${field}[${i}].${first}`, options),
        h('span', {}, word),
        form.select(`${field}[${i}].${second}`, options),
        h('button', { type: 'button', class: 'quiet danger-text', onclick: () => { list.splice(i, 1); form.changed(field); render(); } }, t('criteria.remove')),
        h('p', { class: 'field-message', role: 'status' }),
      ),
    ),
    options.length >= 2
      ? h('button', {
          type: 'button',
          onclick: () => {
            list.push({ [first]: options[0].key, [second]: options[1].key });
            form.changed(field);
            render();
          },
        }, t('selection.add_rule'))
      : null,
  );
}

/** The services the selection leaves out: a proposal to reduce or phase them out, with the customers affected. */
function servicesLeftOut(result, label) {
  const left = result.services_left_out ?? [];
  if (!left.length) return null;
  return h(
    'section',
    { class: 'services-left-out', id: 'services-left-out' },
    h('h3', {}, t('selection.services_left_out')),
    h('p', { class: 'muted' }, t('selection.services_left_out_help')),
    h(
      'ul',
      {},
      left.map((s) =>
        h(
          'li',
          { dataset: { item: s.item } },
          h('strong', {}, label(s.item)),
          ': ',
          s.customers.length ? t('selection.affects', { list: s.customers.join(', ') }) : t('selection.no_customers_recorded'),
        ),
      ),
    ),
  );
}

/** A frame as the engine sends it ({year, kind}): "2027 utveckling". */
function frameLabel(frame) {
  return `${frame.year} ${frame.kind === 'development' ? t('selection.development') : t('selection.management')}`;
}

function renderResults(results, ctx, scenario, result) {
  const { optimal, greedy, proven_optimal: proven } = result.comparison;
  const item = (key) => describeItem(key, ctx.index);
  const label = (key) => item(key)?.label ?? key;
  const list = (keys) => keys.map(label).join(', ');
  const gain = result.comparison.value_gained;
  const current = result.frontier.find((p) => Math.abs(p.factor - 1) < 1e-9);
  replace(
    results,
    h('h2', {}, t('selection.chosen')),
    h('p', { class: proven ? 'proven' : 'warning' }, proven ? t('selection.proven') : t('selection.not_proven')),
    h(
      'p',
      { class: 'muted', id: 'selection-proof' },
      t(`selection.proof_${result.comparison.proof.solver}`, { seconds: formatNumber(result.comparison.proof.seconds, 2), nodes: formatNumber(result.comparison.proof.nodes) }),
      result.comparison.proof.workers > 1 ? ` ${t('selection.proof_workers', { workers: result.comparison.proof.workers })}` : null,
    ),
    h('p', {}, t('selection.total_value', { value: formatNumber(optimal.total_value, 3), count: optimal.chosen.length })),
    h(
      'ul',
      { class: 'chosen-list', id: 'chosen-list' },
      optimal.chosen.map((key) => {
        const chosen = item(key);
        return h(
          'li',
          { dataset: { item: key } },
          h('span', { class: `kind-badge kind-${chosen?.kind}` }, t(`item.kind.${chosen?.kind ?? 'initiative'}`)),
          ' ',
          h('a', { href: chosen?.href ?? '#' }, label(key)),
          chosen?.title ? ` ${chosen.title}` : '',
        );
      }),
    ),
    servicesLeftOut(result, label),
    h('h3', {}, t('selection.usage')),
    h(
      'table',
      { class: 'data usage' },
      h('thead', {}, h('tr', {}, ['col_frame', 'col_used', 'col_limit', 'col_left'].map((k, i) => h('th', { scope: 'col', class: i ? 'numeric' : null }, t(`selection.${k}`))))),
      h(
        'tbody',
        {},
        // The engine's usage of each frame, year by year (used, limit, left).
        result.usage.map((use) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, frameLabel(use.frame)),
            h('td', { class: 'numeric' }, formatMoney(use.used, { decimals: false })),
            h('td', { class: 'numeric' }, formatMoney(use.limit, { decimals: false })),
            h('td', { class: 'numeric' }, formatMoney(use.left, { decimals: false })),
          ),
        ),
      ),
    ),
    h('h3', {}, t('selection.greedy')),
    result.comparison.only_in_optimal.length || result.comparison.only_in_greedy.length
      ? h(
          'ul',
          {},
          h('li', {}, t('selection.only_optimal', { list: list(result.comparison.only_in_optimal) || '–' })),
          h('li', {}, t('selection.only_greedy', { list: list(result.comparison.only_in_greedy) || '–' })),
          h('li', {}, t('selection.gain', { gain: formatNumber(gain, 3), percent: greedy.total_value > 0 ? formatPercent(gain / greedy.total_value, 1) : '–' })),
        )
      : h('p', {}, t('selection.same')),
    h(
      'figure',
      { class: 'chart-box' },
      h('figcaption', {}, t('selection.frontier_title')),
      lineChart({
        title: t('selection.frontier_title'),
        description: t('selection.frontier_desc'),
        xLabel: t('selection.axis_budget'),
        yLabel: t('ranking.axis_value'),
        formatX: (v) => formatNumber(v, 3, { trim: true }),
        points: result.frontier.map((p) => ({ x: p.budget / 100 / 1e6, y: p.value })),
        current: current ? current.budget / 100 / 1e6 : undefined,
      }),
      frontierNote(result),
    ),
  );
}

// The frontier's points share one time limit (the engine's): the points not proven within it are said, with how
// many there are, so a bend in the curve is not read as a fact.
function frontierNote(result) {
  const unproven = result.frontier.filter((p) => !p.proven_optimal).length;
  if (unproven === 0) return null;
  return h('p', { class: 'muted frontier-unproven' }, t('selection.frontier_unproven', { count: unproven, total: result.frontier.length, limit: result.frontier_seconds }));
}
