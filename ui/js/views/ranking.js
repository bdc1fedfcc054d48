// The ranking of a criteria set: weights and their source, the ranked table of initiatives and shared services
// (each marked, filterable by kind) with gates, value per million kronor and sensitivity, what-if weight sliders
// that re-rank live, and the charts.

import { barChart, bubbleChart } from '../charts.js';
import { h, replace } from '../dom.js';
import { formatMoney, formatNumber, formatPercent } from '../format.js';
import { t } from '../i18n.js';
import { describeItem, filterByKind } from '../items-logic.js';
import { currentSet, setPicker } from './set-picker.js';

const percent = (share) => formatPercent(share, 1);
const decimal = (value, digits = 3) => formatNumber(value, digits);

export async function renderRanking(main, ctx, view) {
  const set = currentSet(ctx, view);
  const header = h(
    'header',
    { class: 'view-header' },
    h('h1', {}, t('ranking.title')),
    set
      ? h(
          'div',
          { class: 'filters' },
          setPicker(ctx, view, () => { view.weights = null; renderRanking(main, ctx, view); }),
          kindFilter(view, () => renderRanking(main, ctx, view)),
        )
      : null,
    set ? h('div', { class: 'view-actions' }, h('button', { type: 'button', id: 'export-ranking', onclick: () => ctx.exportSheet('ranking', null, { setId: set.id }) }, t('ranking.export'))) : null,
  );
  if (!set) {
    replace(main, header, h('p', {}, t('prio.no_sets')));
    return;
  }
  /** The view's parts and what its sections look up. */
  const ranking = {
    main,
    ctx,
    view,
    set,
    info: h('div', { class: 'weights-info' }),
    table: h('div', { class: 'table-wrap' }),
    charts: h('div', { class: 'charts' }),
    criterionName: (id) => set.criteria.find((c) => c.id === id)?.name ?? '',
    item: (key) => describeItem(key, ctx.index),
  };
  const sliders = h('div', { class: 'sliders' });
  const whatif = h('details', { class: 'whatif', open: view.weights !== null }, h('summary', {}, t('ranking.whatif')), h('p', { class: 'muted' }, t('ranking.whatif_help')), sliders);
  replace(main, header, ranking.info, whatif, ranking.table, h('h2', { class: 'section-title' }, t('ranking.charts')), ranking.charts);

  let assessment;
  try {
    assessment = await ctx.assessment(set.id, view.weights);
  } catch (error) {
    ctx.showError(error);
    return;
  }
  replace(sliders, whatIfSliders(ranking, view.weights ?? assessment.weights));
  showAssessment(ranking, assessment);
}

/** Initiatives, services or both: the ranks stay those of the whole set. */
function kindFilter(view, rerender) {
  const select = h(
    'select',
    { id: 'ranking-kind', onchange: () => { view.kind = select.value; rerender(); } },
    h('option', { value: '', selected: !view.kind }, t('item.kind.all')),
    h('option', { value: 'initiative', selected: view.kind === 'initiative' }, t('item.kind.initiatives')),
    h('option', { value: 'service', selected: view.kind === 'service' }, t('item.kind.services')),
  );
  return h('div', { class: 'filter' }, h('label', { for: 'ranking-kind' }, t('item.kind.label')), select);
}

/** Shows one assessment in every section; rows of the other kind are left out when a kind is chosen. */
function showAssessment(ranking, a) {
  const shown = { ...a, rows: filterByKind(a.rows, ranking.view.kind ?? ''), allRows: a.rows };
  renderInfo(ranking, a);
  renderTable(ranking, shown);
  renderCharts(ranking, shown);
}

