// The providers' yearly analyses (årlig analys) to the group (riktlinjen, "Prioritering och beslut", Gemensamma
// tjänster och förändringsinsatser): a list by year and provider with who has handed in for a year (the engine says
// who is late), and one analysis per provider and year with every part of the guideline's content. The security
// levels start from the provider's services; the differences from their current classification come from the
// engine (ctx.analyses.comparison), never compared here. Once the group has taken part of an analysis
// (presenterad), its levels are applied to the services in a reviewed step, an investment becomes a draft
// initiative and a development need goes into its service's planned costs, each in one action of the engine.

import { h, replace } from '../dom.js';
import { compareText, formatMoney } from '../format.js';
import { fact, fieldLabel, problemText, t, term, terms, textLimit } from '../i18n.js';
import { createForm, formActions, saveHandler } from './form.js';
import { historyPanel } from './history.js';

const ASPECTS = ['confidentiality', 'integrity', 'availability'];

/** `#/analyser`: every analysis, latest year first, and a way to start one for a provider and year. */
export function renderAnalysisList(main, ctx) {
  const providers = [...(ctx.data.providers ?? [])].sort((a, b) => compareText(a.name, b.name));
  const all = [...(ctx.data.yearly_analyses ?? [])].sort(
    (a, b) => b.year - a.year || compareText(providerName(ctx, a.provider_id), providerName(ctx, b.provider_id)),
  );
  const provider = h('select', { id: 'analysis-provider' }, providers.map((p) => h('option', { value: p.id }, p.name)));
  const year = h('input', { type: 'number', id: 'analysis-year', min: 2000, max: 2100, value: new Date().getFullYear() + 1, class: 'number' });
  replace(
    main,
    h('header', { class: 'view-header' }, h('h1', {}, t('analysis.list_title'))),
    h('p', { class: 'lead' }, t('analysis.intro')),
    h(
      'div',
      { class: 'report-form' },
      h('div', { class: 'field' }, h('label', { for: 'analysis-provider' }, t('analysis.provider')), provider),
      h('div', { class: 'field' }, h('label', { for: 'analysis-year' }, t('analysis.year')), year),
      h('button', { type: 'button', id: 'open-analysis', onclick: () => ctx.navigate(`#/analyser/${provider.value}/${Number(year.value)}`) }, t('analysis.open')),
    ),
    standingsSection(ctx, year),
    all.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { id: 'analysis-table' },
            h('thead', {}, h('tr', {}, ['provider', 'year', 'state', 'submitted'].map((c) => h('th', { scope: 'col' }, t(`analysis.${c}`))))),
            h(
              'tbody',
              {},
              all.map((a) =>
                h(
                  'tr',
                  { dataset: { id: a.id } },
                  h('td', {}, h('a', { href: `#/analyser/${a.provider_id}/${a.year}` }, providerName(ctx, a.provider_id))),
                  h('td', {}, String(a.year)),
                  h('td', {}, term('analysis_state', a.state)),
                  h('td', { class: 'nowrap' }, a.state === 'presenterad' ? a.presented : a.submitted),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('analysis.none')),
  );
}

/** Every provider's standing for the chosen year: handed in or missing, the due day and whether it is late (the
 * engine's verdict; the due day is the city's practice, set under Parametrar). */
function standingsSection(ctx, yearInput) {
  const body = h('div', { id: 'analysis-standings-body', 'aria-live': 'polite' });
  const title = h('h2', { id: 'analysis-standings-title' });
  const draw = async () => {
    const year = Number(yearInput.value);
    replace(title, t('analysis.standings_title', { year }));
    const standings = await ctx.analyses.standings(year);
    if (!standings) {
      replace(body);
      return;
    }
    replace(
      body,
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { id: 'analysis-standings', 'aria-labelledby': 'analysis-standings-title' },
          h('thead', {}, h('tr', {}, ['provider', 'state', 'due_date', 'late'].map((c) => h('th', { scope: 'col' }, t(`analysis.${c}`))))),
          h(
            'tbody',
            {},
            standings.map((s) =>
              h(
                'tr',
                { dataset: { provider: s.provider_id }, class: s.late ? 'late' : '' },
                h('td', {}, h('a', { href: `#/analyser/${s.provider_id}/${s.year}` }, s.provider)),
                h('td', {}, s.state === 'missing' ? t('analysis.missing') : term('analysis_state', s.state)),
                h('td', { class: 'nowrap' }, s.due),
                h('td', {}, s.late ? h('span', { class: 'badge warning' }, t('analysis.is_late')) : t('analysis.not_late')),
              ),
            ),
          ),
        ),
      ),
    );
  };
  yearInput.addEventListener('change', draw);
  draw();
  return h('section', { class: 'analysis-standings', 'aria-labelledby': 'analysis-standings-title' }, title, h('p', { class: 'muted' }, t('analysis.standings_intro')), body);
}

