// The follow-up against the frames (uppföljning mot ramarna) of a year: per frame the council's decided frame (or the
// proposed one, marked), what is committed, the actual outcome and what is left, and the items behind them; and the
// form to record an actual outcome (utfall) per initiative or service and year. Every figure comes from the engine
// (`follow_up` command, the same as the yearly report and `samordna budget follow-up`); nothing is summed here.
// Riktlinjen, "Finansiering": the city's digitalisation is financed "inom det ordinarie budget- och
// uppföljningsarbetet".

import { h, replace } from '../dom.js';
import { formatMoney, moneyInputText, parseMoney } from '../format.js';
import { fieldLabel, problemText, t, term } from '../i18n.js';
import { describeItem, itemKey } from '../items-logic.js';

/** An amount as the report writes it: whole kronor, or exact when it has öre. */
export function moneyText(ore) {
  return formatMoney(ore, { decimals: ore % 100 !== 0 });
}

/** Where the year's frames come from, as a sentence. */
function sourceText(result) {
  const source = result.frame_source;
  if (source.kind === 'council') return t('follow_up.source_council', { year: result.year, reference: source.reference, date: source.decided_on });
  if (source.kind === 'scenario') return t('follow_up.source_scenario', { year: result.year, scenario: source.scenario_name });
  return t('follow_up.source_none', { year: result.year });
}

/**
 * The frames of a follow-up: a sentence saying where they come from and a table, one row per frame (development,
 * management) with the frame, committed, actual, left and unspent. `id` names the table.
 */
export function framesTable(result, id) {
  const proposed = result.frames.some((f) => !f.decided_by_council);
  const columns = ['frame', proposed ? 'proposed' : 'decided', 'committed', 'actual', 'left', 'unspent'];
  return [
    h('p', { class: 'muted', id: `${id}-source` }, sourceText(result)),
    h(
      'table',
      { class: 'data costs', id, 'data-year': String(result.year) },
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, t(`follow_up.col_${c}`))))),
      h(
        'tbody',
        {},
        result.frames.map((f) =>
          h(
            'tr',
            { 'data-kind': f.kind, class: f.left < 0 ? 'over' : '' },
            h('th', { scope: 'row' }, t(`follow_up.frame_${f.kind}`)),
            h(
              'td',
              { class: 'numeric', 'data-figure': 'decided', 'data-ore': String(f.decided) },
              moneyText(f.decided),
              f.decided_by_council ? null : h('span', { class: 'badge muted-badge' }, ` ${t('follow_up.proposed_mark')}`),
            ),
            ...['committed', 'actual', 'left', 'unspent'].map((key) =>
              h('td', { class: 'numeric', 'data-figure': key, 'data-ore': String(f[key]) }, moneyText(f[key])),
            ),
          ),
        ),
      ),
    ),
  ];
}

/** The items behind the figures: what each commits and what it has cost; `onEdit(row)` opens a row in the form. */
function itemsTable(result, ctx, onEdit) {
  if (!result.items.length) return h('p', { class: 'muted' }, t('follow_up.no_items', { year: result.year }));
  const actual = (row, key) => (row.actual ? moneyText(row.actual[key]) : '–');
  return h(
    'table',
    { class: 'data costs', id: 'follow-up-items' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['item', 'state', 'development_committed', 'development_actual', 'management_committed', 'management_actual'].map((c) =>
          h('th', { scope: 'col' }, t(`follow_up.col_${c}`)),
        ),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('follow_up.col_actions'))),
      ),
    ),
    h(
      'tbody',
      {},
      result.items.map((row) => {
        const item = describeItem(row.item, ctx.index);
        const name = row.reference ? `${row.reference} ${row.name}` : row.name;
        return h(
          'tr',
          { 'data-item': row.item },
          h('th', { scope: 'row' }, item ? h('a', { href: item.href }, name) : name),
          h('td', {}, term(row.kind === 'initiative' ? 'initiative_state' : 'service_state', row.state)),
          h('td', { class: 'numeric' }, moneyText(row.committed.development)),
          h('td', { class: 'numeric' }, actual(row, 'development')),
          h('td', { class: 'numeric' }, moneyText(row.committed.management)),
          h('td', { class: 'numeric' }, actual(row, 'management')),
          h('td', {}, h('button', { type: 'button', class: 'quiet', onclick: () => onEdit(row), 'aria-label': t('follow_up.edit_item', { name }) }, t('follow_up.edit'))),
        );
      }),
    ),
  );
}

/**
 * The form that records an item's actual outcome for a year: saving an item and year that has one changes it (one
 * outcome per item and year). The shared initiatives and the services are offered; the engine refuses a
 * business-specific initiative, whose own board funds and follows it up.
 */