/** Where the weights come from, the weights, and the pairwise comparisons' consistency. */
function renderInfo({ info, set, criterionName }, a) {
  const sources = {
    direct: t('ranking.source_direct'),
    pairwise: t('ranking.source_pairwise', { count: a.pairwise.members.filter((m) => m.judged === m.pairs).length }),
    direct_fallback: t('ranking.source_direct_fallback'),
    override: t('ranking.source_override'),
  };
  const combined = a.pairwise.combined;
  replace(
    info,
    h('p', {}, t('ranking.weights_from', { source: sources[a.weight_source] })),
    h('ul', { class: 'weight-list' }, set.criteria.map((c, i) => h('li', {}, h('span', { class: 'share' }, percent(a.weights[i])), ' ', c.name))),
    combined && a.weight_source === 'pairwise'
      ? h(
          'p',
          { class: combined.acceptable ? 'muted' : 'warning' },
          t('ranking.cr', { cr: decimal(combined.cr) }),
          combined.acceptable ? '' : ` ${t('ranking.cr_warning')}`,
          !combined.acceptable && combined.most_inconsistent.length
            ? ` ${t('ranking.inconsistent', {
                list: combined.most_inconsistent
                  .map((j) => t('ranking.judgement', { a: criterionName(j.a), b: criterionName(j.b), given: decimal(j.given, 2), suggested: saaty(j.suggested) }))
                  .join('; '),
              })}`
            : '',
        )
      : null,
  );
}

/** The ranked table; clicking a row selects its initiative or service in the charts. */
function renderTable(ranking, a) {
  const { table } = ranking;
  const best = Math.max(...a.rows.map((r) => r.value), 1e-9);
  replace(
    table,
    h(
      'table',
      { class: 'data ranking', id: 'ranking-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col', class: 'numeric' }, t('ranking.col_rank')),
          h('th', { scope: 'col' }, t('criteria.col_initiatives')),
          h('th', { scope: 'col' }, t('ranking.col_value')),
          h('th', { scope: 'col', class: 'numeric' }, t('ranking.col_per_million')),
          h('th', { scope: 'col', class: 'numeric' }, t('ranking.col_cost')),
          h('th', { scope: 'col' }, t('ranking.col_gates')),
          h('th', { scope: 'col' }, t('ranking.col_sensitivity')),
        ),
      ),
      h('tbody', {}, a.rows.map((row) => rankingRow(ranking, a, row, best))),
    ),
  );
  // Bar widths are set from data, not from inline styles (the CSP forbids those).
  for (const bar of table.querySelectorAll('.value-bar')) bar.style.setProperty('--share', bar.dataset.share);
}

/** A row of the ranked table: an initiative or a service, marked with its kind. */
function rankingRow(ranking, a, row, best) {
  const { view, set } = ranking;
  const item = ranking.item(row.item);
  const tr = h(
    'tr',
    { class: `clickable${view.selected === row.item ? ' selected' : ''}`, dataset: { item: row.item, kind: item.kind } },
    h('td', { class: 'numeric nowrap' }, row.tied ? `${row.rank} (${t('ranking.tie')})` : String(row.rank)),
    h(
      'td',
      {},
      h('span', { class: `kind-badge kind-${item.kind}` }, t(`item.kind.${item.kind}`)),
      ' ',
      h('a', { href: item.href, class: 'nowrap' }, item.label),
      item.title ? ` ${item.title}` : '',
      row.mandatory ? h('span', { class: 'badge' }, t('ranking.mandatory')) : null,
      row.complete ? null : h('span', { class: 'badge muted-badge' }, t('ranking.incomplete')),
    ),
    h(
      'td',
      { class: 'value-cell' },
      h('span', { class: 'value-bar', dataset: { share: String(row.value / best) } }),
      h('span', { class: 'value-number' }, decimal(row.value)),
    ),
    h('td', { class: 'numeric' }, row.value_per_million === null ? '–' : decimal(row.value_per_million)),
    h('td', { class: 'numeric nowrap' }, formatMoney(row.development + row.management, { decimals: false })),
    h('td', { class: 'gates' }, set.gates.map((g, gi) => gateMark(g, row.gates[gi]?.passed))),
    h('td', { class: 'sensitivity' }, sensitivityText(ranking, a, row)),
  );
  tr.addEventListener('click', (event) => {
    if (event.target.closest('a')) return;
    select(ranking, a, row.item);
  });
  return tr;
}