function providerName(ctx, id) {
  return ctx.index.providers?.get(id)?.name ?? (ctx.data.providers ?? []).find((p) => p.id === id)?.name ?? '';
}

/** `#/analyser/<provider>/<year>`: the provider's analysis for the year, or a new draft with its services. */
export async function renderAnalysis(main, ctx, providerId, year) {
  const stored = (ctx.data.yearly_analyses ?? []).find((a) => a.provider_id === providerId && a.year === year);
  const record = stored ?? (await ctx.analyses.draft(providerId, year));
  if (!record) return;
  const form = createForm({ entity: 'analysis', record });
  ctx.setForm(form);
  const presented = stored?.state === 'presenterad';
  const view = {
    main,
    ctx,
    form,
    record,
    stored,
    presented,
    providerId,
    year,
    security: h('section', { class: 'analysis-security', 'aria-labelledby': 'analysis-security-title' }),
    // Applying the levels and the other actions take the saved analysis into the portfolio: they redraw the view.
    reload: () => renderAnalysis(main, ctx, providerId, year),
  };
  const summary = h('div', { class: 'form-summary', role: 'alert' });
  const save = saveHandler({
    form,
    summary,
    persist: (analysis) => ctx.save('analysis', analysis),
    onSaved: () => renderAnalysis(main, ctx, providerId, year),
    showError: ctx.showError,
  });
  view.redraw = () => drawForm(view, summary, save);
  const sheetReport = h('div', { id: 'analysis-sheet-report', role: 'status' });
  const title = `${t('analysis.title')} – ${providerName(ctx, providerId)} ${year}`;
  replace(
    main,
    h(
      'header',
      { class: 'view-header' },
      h('h1', {}, title),
      h(
        'div',
        { class: 'view-actions' },
        h('a', { href: '#/analyser', class: 'button quiet' }, t('analysis.all')),
        h('button', { type: 'button', id: 'export-analysis-sheet', onclick: () => ctx.analyses.exportSheet(providerId, year) }, t('analysis.export_sheet')),
        h('button', { type: 'button', id: 'import-analysis-sheet', onclick: () => importSheet(view, sheetReport) }, t('analysis.import_sheet')),
        stored
          ? h('button', { type: 'button', id: 'export-analysis-paper', onclick: () => ctx.analyses.exportPaper({ provider_id: providerId, year, language: ctx.language }) }, t('analysis.export_paper'))
          : null,
      ),
    ),
    stored ? null : h('p', { class: 'banner' }, t('analysis.new_draft')),
    sheetReport,
    form.element,
    stored ? attachPanel(view) : null,
    stored ? historyPanel(ctx, 'yearly_analysis', stored.id) : null,
  );
  view.redraw();
}

