// The providers' yearly analyses (årlig analys) to the group (riktlinjen, "Gemensamma tjänster och
// förändringsinsatser"): a list by year and provider, and one analysis per provider and year with every part of the
// guideline's content. The security levels start from the provider's services; the differences from their current
// classification come from the engine (ctx.analyses.comparison), never compared here.

import { h, replace } from '../dom.js';
import { compareText, formatMoney } from '../format.js';
import { t, term, terms } from '../i18n.js';
import { createForm, formActions, saveHandler } from './form.js';
import { historyPanel } from './history.js';

const ASPECTS = ['confidentiality', 'integrity', 'availability'];
/** The years of cost an investment shows: the analysis's year and the three after it (a planning period). */
const PERIOD = 4;

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
  const view = { main, ctx, form, record, providerId, year, security: h('section', { class: 'analysis-security', 'aria-labelledby': 'analysis-security-title' }) };
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
    form.field('submitted', form.text('submitted', { maxlength: 10, placeholder: '2026-11-30' }), { label: t('analysis.submitted') }),
    form.field('presented', form.text('presented', { maxlength: 10, placeholder: '2026-12-10' }), { label: t('analysis.presented') }),
  );
}

/** A list part of the analysis: a heading, one group of fields per entry with a remove button, and an add button. */
function listPanel(view, { key, heading, emptyText, blank, fields, addLabel }) {
  const { form } = view;
  const entries = form.draft[key];
  return h(
    'section',
    { class: `analysis-list analysis-${key}` },
    h('h2', {}, heading),
    entries.length ? null : h('p', { class: 'muted' }, emptyText),
    entries.map((entry, i) =>
      h(
        'fieldset',
        { class: 'analysis-entry', dataset: { index: i } },
        h('legend', {}, `${heading} ${i + 1}`),
        fields(entry, i),
        h('button', { type: 'button', class: 'quiet', onclick: () => { entries.splice(i, 1); form.changed(key); view.redraw(); } }, t('analysis.remove')),
      ),
    ),
    h('button', { type: 'button', class: `add-${key}`, onclick: () => { entries.push(blank()); form.changed(key); view.redraw(); } }, addLabel),
  );
}

/** Ongoing and planned investments, each with its cost per year of the period and its total. */
function investmentsPanel(view) {
  const { form, ctx, year } = view;
  const initiatives = [...(ctx.data.initiatives ?? [])]
    .sort((a, b) => compareText(a.case_number, b.case_number))
    .map((i) => ({ key: i.id, label: `${i.case_number} ${i.title}` }));
  const years = Array.from({ length: PERIOD }, (_, i) => year + i);
  return listPanel(view, {
    key: 'investments',
    heading: t('analysis.investments'),
    emptyText: t('analysis.no_investments'),
    addLabel: t('analysis.add_investment'),
    blank: () => ({ status: 'planerad', initiative_id: null, description: '', costs: [] }),
    fields: (investment, i) => {
      // Each year of the period has a cost entry to type into; years outside it stay as they are.
      for (const y of years) if (!investment.costs.some((c) => c.year === y)) investment.costs.push({ year: y, amount: 0 });
      investment.costs.sort((a, b) => a.year - b.year);
      const at = `investments[${i}]`;
      return [
        h(
          'div',
          { class: 'grid' },
          form.field(`${at}.status`, form.select(`${at}.status`, terms('investment_status')), { label: t('analysis.investment_status') }),
          form.field(`${at}.initiative_id`, form.select(`${at}.initiative_id`, initiatives, { empty: t('analysis.no_initiative'), numeric: true }), { label: t('analysis.initiative') }),
        ),
        form.field(`${at}.description`, form.text(`${at}.description`, { multiline: true, rows: 2 }), { label: t('analysis.description'), wide: true }),
        h(
          'div',
          { class: 'grid costs' },
          investment.costs.map((c, j) =>
            form.field(`${at}.costs[${j}].amount`, form.money(`${at}.costs[${j}].amount`), { label: t('analysis.cost_year', { year: c.year }) }),
          ),
          h('p', { class: 'total' }, t('analysis.total', { amount: formatMoney(investment.costs.reduce((sum, c) => sum + (Number(c.amount) || 0), 0)) })),
        ),
      ];
    },
  });
}

/** Development needs for shared services (optionally one of them) and for the digital infrastructure. */
function needsPanel(view) {
  const { form, ctx } = view;
  const services = [...ctx.index.services.values()].sort((a, b) => compareText(a.name, b.name)).map((s) => ({ key: s.id, label: s.name }));
  return listPanel(view, {
    key: 'development_needs',
    heading: t('analysis.needs'),
    emptyText: t('analysis.no_needs'),
    addLabel: t('analysis.add_need'),
    blank: () => ({ area: 'gemensamma_tjanster', title: '', service_id: null, description: '' }),
    fields: (_need, i) => {
      const at = `development_needs[${i}]`;
      return [
        h(
          'div',
          { class: 'grid' },
          form.field(`${at}.area`, form.select(`${at}.area`, terms('need_area')), { label: t('analysis.area') }),
          form.field(`${at}.service_id`, form.select(`${at}.service_id`, services, { empty: t('analysis.no_service'), numeric: true }), { label: t('analysis.service') }),
        ),
        form.field(`${at}.title`, form.text(`${at}.title`, { maxlength: 200 }), { label: t('analysis.need'), wide: true }),
        form.field(`${at}.description`, form.text(`${at}.description`, { multiline: true, rows: 2 }), { label: t('analysis.description'), wide: true }),
      ];
    },
  });
}

/** Incoming needs and requirements from boards and companies on laws and security levels, and how each is met. */
function requirementsPanel(view) {
  const { form, ctx } = view;
  const organisations = [...ctx.index.organisations.values()].sort((a, b) => compareText(a.name, b.name)).map((o) => ({ key: o.id, label: o.name }));
  return listPanel(view, {
    key: 'requirements',
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
          form.field(`${at}.due`, form.text(`${at}.due`, { maxlength: 10, placeholder: '2027-06-30' }), { label: t('analysis.due') }),
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
      h('button', { type: 'button', class: 'primary', id: 'analysis-import-confirm', onclick: confirm }, t('analysis.import_confirm')),
      h('button', { type: 'button', id: 'analysis-import-cancel', onclick: () => replace(slot) }, t('analysis.import_cancel')),
    ),
  );
}
