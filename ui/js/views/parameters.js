// The portfolio's parameters that change yearly: internal interest rate, lease rate, price base amount and discount
// rate, with the default useful life and rounding; and the city's practice (Stadens rutin), each rule with a sentence
// saying it is the city's practice, not the guideline's (among them the day the providers' yearly analyses are due
// and, per year, the least K/R/T classification a shared service is expected to have, if the city sets one).

import { h, replace } from '../dom.js';
import { getLanguage, t } from '../i18n.js';
import { createForm, formActions, saveHandler } from './form.js';
import { historyPanel } from './history.js';

export function renderParameters(main, ctx) {
  const form = createForm({ entity: 'parameters', record: ctx.data.parameters });
  ctx.setForm(form);
  const draft = form.draft;
  const summary = h('div', { class: 'form-summary', role: 'alert' });
  const save = saveHandler({
    form,
    summary,
    persist: (record) => ctx.save('parameters', record),
    onSaved: () => renderParameters(main, ctx),
    showError: ctx.showError,
  });
  function render() {
    replace(
      form.element,
      summary,
      h(
        'section',
        { class: 'form-section' },
        h('h2', {}, t('parameters.years')),
        h(
          'table',
          { class: 'costs parameters', dataset: { field: 'years' } },
          h('thead', {}, h('tr', {}, ['year', 'internal_rate', 'lease_rate', 'price_base_amount', 'discount_rate'].map((f) => h('th', { scope: 'col' }, t(`parameters.${f}`))), h('th'))),
          h(
            'tbody',
            {},
            draft.years.map((y, i) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, String(y.year)),
                ['internal_rate', 'lease_rate'].map((f) => cell(`years[${i}].${f}`, form.decimal(`years[${i}].${f}`, { optional: true, percent: true, label: `${t(`parameters.${f}`)} ${y.year}` }))),
                cell(`years[${i}].price_base_amount`, form.money(`years[${i}].price_base_amount`, { optional: true, label: `${t('parameters.price_base_amount')} ${y.year}` })),
                cell(`years[${i}].discount_rate`, form.decimal(`years[${i}].discount_rate`, { optional: true, percent: true, label: `${t('parameters.discount_rate')} ${y.year}` })),
                h('td', {}, i === draft.years.length - 1 ? h('button', { type: 'button', class: 'quiet', onclick: () => { draft.years.pop(); form.changed('years'); render(); } }, t('initiative.remove_year', { year: y.year })) : null),
              ),
            ),
          ),
        ),
        h('button', {
          type: 'button',
          onclick: () => {
            const last = draft.years.at(-1);
            draft.years.push({ year: (last?.year ?? new Date().getFullYear() - 1) + 1, internal_rate: last?.internal_rate ?? null, lease_rate: last?.lease_rate ?? null, price_base_amount: null, discount_rate: last?.discount_rate ?? null, least_classification: last?.least_classification ?? null });
            form.changed('years');
            render();
          },
        }, t('selection.add_year')),
        h('p', { class: 'muted' }, t('parameters.help')),
        h(
          'div',
          { class: 'grid' },
          form.field('useful_life', form.number('useful_life', { min: 1, max: 50 }), { label: t('parameters.useful_life') }),
          form.field('rounding', form.select('rounding', [{ key: 'ore', label: t('funding.rounding_ore') }, { key: 'kronor', label: t('funding.rounding_kronor') }]), { label: t('parameters.rounding') }),
        ),
      ),
      practiceSection(form, leastClassification()),
      formActions({ onSave: save }),
    );
  }
  /**
   * The city's practice of a least K/R/T classification, per year: a table of the years, each with three levels
   * K, R, T (0–4) or none. A level chosen where there was none sets all three to it (then each is adjusted); "–" on
   * any clears the year's, which then follows the year before.
   */
  function leastClassification() {
    return h(
      'table',
      { class: 'costs parameters', id: 'practice-least-classification', dataset: { field: 'years' } },
      h('caption', {}, t('parameters.practice_least_classification')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('parameters.year')), h('th', { scope: 'col' }, t('parameters.least_classification')))),
      h('tbody', {}, draft.years.map((y, i) => h('tr', {}, h('th', { scope: 'row' }, String(y.year)), cell(`years[${i}].least_classification`, leastControls(y, i))))),
    );
  }
  function leastControls(year, i) {
    const aspects = [
      ['confidentiality', t('parameters.least_k')],
      ['integrity', t('parameters.least_r')],
      ['availability', t('parameters.least_t')],
    ];
    return h(
      'span',
      { class: 'least-classification', id: `least-${year.year}` },
      aspects.map(([aspect, letter]) => {
        const current = year.least_classification?.[aspect];
        const select = h(
          'select',
          { id: `least-${year.year}-${aspect}`, 'aria-label': t('parameters.least_aspect', { aspect: letter, year: year.year }) },
          h('option', { value: '', selected: current === undefined }, '–'),
          [0, 1, 2, 3, 4].map((level) => h('option', { value: String(level), selected: current === level }, `${letter}${level}`)),
        );
        select.addEventListener('change', () => {
          const value = select.value === '' ? null : Number(select.value);
          if (value === null) year.least_classification = null;
          else if (!year.least_classification) year.least_classification = { confidentiality: value, integrity: value, availability: value };
          else year.least_classification[aspect] = value;
          form.changed(`years[${i}].least_classification`);
          render();
        });
        return select;
      }),
    );
  }
  function cell(field, control) {
    return h('td', {}, h('div', { dataset: { field } }, control, h('p', { class: 'field-message', role: 'status' })));
  }
  render();
  replace(
    main,
    h('header', { class: 'view-header' }, h('h1', {}, t('parameters.title'))),
    h('p', { class: 'lead' }, t('parameters.intro')),
    form.element,
    historyPanel(ctx, 'parameters', 1),
  );
}