function drawForm(view, summary, save) {
  const { form, ctx, record } = view;
  replace(
    form.element,
    summary,
    stateFields(view),
    h('h2', {}, t('analysis.direction')),
    form.field('strategic_direction', form.text('strategic_direction', { multiline: true, rows: 6 }), { label: t('analysis.direction'), wide: true }),
    investmentsPanel(view),
    needsPanel(view),
    requirementsPanel(view),
    view.security,
    view.presented ? applyLevelsPanel(view) : null,
    formActions({
      onSave: save,
      onCancel: () => { form.markClean(); ctx.navigate('#/analyser'); },
      onDelete: record.id
        ? async () => {
            if (await ctx.remove('analysis', record.id, `${t('analysis.title')} ${record.year}`)) ctx.navigate('#/analyser');
          }
        : null,
    }),
  );
  drawSecurity(view);
}

/** State and its dates: draft, submitted (inlämnad, with the date), presented to the group. */
function stateFields({ form }) {
  return h(
    'div',
    { class: 'grid' },
    form.field('state', form.select('state', terms('analysis_state')), { label: t('analysis.state') }),
    form.field('submitted', form.text('submitted', { maxlength: textLimit('date'), placeholder: '2026-11-30' }), { label: t('analysis.submitted') }),
    form.field('presented', form.text('presented', { maxlength: textLimit('date'), placeholder: '2026-12-10' }), { label: t('analysis.presented') }),
  );
}

/**
 * A list part of the analysis: a heading, the explicit "none" (an empty list is not an answer once the analysis is
 * handed in), one group of fields per entry with a remove button (and the entry's action once the analysis is
 * presented), and an add button. The list's own messages (none listed, "none" beside entries) show under its heading.
 */
function listPanel(view, { key, noneKey, noneLabel, heading, emptyText, blank, fields, action, addLabel }) {
  const { form } = view;
  const entries = form.draft[key];
  return h(
    'section',
    { class: `analysis-list analysis-${key}` },
    h('h2', {}, heading),
    h('div', { class: 'list-field', dataset: { field: key } }, h('p', { class: 'field-message', role: 'status' })),
    form.checkbox(noneKey, noneLabel),
    entries.length ? null : h('p', { class: 'muted' }, emptyText),
    entries.map((entry, i) =>
      h(
        'fieldset',
        { class: 'analysis-entry', dataset: { index: i } },
        h('legend', {}, `${heading} ${i + 1}`),
        fields(entry, i),
        view.presented && action ? action(entry, i) : null,
        h('button', { type: 'button', class: 'quiet', onclick: () => { entries.splice(i, 1); form.changed(key); view.redraw(); } }, t('analysis.remove')),
      ),
    ),
    h('button', { type: 'button', class: `add-${key}`, onclick: () => { entries.push(blank()); form.changed(key); view.redraw(); } }, addLabel),
  );
}

/** Cost fields for each year of the period (the analysis's year and the three after it), and the total. */
function costFields(form, entry, at, years) {
  // Each year of the period has a cost entry to type into; years outside it stay as they are.
  for (const y of years) if (!entry.costs.some((c) => c.year === y)) entry.costs.push({ year: y, amount: 0 });
  entry.costs.sort((a, b) => a.year - b.year);
  return h(
    'div',
    { class: 'grid costs' },
    entry.costs.map((c, j) =>
      form.field(`${at}.costs[${j}].amount`, form.money(`${at}.costs[${j}].amount`), { label: t('analysis.cost_year', { year: c.year }) }),
    ),
    h('p', { class: 'total' }, t('analysis.total', { amount: formatMoney(entry.costs.reduce((sum, c) => sum + (Number(c.amount) || 0), 0)) })),
  );
}

/** The actions take the saved analysis: with unsaved edits the user saves first. */
function savedFirst(view) {
  if (!view.form.dirty) return true;
  view.ctx.notify(t('analysis.save_first'), 'error');
  return false;
}