function outcomeForm(ctx, year, parts) {
  const outcomes = ctx.data.actual_outcomes ?? [];
  const byLabel = (a, b) => a.label.localeCompare(b.label, 'sv');
  const initiatives = (ctx.data.initiatives ?? [])
    .filter((i) => i.track === 'gemensam')
    .map((i) => ({ key: itemKey('initiative', i.id), label: `${i.case_number} ${i.title}` }))
    .sort(byLabel);
  const services = (ctx.data.services ?? []).map((s) => ({ key: itemKey('service', s.id), label: s.name })).sort(byLabel);
  const inputs = {
    item: h(
      'select',
      { id: 'outcome-item' },
      h('option', { value: '' }, t('follow_up.choose_item')),
      h('optgroup', { label: t('follow_up.initiatives') }, initiatives.map((i) => h('option', { value: i.key }, i.label))),
      h('optgroup', { label: t('follow_up.services') }, services.map((s) => h('option', { value: s.key }, s.label))),
    ),
    year: h('input', { id: 'outcome-year', type: 'number', min: '2000', max: '2100', value: String(year) }),
    development: h('input', { id: 'outcome-development', inputmode: 'decimal' }),
    management: h('input', { id: 'outcome-management', inputmode: 'decimal' }),
  };
  const messages = Object.fromEntries(
    Object.keys(inputs).map((key) => [key, h('p', { class: 'field-message', id: `outcome-${key}-message`, role: 'alert' })]),
  );
  for (const [key, input] of Object.entries(inputs)) input.setAttribute('aria-describedby', messages[key].id);
  const existing = () => outcomes.find((o) => o.item === inputs.item.value && o.year === Number(inputs.year.value));
  const removeButton = h('button', { type: 'button', id: 'delete-outcome', class: 'quiet danger-text', hidden: true }, t('follow_up.delete'));
  const fill = () => {
    const found = existing();
    inputs.development.value = found ? moneyInputText(found.development) : '';
    inputs.management.value = found ? moneyInputText(found.management) : '';
    removeButton.hidden = !found;
  };
  inputs.item.onchange = fill;
  inputs.year.onchange = fill;
  parts.edit = (row) => {
    inputs.item.value = row.item;
    inputs.year.value = String(year);
    fill();
    inputs.development.focus();
  };
  const clear = () => Object.values(messages).forEach((m) => { m.textContent = ''; });
  const save = async () => {
    clear();
    if (!inputs.item.value) {
      messages.item.textContent = t('follow_up.item_required');
      inputs.item.focus();
      return;
    }
    const amounts = {};
    for (const key of ['development', 'management']) {
      // An empty amount is 0 kr, as in the sheet.
      const parsed = inputs[key].value.trim() === '' ? { ore: 0 } : parseMoney(inputs[key].value);
      if (parsed.error) {
        messages[key].textContent = t(`money.${parsed.error}`);
        inputs[key].focus();
        return;
      }
      amounts[key] = parsed.ore;
    }
    const record = { id: existing()?.id ?? 0, item: inputs.item.value, year: Number(inputs.year.value), ...amounts };
    try {
      await ctx.save('actual_outcome', record);
    } catch (error) {
      if (error?.code === 'invalid' && error.fields?.length) {
        for (const problem of error.fields) {
          const key = problem.field in messages ? problem.field : 'item';
          messages[key].textContent = problemText(problem);
        }
        return;
      }
      ctx.showError(error);
      return;
    }
    ctx.navigate(`#/uppfoljning/${record.year}`);
  };
  removeButton.onclick = async () => {
    const found = existing();
    if (!found) return;
    const label = inputs.item.selectedOptions[0]?.textContent ?? '';
    if (await ctx.remove('actual_outcome', found.id, `${label} ${found.year}`)) ctx.navigate(location.hash);
  };
  const label = (key) => (key === 'item' ? t('follow_up.item') : fieldLabel('actual_outcome', key));
  return h(
    'section',
    { class: 'outcome-form', id: 'outcome-form', 'aria-labelledby': 'outcome-form-title' },
    h('h2', { id: 'outcome-form-title' }, t('follow_up.record_title')),
    h('p', { class: 'hint' }, t('follow_up.record_hint')),
    h(
      'div',
      { class: 'grid' },
      ...Object.entries(inputs).map(([key, input]) =>
        h('div', { class: 'field' }, h('label', { for: input.id }, label(key)), input, messages[key]),
      ),
    ),
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'button', class: 'primary', id: 'save-outcome', onclick: save }, t('follow_up.save')),
      removeButton,
      h('a', { href: '#/import/actuals', id: 'outcome-import-link' }, t('follow_up.import_sheet')),
    ),
  );
}

/** `#/uppfoljning/<year>`: the follow-up of a year and the form to record outcomes. */
export function renderFollowUp(main, ctx, year) {
  const results = h('div', { id: 'follow-up-results', 'aria-live': 'polite', 'aria-busy': 'true' }, h('p', { class: 'muted' }, t('follow_up.loading')));
  const parts = { edit: () => {} };
  const yearInput = h('input', { id: 'follow-up-year', type: 'number', min: '2000', max: '2100', value: String(year) });
  const show = () => ctx.navigate(`#/uppfoljning/${Number(yearInput.value) || year}`);
  yearInput.onkeydown = (event) => {
    if (event.key === 'Enter') show();
  };
  replace(
    main,
    h('header', { class: 'view-header' }, h('h1', {}, t('follow_up.title'))),
    h('p', { class: 'lead' }, t('follow_up.lead')),
    h(
      'div',
      { class: 'filters' },
      h('div', { class: 'filter' }, h('label', { for: 'follow-up-year' }, t('follow_up.year')), yearInput),
      h('button', { type: 'button', id: 'follow-up-show', onclick: show }, t('follow_up.show')),
    ),
    results,
    outcomeForm(ctx, year, parts),
  );
  ctx.followUp(year).then(
    (result) => {
      replace(
        results,
        h('h2', { id: 'follow-up-frames-title' }, t('follow_up.frames_title', { year })),
        ...framesTable(result, 'follow-up-frames'),
        h('p', { class: 'hint' }, t('follow_up.frames_hint')),
        h('h2', { id: 'follow-up-items-title' }, t('follow_up.items_title', { year })),
        itemsTable(result, ctx, (row) => parts.edit(row)),
      );
      results.setAttribute('aria-busy', 'false');
    },
    (error) => {
      replace(results, h('p', { class: 'muted' }, t('follow_up.failed')));
      results.setAttribute('aria-busy', 'false');
      ctx.showError(error);
    },
  );
}