/** The city's practice (Stadens rutin): rules Samordna applies that the guideline does not state, each switchable
 * here, each labelled as practice (never under the guideline's steps). Today's behaviour is the default. */
function practiceSection(form, leastClassification) {
  const rule = (key, control) =>
    h('div', { class: 'practice-rule' }, control, h('p', { class: 'muted', id: `practice-${key}-note` }, t(`parameters.practice_${key}_note`)));
  return h(
    'section',
    { class: 'form-section', id: 'practice', 'aria-labelledby': 'practice-title' },
    h('h2', { id: 'practice-title' }, t('parameters.practice')),
    h('p', {}, t('parameters.practice_intro')),
    rule('action_plan_step', form.checkbox('practice.action_plan_step', t('parameters.practice_action_plan_step'))),
    rule('deadline_days', form.field('practice.deadline_days', form.number('practice.deadline_days', { min: 1, max: 365 }), { label: t('parameters.practice_deadline_days') })),
    rule('companies_invoiced', form.checkbox('practice.companies_invoiced', t('parameters.practice_companies_invoiced'))),
    rule('grant_for_base_services', form.checkbox('practice.grant_for_base_services', t('parameters.practice_grant_for_base_services'))),
    rule('analysis_due', analysisDue(form)),
    rule('least_classification', leastClassification),
  );
}

/** The day of the year before by which a provider's yearly analysis is due: a day and a month (named in the UI's
 * language). The engine checks the day exists in every year. */
function analysisDue(form) {
  const locale = getLanguage() === 'en' ? 'en-GB' : 'sv-SE';
  const name = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  const months = Array.from({ length: 12 }, (_, i) => ({ key: i + 1, label: name.format(new Date(Date.UTC(2001, i, 1))) }));
  return h(
    'fieldset',
    { class: 'inline-fields', id: 'practice-analysis-due' },
    h('legend', {}, t('parameters.practice_analysis_due')),
    form.field('practice.analysis_due.day', form.number('practice.analysis_due.day', { min: 1, max: 31 }), { label: t('parameters.practice_analysis_due_day') }),
    form.field('practice.analysis_due.month', form.select('practice.analysis_due.month', months, { numeric: true }), { label: t('parameters.practice_analysis_due_month') }),
  );
}