/** Ongoing and planned investments, each with its cost per year of the period and its total. */
function investmentsPanel(view) {
  const { form, ctx, year } = view;
  const initiatives = [...(ctx.data.initiatives ?? [])]
    .sort((a, b) => compareText(a.case_number, b.case_number))
    .map((i) => ({ key: i.id, label: `${i.case_number} ${i.title}` }));
  const years = Array.from({ length: fact('planning_period_years') }, (_, i) => year + i);
  return listPanel(view, {
    key: 'investments',
    noneKey: 'no_investments',
    noneLabel: t('analysis.none_investments'),
    heading: t('analysis.investments'),
    emptyText: t('analysis.no_investments'),
    addLabel: t('analysis.add_investment'),
    blank: () => ({ status: 'planerad', initiative_id: null, description: '', costs: [] }),
    action: (investment, i) => investmentAction(view, investment, i),
    fields: (investment, i) => {
      const at = `investments[${i}]`;
      return [
        h(
          'div',
          { class: 'grid' },
          form.field(`${at}.status`, form.select(`${at}.status`, terms('investment_status')), { label: t('analysis.investment_status') }),
          form.field(`${at}.initiative_id`, form.select(`${at}.initiative_id`, initiatives, { empty: t('analysis.no_initiative'), numeric: true }), { label: t('analysis.initiative') }),
        ),
        form.field(`${at}.description`, form.text(`${at}.description`, { multiline: true, rows: 2 }), { label: t('analysis.description'), wide: true }),
        costFields(form, investment, at, years),
      ];
    },
  });
}

/**
 * A presented analysis's investment becomes a draft initiative in one action of the engine (shared track, the
 * provider, its costs per year as development costs), which then links the investment to it. One already linked
 * names its initiative instead.
 */
function investmentAction(view, investment, i) {
  const { ctx, stored, providerId, year } = view;
  const saved = stored?.investments?.[i];
  if (saved?.initiative_id) {
    const initiative = ctx.index.initiatives.get(saved.initiative_id);
    return h('p', { class: 'analysis-taken' }, t('analysis.is_initiative'), ' ', h('a', { href: `#/initiativ/${saved.initiative_id}` }, initiative ? `${initiative.case_number} ${initiative.title}` : `#${saved.initiative_id}`));
  }
  const slot = h('div', { class: 'analysis-action', id: `make-initiative-${i}` });
  const open = async () => {
    if (!savedFirst(view)) return;
    const caseNumber = h('input', { type: 'text', id: `initiative-case-${i}`, maxlength: textLimit('case_number'), value: await ctx.analyses.suggestedCaseNumber() });
    const firstLine = (investment.description.split('\n').find((l) => l.trim()) ?? '').trim();
    const title = h('input', { type: 'text', id: `initiative-title-${i}`, maxlength: textLimit('name'), value: firstLine.slice(0, 200) });
    const state = h('select', { id: `initiative-state-${i}` }, terms('initiative_state').filter((s) => ['identifierad', 'analys'].includes(s.key)).map((s) => h('option', { value: s.key }, s.label)));
    // The owner: the provider's board unless another is chosen (the engine's default too).
    const board = (ctx.data.providers ?? []).find((p) => p.id === providerId)?.organisation_id ?? null;
    const organisations = [...ctx.index.organisations.values()].sort((a, b) => compareText(a.name, b.name));
    const owner = h(
      'select',
      { id: `initiative-owner-${i}` },
      h('option', { value: '' }, t('analysis.choose_organisation')),
      organisations.map((o) => h('option', { value: o.id, selected: o.id === board }, o.name)),
    );
    const fields = [['case_number', caseNumber], ['title', title], ['state', state], ['owner_id', owner]];
    const field = ([key, control]) => {
      control.setAttribute('aria-describedby', `${control.id}-message`);
      return h(
        'div',
        { class: 'field', dataset: { field: key } },
        h('label', { for: control.id }, fieldLabel('initiative', key)),
        control,
        h('p', { class: 'field-message', role: 'status', id: `${control.id}-message` }),
      );
    };
    const create = async () => {
      const draft = {
        case_number: caseNumber.value.trim(),
        title: title.value.trim() || null,
        state: state.value,
        owner_id: owner.value === '' ? null : Number(owner.value),
      };
      const result = await ctx.analyses.makeInitiative(providerId, year, i, draft);
      if (result.id !== undefined) {
        view.reload();
        return;
      }
      // The new initiative's own problems (a case number taken or malformed, no owner) beside its fields.
      for (const [key, control] of fields) {
        const problems = (result.fields ?? []).filter((f) => f.field === key);
        slot.querySelector(`#${control.id}-message`).textContent = problems.map(problemText).join(' ');
        if (problems.length) control.setAttribute('aria-invalid', 'true');
        else control.removeAttribute('aria-invalid');
      }
      slot.querySelector('[aria-invalid="true"]')?.focus();
    };
    replace(
      slot,
      h('div', { class: 'grid' }, fields.map(field)),
      h('p', { class: 'hint' }, t('analysis.make_initiative_hint')),
      h('button', { type: 'button', class: 'primary', id: `make-initiative-confirm-${i}`, onclick: create }, t('analysis.make_initiative_confirm')),
      h('button', { type: 'button', onclick: () => replace(slot, opener()) }, t('common.cancel')),
    );
    caseNumber.focus();
  };
  const opener = () => h('button', { type: 'button', class: 'make-initiative', id: `make-initiative-open-${i}`, onclick: open }, t('analysis.make_initiative'));
  return replace(slot, opener());
}