/** Selects an initiative or a service: its row is marked and its profile and details are shown. */
function select(ranking, a, key) {
  ranking.view.selected = key;
  renderTable(ranking, a);
  renderCharts(ranking, a);
}

/** How far the weights can move before the row swaps places with the next in the whole ranking, or that it is
 * robust. */
function sensitivityText({ criterionName }, a, row) {
  const k = a.allRows.findIndex((r) => r.item === row.item);
  if (k < 0 || k >= a.sensitivity.length) return '';
  const swap = a.sensitivity[k];
  if (!swap) return t('ranking.robust');
  const digits = Math.abs(swap.change) < 0.001 ? 2 : 1;
  const share = (v) => formatPercent(v, digits);
  return t('ranking.swap', { criterion: criterionName(swap.criterion_id), from: share(swap.weight), to: share(swap.weight_at_swap) });
}

/** One gate's result for a row: passed, failed or unknown. */
function gateMark(gate, passed) {
  const answer = passed === true ? t('criteria.gate_passed') : passed === false ? t('criteria.gate_failed') : t('criteria.gate_unknown');
  // Not being a legal requirement is no failure: show it quietly.
  const quiet = gate.kind === 'lagkrav' && passed !== true;
  const mark = passed === true ? '✓' : passed === false && !quiet ? '✗' : '–';
  return h(
    'span',
    { class: `gate ${quiet ? 'gate-null' : `gate-${passed}`}`, title: `${gate.name}: ${answer}` },
    h('span', { 'aria-hidden': 'true' }, `${mark} `),
    gate.name,
    h('span', { class: 'visually-hidden' }, `: ${answer}`),
  );
}

/** The value–cost bubbles, the selected item's profile and details, and the bars. */
function renderCharts(ranking, a) {
  const { charts, set, view, item } = ranking;
  const name = (key) => { const i = item(key); return i.title ? `${i.label} ${i.title}` : i.label; };
  const risk = set.criteria.find((c) => c.is_risk);
  const bubbles = bubbleChart({
    title: t('ranking.bubble_title'),
    description: t('ranking.bubble_desc'),
    xLabel: t('ranking.axis_cost'),
    yLabel: t('ranking.axis_value'),
    formatX: (v) => formatNumber(v, 3, { trim: true }),
    points: a.rows.map((row) => ({
      x: (row.development + row.management) / 100 / 1e6,
      y: row.value,
      size: row.risk === null ? null : risk ? (risk.direction === 'lagre_ar_battre' ? row.risk - risk.scale_min : risk.scale_max - row.risk) : null,
      label: `${name(row.item)}: ${decimal(row.value)}`,
      emphasis: row.item === view.selected,
    })),
    onSelect: (index) => select(ranking, a, a.rows[index].item),
  });
  const bars = barChart({
    title: t('ranking.bars_title'),
    description: t('ranking.bars_desc'),
    format: (v) => decimal(v),
    rows: a.rows.map((row) => ({
      label: `${row.rank}. ${item(row.item).title || item(row.item).label}`,
      value: row.value,
      emphasis: row.item === view.selected,
    })),
  });
  const chosen = a.rows.find((r) => r.item === view.selected);
  const profile = chosen
    ? barChart({
        title: t('ranking.profile_title', { name: item(chosen.item).title || item(chosen.item).label }),
        description: t('ranking.profile_desc'),
        format: (v) => percent(v),
        max: 1,
        rows: set.criteria.map((c, i) => ({ label: c.name, value: chosen.cells[i].normalised ?? 0 })),
      })
    : h('p', { class: 'muted' }, t('ranking.profile_hint'));
  replace(
    charts,
    h('figure', { class: 'chart-box' }, h('figcaption', {}, t('ranking.bubble_title')), bubbles),
    h('figure', { class: 'chart-box' }, h('figcaption', {}, chosen ? t('ranking.profile_title', { name: item(chosen.item).label }) : t('ranking.profile_hint')), profile),
    chosen ? cellDetails(ranking, a, chosen) : null,
    h('figure', { class: 'chart-box wide' }, h('figcaption', {}, t('ranking.bars_title')), bars),
  );
}