/** Development needs for shared services (optionally one of them) and for the digital infrastructure. */
function needsPanel(view) {
  const { form, ctx } = view;
  const services = [...ctx.index.services.values()].sort((a, b) => compareText(a.name, b.name)).map((s) => ({ key: s.id, label: s.name }));
  const years = Array.from({ length: fact('planning_period_years') }, (_, i) => view.year + i);
  return listPanel(view, {
    key: 'development_needs',
    noneKey: 'no_development_needs',
    noneLabel: t('analysis.none_needs'),
    heading: t('analysis.needs'),
    emptyText: t('analysis.no_needs'),
    addLabel: t('analysis.add_need'),
    blank: () => ({ area: 'gemensamma_tjanster', title: '', service_id: null, description: '', costs: [], in_service_costs: false }),
    action: (need, i) => needAction(view, i),
    fields: (need, i) => {
      const at = `development_needs[${i}]`;
      return [
        h(
          'div',
          { class: 'grid' },
          form.field(`${at}.area`, form.select(`${at}.area`, terms('need_area')), { label: t('analysis.area') }),
          form.field(`${at}.service_id`, form.select(`${at}.service_id`, services, { empty: t('analysis.no_service'), numeric: true }), { label: t('analysis.service') }),
        ),
        form.field(`${at}.title`, form.text(`${at}.title`, { maxlength: textLimit('name') }), { label: t('analysis.need'), wide: true }),
        form.field(`${at}.description`, form.text(`${at}.description`, { multiline: true, rows: 2 }), { label: t('analysis.description'), wide: true }),
        h('p', { class: 'hint' }, t('analysis.need_costs_hint')),
        costFields(form, need, at, years),
      ];
    },
  });
}

/**
 * A presented analysis's development need goes into its service's planned development costs in one action of the
 * engine, once; a need that names no service is given one here first.
 */
function needAction(view, i) {
  const { ctx, stored, providerId, year } = view;
  const saved = stored?.development_needs?.[i];
  if (!saved) return null;
  const service = saved.service_id ? ctx.index.services.get(saved.service_id) : null;
  if (saved.in_service_costs) {
    return h('p', { class: 'analysis-taken' }, t('analysis.need_is_planned'), ' ', service ? h('a', { href: `#/tjanster/${service.id}` }, service.name) : null);
  }
  let choice = null;
  if (!saved.service_id) {
    const services = [...ctx.index.services.values()].filter((s) => s.state !== 'avvecklad').sort((a, b) => compareText(a.name, b.name));
    choice = h('select', { id: `plan-need-service-${i}` }, h('option', { value: '' }, t('analysis.choose_service')), services.map((s) => h('option', { value: s.id }, s.name)));
  }
  const plan = async () => {
    if (!savedFirst(view)) return;
    const serviceId = choice ? (choice.value === '' ? null : Number(choice.value)) : null;
    if (await ctx.analyses.planNeed(providerId, year, i, serviceId)) view.reload();
  };
  return h(
    'div',
    { class: 'analysis-action' },
    choice ? h('div', { class: 'field' }, h('label', { for: choice.id }, t('analysis.service')), choice) : null,
    h('button', { type: 'button', class: 'plan-need', id: `plan-need-${i}`, onclick: plan }, service ? t('analysis.plan_need_named', { service: service.name }) : t('analysis.plan_need')),
  );
}

/** Incoming needs and requirements from boards and companies on laws and security levels, and how each is met. */
function requirementsPanel(view) {
  const { form, ctx } = view;
  const organisations = [...ctx.index.organisations.values()].sort((a, b) => compareText(a.name, b.name)).map((o) => ({ key: o.id, label: o.name }));
  return listPanel(view, {
    key: 'requirements',
    noneKey: 'no_requirements',
    noneLabel: t('analysis.none_requirements'),
    heading: t('analysis.requirements'),
    emptyText: t('analysis.no_requirements'),
    addLabel: t('analysis.add_requirement'),
    blank: () => ({ organisation_id: null, requirement: '', law: null, how_met: '', due: '' }),
    fields: (_requirement, i) => {
      const at = `requirements[${i}]`;
      return [
        h(
          'div',
          { class: 'grid' },
          form.field(`${at}.organisation_id`, form.select(`${at}.organisation_id`, organisations, { empty: t('analysis.choose_organisation'), numeric: true }), { label: t('analysis.from') }),
          form.field(`${at}.law`, form.select(`${at}.law`, terms('law'), { empty: t('analysis.no_law') }), { label: t('analysis.law') }),
          form.field(`${at}.due`, form.text(`${at}.due`, { maxlength: textLimit('date'), placeholder: '2027-06-30' }), { label: t('analysis.due') }),
        ),
        form.field(`${at}.requirement`, form.text(`${at}.requirement`, { multiline: true, rows: 2 }), { label: t('analysis.requirement'), wide: true }),
        form.field(`${at}.how_met`, form.text(`${at}.how_met`, { multiline: true, rows: 2 }), { label: t('analysis.how_met'), wide: true }),
      ];
    },
  });
}