/** Per criterion, how the chosen initiative or service was scored and what it contributes. */
function cellDetails({ set, item }, a, chosen) {
  const { label, title } = item(chosen.item);
  return h(
    'figure',
    { class: 'chart-box wide' },
    h('figcaption', {}, t('ranking.details_title', { name: title ? `${label} ${title}` : label })),
    h(
      'table',
      { class: 'data cell-details', id: 'cell-details' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['criterion', 'aggregate', 'spread', 'consensus', 'answers', 'weight', 'contribution'].map((k, i) =>
            h('th', { scope: 'col', class: i ? 'numeric' : null }, t(`ranking.detail_${k}`)),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        set.criteria.map((c, i) => {
          const cell = chosen.cells[i];
          const na = '–';
          return h(
            'tr',
            {},
            h('th', { scope: 'row' }, c.name),
            h('td', { class: 'numeric' }, cell.aggregate === null ? na : decimal(cell.aggregate, 2)),
            h('td', { class: 'numeric' }, cell.min === null ? na : `${cell.min}–${cell.max} (σ ${decimal(cell.std_dev, 2)})`),
            h('td', { class: 'numeric' }, cell.consensus === null ? na : decimal(cell.consensus, 2)),
            h('td', { class: 'numeric' }, t('ranking.detail_answers_value', { scored: cell.scored, dont_know: cell.dont_know })),
            h('td', { class: 'numeric' }, percent(a.weights[i])),
            h('td', { class: 'numeric' }, decimal(cell.contribution)),
          );
        }),
      ),
    ),
  );
}

/**
 * What-if sliders, one per criterion from `baseWeights`: each change re-ranks through the engine, at most one
 * request at a time.
 */
function whatIfSliders(ranking, baseWeights) {
  const { main, ctx, view, set, table } = ranking;
  let pending = null;
  let running = false;
  async function rerank(weights) {
    pending = weights;
    if (running) return;
    running = true;
    // Busy until the last weights are shown: screen readers wait for the table, and nothing acts on a stale one.
    table.setAttribute('aria-busy', 'true');
    while (pending) {
      const next = pending;
      pending = null;
      try {
        showAssessment(ranking, await ctx.assessment(set.id, next));
      } catch (error) {
        ctx.showError(error);
      }
    }
    running = false;
    table.removeAttribute('aria-busy');
  }
  const values = baseWeights.map((w) => Math.round(w * 1000) / 10);
  const outputs = [];
  return [
    set.criteria.map((c, i) => {
      const id = `weight-${c.id}`;
      const output = h('output', { for: id }, percent(values[i] / 100));
      outputs.push(output);
      const slider = h('input', { type: 'range', id, min: 0, max: 100, step: 0.5, value: values[i] });
      slider.addEventListener('input', () => {
        values[i] = Number(slider.value);
        const total = values.reduce((s, v) => s + v, 0) || 1;
        values.forEach((v, k) => { outputs[k].value = percent(v / total); });
        view.weights = values.map((v) => v / total);
        rerank(view.weights);
      });
      return h('div', { class: 'slider' }, h('label', { for: id }, c.name), slider, output);
    }),
    h('div', { class: 'slider-actions' }, h('button', { type: 'button', onclick: () => { view.weights = null; renderRanking(main, ctx, view); } }, t('ranking.reset'))),
  ];
}

/** 3 → "3", 0.333 → "1/3". */
function saaty(value) {
  return value >= 0.95 ? String(Math.round(value)) : `1/${Math.round(1 / value)}`;
}