/** The level to apply per service, beside its current classification; the engine says what differs, in words. */
async function drawSecurity(view) {
  const { form, ctx, security } = view;
  const comparison = await ctx.analyses.comparison(form.draft);
  if (!document.body.contains(security)) return;
  const scale = ctx.data.security_scale ?? [];
  const levelText = (level) => (level === null || level === undefined ? '–' : String(level));
  const letters = t('analysis.aspect_letters').split(' ');
  const rows = comparison.map((c) => {
    const index = form.draft.security_levels.findIndex((l) => l.service_id === c.service_id);
    const entry = form.draft.security_levels[index];
    const changes = c.aspects.filter((a) => a.change !== 'same');
    return h(
      'tr',
      { class: c.differs ? 'differs' : '', dataset: { service: c.service_id } },
      h('th', { scope: 'row' }, c.service),
      h('td', { class: 'nowrap' }, c.aspects.map((a, k) => `${letters[k]}${levelText(a.current)}`).join(' ')),
      ASPECTS.map((aspect) => {
        const current = entry?.security?.[aspect];
        const select = h(
          'select',
          { 'aria-label': `${c.service}: ${t(`analysis.aspect_${aspect}`)}`, dataset: { aspect } },
          h('option', { value: '' }, t('initiative.not_classified')),
          scale.map((label, level) => h('option', { value: String(level), selected: current?.level === level }, `${level} – ${label}`)),
        );
        if (!current) select.value = '';
        select.addEventListener('change', () => {
          const level = select.value === '' ? null : Number(select.value);
          entry.security[aspect] = level === null ? null : { level, label: scale[level] };
          form.changed(`security_levels[${index}].security.${aspect}`);
          drawSecurity(view);
        });
        return h('td', {}, select);
      }),
      h(
        'td',
        { class: 'difference' },
        changes.length
          ? changes.map((a) =>
              h('span', { class: 'badge warning' }, t(`analysis.change_${a.change}`, { aspect: letters[ASPECTS.indexOf(a.aspect)], from: levelText(a.current), to: levelText(a.proposed) })),
            )
          : t('analysis.unchanged'),
      ),
    );
  });
  const differing = comparison.filter((c) => c.differs).length;
  // The engine lists the provider's services the draft lacked; they join the draft at their current levels.
  for (const c of comparison) {
    if (!form.draft.security_levels.some((l) => l.service_id === c.service_id)) {
      form.draft.security_levels.push({ service_id: c.service_id, security: structuredClone(c.proposed) });
    }
  }
  replace(
    security,
    h('h2', { id: 'analysis-security-title' }, t('analysis.security')),
    h('p', { class: 'lead' }, t('analysis.security_intro')),
    h('p', { class: 'summary', id: 'analysis-differences' }, t('analysis.differences', { count: differing, total: comparison.length })),
    h('div', { class: 'list-field', dataset: { field: 'security_levels' } }, h('p', { class: 'field-message', role: 'status' })),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { id: 'analysis-security-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('analysis.service')),
            h('th', { scope: 'col' }, t('analysis.current')),
            ASPECTS.map((aspect) => h('th', { scope: 'col' }, t(`analysis.aspect_${aspect}`))),
            h('th', { scope: 'col' }, t('analysis.difference')),
          ),
        ),
        h('tbody', {}, rows),
      ),
    ),
  );
}

/**
 * Applies a presented analysis's levels to the provider's services in one reviewed step: first what changes, service
 * by service, old → new (the engine's preview, nothing written), then on confirmation all of it in one transaction,
 * each change in the service's history with the analysis as its note.
 */
function applyLevelsPanel(view) {
  const { ctx, providerId, year } = view;
  const body = h('div', { id: 'analysis-apply-body', 'aria-live': 'polite' });
  const letters = t('analysis.aspect_letters').split(' ');
  const short = (security) =>
    ASPECTS.map((aspect, k) => `${letters[k]}${security?.[aspect]?.level ?? '–'}`).join(' ');
  const outcome = (c) => {
    if (c.outcome === 'changes') return `${c.handles_no_information ? t('analysis.no_information') : short(c.current)} → ${short(c.new)}`;
    return t(`analysis.level_${c.outcome}`, { levels: c.handles_no_information ? t('analysis.no_information') : short(c.current) });
  };
  const preview = async () => {
    if (!savedFirst(view)) return;
    const changes = await ctx.analyses.levelChanges(providerId, year);
    if (!changes) return;
    const count = changes.filter((c) => c.outcome === 'changes').length;
    replace(
      body,
      h('p', { class: 'summary', id: 'analysis-apply-summary' }, t('analysis.apply_preview', { count, total: changes.length })),
      h(
        'ul',
        { class: 'changes', id: 'analysis-apply-list' },
        changes.map((c) => h('li', { class: c.outcome === 'changes' ? 'differs' : 'muted', dataset: { service: c.service_id, outcome: c.outcome } }, `${c.service}: ${outcome(c)}`)),
      ),
      count
        ? h('button', {
            type: 'button',
            class: 'primary',
            id: 'analysis-apply-confirm',
            onclick: async () => {
              if (await ctx.analyses.applyLevels(providerId, year)) view.reload();
            },
          }, t('analysis.apply_confirm', { count }))
        : null,
      h('button', { type: 'button', id: 'analysis-apply-cancel', onclick: () => replace(body) }, count ? t('common.cancel') : t('common.close')),
    );
    body.querySelector('button')?.focus();
  };
  return h(
    'section',
    { class: 'analysis-apply', 'aria-labelledby': 'analysis-apply-title' },
    h('h2', { id: 'analysis-apply-title' }, t('analysis.apply_title')),
    h('p', { class: 'lead' }, t('analysis.apply_intro')),
    h('button', { type: 'button', id: 'analysis-apply-preview', onclick: preview }, t('analysis.apply_preview_button')),
    body,
  );
}

/** Attaches the analysis's paper to an agenda item of a meeting that is not yet approved. */
function attachPanel({ ctx, providerId, year }) {
  const items = [];
  for (const meeting of [...(ctx.data.meetings ?? [])].sort((a, b) => compareText(b.date, a.date))) {
    if (meeting.approved_at) continue;
    meeting.items.forEach((item, i) => items.push({ key: item.id, label: `${meeting.date} ${meeting.body}: ${i + 1}. ${item.title}` }));
  }
  if (!items.length) return null;
  const select = h('select', { id: 'analysis-attach-item' }, items.map((i) => h('option', { value: i.key }, i.label)));
  return h(
    'section',
    { class: 'report-form' },
    h('h2', {}, t('analysis.attach_title')),
    h('div', { class: 'field wide' }, h('label', { for: 'analysis-attach-item' }, t('analysis.attach_item')), select),
    h('button', { type: 'button', id: 'attach-analysis', onclick: () => ctx.analyses.attach(Number(select.value), { provider_id: providerId, year, language: ctx.language }) }, t('analysis.attach')),
  );
}

/** Imports a filled-in sheet: first what it would do (nothing written), then on confirmation the import; with
 * problems nothing is written and they are listed by row and column. */
async function importSheet({ main, ctx, providerId, year }, slot) {
  const preview = await ctx.analyses.previewSheet(providerId, year);
  if (!preview) return;
  const refused = (report) =>
    replace(
      slot,
      h('p', { class: 'banner warning' }, t('analysis.import_refused', { count: report.problems.length })),
      h(
        'ul',
        { class: 'problems' },
        report.problems.map((p) => h('li', {}, t('analysis.import_problem', { row: p.row, column: p.column, message: p.message }))),
      ),
    );
  const { path, report } = preview;
  if (report.problems.length) {
    refused(report);
    return;
  }
  const confirm = async () => {
    const done = await ctx.analyses.importSheet(providerId, year, path);
    if (!done) return;
    if (done.problems.length) refused(done);
    else renderAnalysis(main, ctx, providerId, year);
  };
  replace(
    slot,
    h(
      'div',
      { class: 'banner', id: 'analysis-import-preview' },
      h(
        'p',
        {},
        t(report.created ? 'analysis.import_preview_new' : 'analysis.import_preview', {
          investments: report.investments,
          needs: report.development_needs,
          requirements: report.requirements,
          levels: report.security_levels,
        }),
      ),
      report.kept?.length ? h('p', { id: 'analysis-import-kept' }, t('analysis.import_kept', { parts: report.kept.join(', ') })) : null,
      h('button', { type: 'button', class: 'primary', id: 'analysis-import-confirm', onclick: confirm }, t('analysis.import_confirm')),
      h('button', { type: 'button', id: 'analysis-import-cancel', onclick: () => replace(slot) }, t('analysis.import_cancel')),
    ),
  );
}
