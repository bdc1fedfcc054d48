// Meetings: the list, the planner (details, who is called, the agenda with reordering and attachments), live
// recording of decisions, approval of the minutes, and export of the meeting papers.

import { ask } from '../ask.js';
import { h, replace } from '../dom.js';
import { compareText, formatDateTime } from '../format.js';
import { t, term, terms, textLimit } from '../i18n.js';
import { createForm, formActions, saveHandler } from './form.js';
import { historyPanel } from './history.js';
import { responsesPanel } from './responses.js';
import { moveItem, meetingState, valuationScope } from '../meetings-logic.js';

function decisionsByItem(ctx) {
  return new Map((ctx.data.decisions ?? []).map((d) => [d.item_id, d]));
}

function attachmentsByItem(ctx) {
  const map = new Map();
  for (const a of ctx.data.attachments ?? []) {
    if (!map.has(a.item_id)) map.set(a.item_id, []);
    map.get(a.item_id).push(a);
  }
  return map;
}

export function renderMeetingList(main, ctx) {
  const decisions = decisionsByItem(ctx);
  const meetings = [...(ctx.data.meetings ?? [])].sort((a, b) => compareText(b.date, a.date) || b.id - a.id);
  const rows = meetings.map((m) => {
    const state = meetingState(m, decisions);
    return h(
      'tr',
      { dataset: { id: m.id } },
      h('td', { class: 'nowrap' }, h('a', { href: `#/moten/${m.id}` }, m.date)),
      h('td', { class: 'nowrap' }, m.start_time ? `${m.start_time}–${m.end_time}` : ''),
      h('td', {}, m.body),
      h('td', {}, m.place),
      h('td', { class: 'number' }, String(m.items.length)),
      h('td', {}, h('span', { class: `badge meeting-${state}` }, t(`meeting.state_${state}`))),
    );
  });
  replace(
    main,
    h(
      'header',
      { class: 'view-header' },
      h('h1', {}, t('meeting.list_title')),
      h(
        'div',
        { class: 'view-actions' },
        h('a', { class: 'button-link', href: '#/dokumentprofil' }, t('profile.title')),
        h('a', { class: 'button-link', href: '#/moten/nytt' }, t('meeting.new')),
      ),
    ),
    h('p', { class: 'lead' }, t('meeting.list_intro')),
    meetings.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'meetings' },
            h(
              'thead',
              {},
              h('tr', {}, ['date', 'time', 'body', 'place', 'items', 'state'].map((c) => h('th', { scope: 'col' }, t(`meeting.col_${c}`)))),
            ),
            h('tbody', {}, rows),
          ),
        )
      : h('p', { class: 'muted' }, t('meeting.none')),
  );
}

function emptyMeeting(ctx) {
  const sets = [...(ctx.data.criteria_sets ?? [])].sort((a, b) => b.period_start - a.period_start);
  // The engine's draft (body, a date two weeks ahead, the times and the opening items), valuing with the latest set.
  return { ...structuredClone(ctx.app.new_records.meeting), criteria_set_id: sets[0]?.id ?? null };
}

function emptyItem(kind = 'beslut') {
  return {
    id: 0,
    kind,
    title: '',
    case_number: '',
    presenter: '',
    officer: '',
    initiative_id: null,
    service_id: null,
    proposed_decision: '',
    summary: '',
    background: '',
    assessment: '',
    confidential: false,
    paragraph: null,
    deviation_id: null,
    scenario_id: null,
    valuation: false,
  };
}

/**
 * One meeting's planner as its parts share it: the stored meeting (null for a new one), the form and its draft,
 * the decisions and attachments by item, the sections each part redraws, the agenda item open for editing, and the
 * choices offered in the item editor.
 */
function meetingView(main, ctx, id, stored) {
  const form = createForm({ entity: 'meeting', record: stored ?? emptyMeeting(ctx) });
  ctx.setForm(form);
  const summary = h('div', { class: 'form-summary', role: 'alert' });
  return {
    main,
    ctx,
    id,
    stored,
    form,
    draft: form.draft,
    summary,
    save: saveHandler({
      form,
      summary,
      persist: (record) => ctx.save('meeting', record),
      onSaved: (savedId) => {
        if (savedId === id) renderMeeting(main, ctx, savedId);
        else ctx.navigate(`#/moten/${savedId}`);
      },
      showError: ctx.showError,
    }),
    decisions: decisionsByItem(ctx),
    /** What the decisions recorded in this session did, by item id (shown under each until the app closes). */
    effects: effectsOf(id),
    attachments: attachmentsByItem(ctx),
    peopleSection: h('section', { class: 'form-section', 'aria-labelledby': 'people-title' }),
    agendaSection: h('section', { class: 'form-section agenda', 'aria-labelledby': 'agenda-title' }),
    exportPanel: h('section', { class: 'export-panel', 'aria-labelledby': 'export-title' }),
    decisionsSection: h('section', { class: 'decisions', 'aria-labelledby': 'decisions-title' }),
    openItem: null,
    initiatives: [...ctx.index.initiatives.values()]
      .sort((a, b) => compareText(a.case_number, b.case_number))
      .map((i) => ({ key: i.id, label: `${i.case_number} ${i.title}` })),
    services: [...ctx.index.services.values()].sort((a, b) => compareText(a.name, b.name)).map((s) => ({ key: s.id, label: s.name })),
    deviations: (ctx.data.deviations ?? []).map((d) => ({ key: d.id, label: `${term('deviation_kind', d.kind)}: ${d.title}` })),
    scenarios: (ctx.data.scenarios ?? []).map((sc) => ({ key: sc.id, label: sc.name })),
  };
}

/** Draws the meeting again from the data loaded since (after an attachment, a decision, an approval). */
/** What decisions recorded in this session did, per meeting id, then per item id. */
const recordedEffects = new Map();

function effectsOf(meetingId) {
  if (!recordedEffects.has(meetingId)) recordedEffects.set(meetingId, new Map());
  return recordedEffects.get(meetingId);
}

function redraw(v) {
  renderMeeting(v.main, v.ctx, v.id);
}

function personRow(v, person, i) {
  const { form, draft } = v;
  const attended = person.attended === null ? '' : String(person.attended);
  const attendance = h(
    'select',
    { 'aria-label': t('meeting.attendance_of', { name: person.name || '–' }) },
    h('option', { value: '', selected: attended === '' }, t('meeting.attendance_unknown')),
    h('option', { value: 'true', selected: attended === 'true' }, t('meeting.present')),
    h('option', { value: 'false', selected: attended === 'false' }, t('meeting.absent')),
  );
  attendance.addEventListener('change', () => {
    person.attended = attendance.value === '' ? null : attendance.value === 'true';
    form.changed(`people[${i}].attended`);
  });
  const role = h('select', { 'aria-label': t('meeting.role_of', { name: person.name || '–' }) }, terms('person_role').map((r) => h('option', { value: r.key, selected: r.key === person.role }, r.label)));
  role.addEventListener('change', () => {
    person.role = role.value;
    form.changed(`people[${i}].role`);
  });
  const name = form.text(`people[${i}].name`);
  name.setAttribute('aria-label', t('meeting.person_name'));
  const organisation = form.text(`people[${i}].organisation`);
  organisation.setAttribute('aria-label', t('meeting.person_organisation'));
  return h(
    'tr',
    {},
    h('td', { dataset: { field: `people[${i}].name` } }, name, h('p', { class: 'field-message', role: 'status' })),
    h('td', {}, organisation),
    h('td', {}, role),
    h('td', {}, attendance),
    h('td', {}, h('button', { type: 'button', class: 'quiet', 'aria-label': t('meeting.remove_person', { name: person.name }), onclick: () => { draft.people.splice(i, 1); form.changed('people'); renderPeople(v); } }, '×')),
  );
}

/** Who is called: a row per person, and calling the group's members, a guest or everyone present. */
function renderPeople(v) {
  const { ctx, form, draft, peopleSection } = v;
  const members = ctx.data.members ?? [];
  const notCalled = members.filter((m) => !draft.people.some((p) => p.member_id === m.id));
  replace(
    peopleSection,
    h('h2', { id: 'people-title' }, t('meeting.people')),
    draft.people.length
      ? h(
          'table',
          { class: 'people' },
          h('thead', {}, h('tr', {}, ['name', 'organisation', 'role', 'attendance'].map((c) => h('th', { scope: 'col' }, t(`meeting.person_${c}`))), h('th'))),
          h('tbody', {}, draft.people.map((person, i) => personRow(v, person, i))),
        )
      : h('p', { class: 'muted' }, t('meeting.no_people')),
    h(
      'div',
      { class: 'form-actions' },
      h('button', {
        type: 'button',
        disabled: notCalled.length === 0,
        onclick: () => {
          for (const m of notCalled) {
            const organisation = ctx.index.organisations.get(m.organisation_id)?.name ?? '';
            draft.people.push({ name: m.name, organisation, role: 'ledamot', attended: null, member_id: m.id });
          }
          form.changed('people');
          renderPeople(v);
        },
      }, t('meeting.call_members', { count: notCalled.length })),
      h('button', { type: 'button', onclick: () => { draft.people.push({ name: '', organisation: '', role: 'adjungerad', attended: null, member_id: null }); form.changed('people'); renderPeople(v); peopleSection.querySelector('tbody tr:last-child input')?.focus(); } }, t('meeting.add_person')),
      h('button', { type: 'button', disabled: draft.people.length === 0, onclick: () => { for (const p of draft.people) p.attended = true; form.changed('people'); renderPeople(v); } }, t('meeting.all_present')),
    ),
  );
}

function moveAgendaItem(v, from, to, focus = true) {
  if (!moveItem(v.draft.items, from, to)) return;
  if (v.openItem === from) v.openItem = to;
  v.form.changed('items');
  renderAgenda(v);
  if (focus) v.agendaSection.querySelector(`[data-index="${to}"] .handle`)?.focus();
  v.ctx.notify(t('meeting.moved', { title: v.draft.items[to].title || '–', position: to + 1 }));
}

/** An agenda item's line: the handle to drag or move it by keyboard, its number, title and badges. */
function agendaItemHead(v, item, i, files, decided) {
  const handle = h('button', {
    type: 'button',
    class: 'handle',
    draggable: 'true',
    'aria-label': t('meeting.move_handle', { title: item.title || '–' }),
    title: t('meeting.move_hint'),
  }, '⠿');
  handle.addEventListener('keydown', (event) => {
    if (event.altKey && event.key === 'ArrowUp') { event.preventDefault(); moveAgendaItem(v, i, i - 1); }
    if (event.altKey && event.key === 'ArrowDown') { event.preventDefault(); moveAgendaItem(v, i, i + 1); }
  });
  const head = h(
    'div',
    { class: 'item-head' },
    handle,
    h('span', { class: 'item-number' }, item.paragraph ? `§ ${item.paragraph}` : `${i + 1}.`),
    h('button', { type: 'button', class: 'link-like item-title', 'aria-expanded': String(v.openItem === i), onclick: () => { v.openItem = v.openItem === i ? null : i; renderAgenda(v); } }, item.title || t('meeting.untitled')),
    h('span', { class: 'muted' }, term('item_kind', item.kind)),
    item.case_number ? h('span', { class: 'mono muted' }, item.case_number) : null,
    files.length ? h('span', { class: 'badge muted-badge' }, t('meeting.attachment_count', { count: files.length })) : null,
    decided ? h('span', { class: 'badge meeting-decided' }, term('decision_outcome', decided.outcome)) : null,
    item.valuation ? h('span', { class: 'badge valuation-badge' }, t('meeting.valuation_badge')) : null,
    item.confidential ? h('span', { class: 'badge warning' }, t('meeting.confidential')) : null,
    h('span', { class: 'item-moves' },
      h('button', { type: 'button', class: 'quiet', disabled: i === 0, 'aria-label': t('meeting.move_up', { title: item.title || '–' }), onclick: () => moveAgendaItem(v, i, i - 1) }, '↑'),
      h('button', { type: 'button', class: 'quiet', disabled: i === v.draft.items.length - 1, 'aria-label': t('meeting.move_down', { title: item.title || '–' }), onclick: () => moveAgendaItem(v, i, i + 1) }, '↓'),
    ),
  );
  return { head, handle };
}

/** One agenda item: its line, dragged and dropped by the handle, and its editor when open. */
function agendaEntry(v, item, i) {
  const decided = v.decisions.get(item.id);
  const files = v.attachments.get(item.id) ?? [];
  const { head, handle } = agendaItemHead(v, item, i, files, decided);
  const entry = h('li', { class: 'agenda-item', dataset: { index: i } }, head);
  handle.addEventListener('dragstart', (event) => {
    event.dataTransfer.setData('text/plain', String(i));
    event.dataTransfer.effectAllowed = 'move';
    entry.classList.add('dragging');
  });
  handle.addEventListener('dragend', () => entry.classList.remove('dragging'));
  entry.addEventListener('dragover', (event) => { event.preventDefault(); entry.classList.add('drop-target'); });
  entry.addEventListener('dragleave', () => entry.classList.remove('drop-target'));
  entry.addEventListener('drop', (event) => {
    event.preventDefault();
    entry.classList.remove('drop-target');
    const from = Number(event.dataTransfer.getData('text/plain'));
    if (Number.isInteger(from) && from !== i) moveAgendaItem(v, from, i, false);
  });
  if (v.openItem === i) entry.append(itemEditor(v, item, i, files, decided));
  return entry;
}

/** The agenda: the items in order, and a button to add an item of each kind. */
function renderAgenda(v) {
  const { form, draft, agendaSection } = v;
  const list = h('ol', { class: 'agenda-list' }, draft.items.map((item, i) => agendaEntry(v, item, i)));
  replace(
    agendaSection,
    h('h2', { id: 'agenda-title' }, t('meeting.agenda')),
    h('p', { class: 'hint' }, t('meeting.agenda_hint')),
    draft.items.length ? list : h('p', { class: 'muted' }, t('meeting.no_items')),
    h(
      'div',
      { class: 'form-actions' },
      terms('item_kind').map((kind) =>
        h('button', { type: 'button', onclick: () => { draft.items.push(emptyItem(kind.key)); v.openItem = draft.items.length - 1; form.changed('items'); renderAgenda(v); agendaSection.querySelector('.item-editor input')?.focus(); } }, t('meeting.add_item', { kind: kind.label.toLowerCase() })),
      ),
    ),
  );
}

/** An item's fields: title, kind, case, who presents it, and the initiative, service or deviation it is about. */
function itemFields(v, i) {
  const { ctx, form, draft } = v;
  const at = (field) => `items[${i}].${field}`;
  // The initiative linked when the fields were drawn: what it filled in may follow a new link.
  const linkedBefore = ctx.index.initiatives.get(draft.items[i].initiative_id);
  return h(
    'div',
    { class: 'grid' },
    form.field(at('title'), form.text(at('title'), { maxlength: textLimit('name') }), { label: t('meeting.item_title'), wide: true }),
    form.field(at('kind'), form.select(at('kind'), terms('item_kind'), { onSelect: () => renderAgenda(v) }), { label: t('meeting.item_kind') }),
    form.field(at('case_number'), form.text(at('case_number'), { placeholder: 'SLK-2026-00123' }), { label: t('meeting.item_case_number') }),
    form.field(at('presenter'), form.text(at('presenter')), { label: t('meeting.item_presenter') }),
    form.field(at('officer'), form.text(at('officer')), { label: t('meeting.item_officer') }),
    form.field(at('initiative_id'), form.select(at('initiative_id'), v.initiatives, {
      empty: t('meeting.none_linked'),
      numeric: true,
      onSelect: (value) => {
        const initiative = ctx.index.initiatives.get(value);
        if (initiative) {
          const item = draft.items[i];
          item.service_id = null;
          // A field still empty, or still as the previously linked initiative filled it, follows the new link; one
          // the secretary wrote stays.
          const follows = (field, before) => !item[field] || (linkedBefore && item[field] === before);
          if (follows('title', linkedBefore?.title)) item.title = initiative.title;
          if (follows('case_number', linkedBefore?.case_number)) item.case_number = initiative.case_number;
          if (follows('summary', linkedBefore?.description ?? '')) item.summary = initiative.description ?? '';
          renderAgenda(v);
        }
      },
    }), { label: t('meeting.item_initiative') }),
    form.field(at('service_id'), form.select(at('service_id'), v.services, { empty: t('meeting.none_linked'), numeric: true, onSelect: (value) => { if (value) { draft.items[i].initiative_id = null; renderAgenda(v); } } }), { label: t('meeting.item_service') }),
    form.field(at('deviation_id'), form.select(at('deviation_id'), v.deviations, { empty: t('meeting.none_linked'), numeric: true }), { label: t('meeting.item_deviation'), hint: t('meeting.item_deviation_hint') }),
    form.field(at('scenario_id'), form.select(at('scenario_id'), v.scenarios, { empty: t('meeting.none_linked'), numeric: true }), { label: t('meeting.item_scenario'), hint: t('meeting.item_scenario_hint') }),
    valuationField(v, i),
  );
}

/**
 * Whether the item is the valuation of the meeting's criteria set, with what that means for the members'
 * packages: every initiative and service of the set to score (the engine checks that the meeting has a set and
 * values it once).
 */
function valuationField(v, i) {
  const { ctx, form, draft } = v;
  const set = (ctx.data.criteria_sets ?? []).find((s) => s.id === draft.criteria_set_id);
  const scope = valuationScope(set);
  return h(
    'div',
    { class: 'field wide valuation-field' },
    form.checkbox(`items[${i}].valuation`, t('meeting.item_valuation')),
    h('p', { class: 'hint', id: `valuation-hint-${i}` }, scope
      ? t('meeting.item_valuation_hint', { set: scope.name, initiatives: scope.initiatives, services: scope.services })
      : t('meeting.item_valuation_no_set')),
  );
}

/** An item's attachments: the list with a remove button each, and adding one once the item is saved. */
function itemFiles(v, item, files) {
  const { ctx, form } = v;
  const fileList = h(
    'ul',
    { class: 'attachments' },
    files.map((file) =>
      h('li', {}, h('span', {}, file.name), h('span', { class: 'muted' }, ` ${file.media_type === 'application/pdf' ? 'PDF' : file.media_type.replace('image/', '').toUpperCase()}, ${Math.ceil((file.data.length * 3) / 4 / 1024)} kB `),
        h('button', { type: 'button', class: 'quiet', 'aria-label': t('meeting.remove_attachment', { name: file.name }), onclick: async () => { if (await ctx.meetings.deleteAttachment(file.id, file.name)) redraw(v); } }, '×')),
    ),
  );
  return h(
    'div',
    { class: 'item-files' },
    h('h3', {}, t('meeting.attachments')),
    files.length ? fileList : h('p', { class: 'muted' }, t('meeting.no_attachments')),
    item.id
      ? h('button', { type: 'button', disabled: form.dirty, title: form.dirty ? t('meeting.save_first') : null, onclick: async () => { if (await ctx.meetings.addAttachment(item.id)) redraw(v); } }, t('meeting.add_attachment'))
      : h('p', { class: 'hint' }, t('meeting.attach_after_save')),
  );
}

/** An item's papers (memo, extract once decided) and removing it (not once decided). */
function itemActions(v, item, i, decided) {
  const { form, draft } = v;
  return h(
    'div',
    { class: 'form-actions' },
    item.id && v.id
      ? h('button', { type: 'button', class: 'export', onclick: () => exportPaper(v, 'underlag', i + 1) }, t('meeting.export_memo'))
      : null,
    item.id && decided
      ? h('button', { type: 'button', class: 'export', onclick: () => exportPaper(v, 'utdrag', i + 1) }, t('meeting.export_extract'))
      : null,
    h('button', {
      type: 'button',
      class: 'danger',
      disabled: Boolean(decided),
      title: decided ? t('meeting.item_has_decision') : null,
      onclick: async () => {
        if (!(await ask(t('common.confirm_delete', { name: item.title || '–' }), { confirm: t('ask.delete'), danger: true }))) return;
        draft.items.splice(i, 1);
        v.openItem = null;
        form.changed('items');
        renderAgenda(v);
      },
    }, t('meeting.remove_item')),
  );
}

function itemEditor(v, item, i, files, decided) {
  const { form } = v;
  const at = (field) => `items[${i}].${field}`;
  return h(
    'div',
    { class: 'item-editor' },
    itemFields(v, i),
    form.field(at('proposed_decision'), form.text(at('proposed_decision'), { multiline: true, rows: 3 }), { label: t('meeting.item_proposal'), hint: t('meeting.item_proposal_hint'), wide: true }),
    form.field(at('summary'), form.text(at('summary'), { multiline: true, rows: 3 }), { label: t('meeting.item_summary'), wide: true }),
    form.field(at('background'), form.text(at('background'), { multiline: true, rows: 3 }), { label: t('meeting.item_background'), wide: true }),
    form.field(at('assessment'), form.text(at('assessment'), { multiline: true, rows: 3 }), { label: t('meeting.item_assessment'), wide: true }),
    form.checkbox(at('confidential'), t('meeting.item_confidential')),
    itemFiles(v, item, files),
    itemActions(v, item, i, decided),
  );
}

async function exportPaper(v, kind, item = null, choice = {}) {
  if (v.form.dirty) {
    v.ctx.notify(t('meeting.save_first'), 'error');
    return;
  }
  await v.ctx.meetings.exportPaper({ kind, meeting_id: v.id, item, language: v.ctx.language, ...choice });
}

/** What goes into the packet: the items ticked (all by default) and whether attachments come along. */
function packetChoice(v) {
  const boxes = [...v.exportPanel.querySelectorAll('input[data-packet-item]')];
  const ticked = boxes.filter((b) => b.checked).map((b) => Number(b.dataset.packetItem));
  return {
    items: ticked.length === boxes.length ? [] : ticked,
    without_attachments: !v.exportPanel.querySelector('#packet-attachments').checked,
  };
}

function exportButtons(v) {
  return h(
    'div',
    { class: 'export-buttons' },
    h('button', { type: 'button', class: 'export', onclick: () => exportPaper(v, 'kallelse') }, t('meeting.export_notice')),
    h('button', { type: 'button', class: 'export', onclick: () => exportPaper(v, 'underlag') }, t('meeting.export_memos')),
    h('button', {
      type: 'button',
      class: 'export primary',
      onclick: () => {
        const choice = packetChoice(v);
        if (choice.items.length === 0 && v.exportPanel.querySelectorAll('input[data-packet-item]:checked').length === 0) {
          v.ctx.notify(t('meeting.packet_nothing'), 'error');
          return;
        }
        exportPaper(v, 'paket', null, choice);
      },
    }, t('meeting.export_packet')),
    h('button', { type: 'button', class: 'export', onclick: () => exportPaper(v, 'protokoll') }, t('meeting.export_minutes')),
  );
}

/** Where papers are saved and whether they open afterwards. */
function exportSettings(v) {
  const settings = v.ctx.app;
  const openAfter = h('input', { type: 'checkbox', id: 'open-after-export', checked: settings.open_after_export });
  openAfter.addEventListener('change', () => v.ctx.meetings.savePaperSettings(settings.papers_folder, openAfter.checked));
  return h(
    'div',
    { class: 'export-settings' },
    h('p', {}, settings.papers_folder ? t('meeting.saved_in', { folder: settings.papers_folder }) : t('meeting.ask_where')),
    h('button', { type: 'button', class: 'quiet', onclick: () => v.ctx.meetings.choosePapersFolder() }, t('meeting.choose_folder')),
    settings.papers_folder
      ? h('button', { type: 'button', class: 'quiet', onclick: () => v.ctx.meetings.savePaperSettings(null, settings.open_after_export) }, t('meeting.ask_each_time'))
      : null,
    h('div', { class: 'field checkbox' }, openAfter, h('label', { for: 'open-after-export' }, t('meeting.open_after'))),
  );
}

/** The papers of a stored meeting: notice, memos, packet (with the items and attachments chosen), minutes. */
function renderExport(v) {
  const { exportPanel } = v;
  exportPanel.hidden = !v.id;
  if (!v.id) return;
  replace(
    exportPanel,
    h('h2', { id: 'export-title' }, t('meeting.papers')),
    exportButtons(v),
    h(
      'details',
      { class: 'packet-choice' },
      h('summary', {}, t('meeting.packet_contents')),
      h(
        'ul',
        {},
        v.stored.items.map((item, i) =>
          h('li', {}, h('label', {}, h('input', { type: 'checkbox', checked: true, dataset: { packetItem: i + 1 } }), ` ${i + 1}. ${item.title}`)),
        ),
      ),
      h('label', {}, h('input', { type: 'checkbox', id: 'packet-attachments', checked: true }), ` ${t('meeting.packet_attachments')}`),
    ),
    exportSettings(v),
  );
}

/** One stored item's decision: outcome, text and notes, recorded, changed or removed (until approved). */
function decisionCard(v, item, i) {
  const { ctx, form, stored } = v;
  const decided = v.decisions.get(item.id);
  // A decision item's outcome is chosen, never assumed: "Prioriteras" by default recorded the opposite of a proposal
  // not to prioritise whenever the secretary did not look. Other items are noted unless chosen otherwise.
  const chosen = decided?.outcome ?? (item.kind === 'beslut' ? '' : 'noterad');
  const outcome = h(
    'select',
    { 'aria-label': t('meeting.outcome_of', { title: item.title }) },
    chosen === '' ? h('option', { value: '', selected: true }, t('meeting.choose_outcome')) : null,
    terms('decision_outcome').map((o) => h('option', { value: o.key, selected: o.key === chosen }, o.label)),
  );
  const text = h('textarea', { rows: 3, 'aria-label': t('meeting.decision_text_of', { title: item.title }) });
  text.value = decided?.text ?? (item.proposed_decision || (item.kind === 'beslut' ? '' : t('meeting.noted_text')));
  const notes = h('textarea', { rows: 2, 'aria-label': t('meeting.notes_of', { title: item.title }) });
  notes.value = decided?.notes ?? '';
  const message = h('p', { class: 'field-message', role: 'status' });
  const record = async () => {
    replace(message);
    outcome.removeAttribute('aria-invalid');
    if (!outcome.value) {
      replace(message, t('meeting.outcome_required'));
      outcome.setAttribute('aria-invalid', 'true');
      outcome.focus();
      return;
    }
    if (!text.value.trim()) {
      replace(message, t('meeting.decision_required'));
      text.focus();
      return;
    }
    const effects = await ctx.meetings.recordDecision({ id: decided?.id ?? 0, item_id: item.id, outcome: outcome.value, text: text.value, notes: notes.value });
    if (effects) {
      v.effects.set(item.id, effects);
      redraw(v);
    }
  };
  return h(
    'li',
    { class: `decision-card${decided ? ' decided' : ''}`, dataset: { itemId: item.id } },
    h('h3', {}, item.paragraph ? `§ ${item.paragraph} ` : `${i + 1}. `, item.title),
    h('div', { class: 'grid' },
      h('div', { class: 'field' }, h('label', {}, t('meeting.outcome'), outcome)),
    ),
    h('div', { class: 'field wide' }, h('label', {}, t('meeting.decision_text'), text), message),
    h('div', { class: 'field wide' }, h('label', {}, t('meeting.notes'), notes)),
    effectsList(v.effects.get(item.id)),
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: decided ? '' : 'primary', disabled: form.dirty, title: form.dirty ? t('meeting.save_first') : null, onclick: record }, decided ? t('meeting.change_decision') : t('meeting.record_decision')),
      decided && !stored.approved_at
        ? h('button', { type: 'button', class: 'quiet', onclick: async () => { if (await ctx.meetings.deleteDecision(decided.id, item.title)) redraw(v); } }, t('meeting.remove_decision'))
        : null,
    ),
  );
}

/** What recording a decision did: the initiatives it moved, those that stay and why, the deviation informed. */
function effectsList(effects) {
  if (!effects) return null;
  const lines = [];
  const state = (key) => term('initiative_state', key);
  for (const m of effects.reversed) lines.push(t('meeting.effect_reversed', { name: m.label, from: state(m.from), to: state(m.to) }));
  for (const m of effects.moved) lines.push(t('meeting.effect_moved', { name: m.label, from: state(m.from), to: state(m.to) }));
  for (const u of effects.unmoved) {
    lines.push(
      u.missing.length
        ? t('meeting.effect_stays_missing', { name: u.label, state: state(u.state), to: state(u.to), missing: u.missing.map((r) => term('requirement', r)).join(', ') })
        : t('meeting.effect_stays', { name: u.label, state: state(u.state), to: state(u.to) }),
    );
  }
  if (effects.informed) lines.push(t('meeting.effect_informed', { name: effects.informed }));
  if (effects.deviation_waiting) {
    const [name, next] = effects.deviation_waiting;
    lines.push(t('meeting.effect_deviation_waiting', { name, next: next ? term('deviation_step', next) : '–' }));
  }
  if (effects.budget_chosen) lines.push(t('meeting.effect_budget', { chosen: effects.budget_chosen[0], count: effects.budget_chosen[1] }));
  if (!lines.length) return null;
  return h('ul', { class: 'decision-effects', role: 'status' }, lines.map((line) => h('li', {}, line)));
}

/** A field of a meeting or a decision as the corrections name it. */
function correctionField(change, field) {
  const key = `meeting.correction_${change.entity}_${field}`;
  const label = t(key);
  return label === key ? field : label;
}

/** Approving the minutes, or when and by whom they were approved, with the corrections made since. */
function approvalPanel(v) {
  const { ctx, form, stored } = v;
  const approved = stored.approved_at;
  const corrections = h('div', { class: 'corrections' });
  if (approved) {
    ctx.meetings.corrections(v.id).then((changes) => {
      replace(
        corrections,
        changes.length
          ? [
              h('h3', {}, t('meeting.corrections')),
              h('ul', {}, changes.map((c) => h('li', {}, t('meeting.correction_line', { at: formatDateTime(c.at, ctx.language), by: c.by, fields: c.fields.map((f) => correctionField(c, f.field)).join(', ') })))),
            ]
          : h('p', { class: 'muted' }, t('meeting.no_corrections')),
      );
    });
  }
  return h(
    'div',
    { class: 'approval' },
    approved
      ? h('p', { class: 'banner' }, t('meeting.approved', { at: formatDateTime(approved, ctx.language), by: stored.approved_by ?? '' }))
      : h('button', {
          type: 'button',
          class: 'primary',
          id: 'approve-minutes',
          disabled: v.decisions.size === 0 || form.dirty,
          onclick: () => confirmApproval(v),
        }, t('meeting.approve')),
    corrections,
  );
}

/** Asks who checked the minutes (the justerare, by default the meeting's) and for confirmation before approving. */
function confirmApproval(v) {
  const { ctx, stored } = v;
  const dialog = document.getElementById('approve-dialog') ?? document.body.appendChild(h('dialog', { id: 'approve-dialog', 'aria-labelledby': 'approve-title' }));
  const checker = h('input', { type: 'text', id: 'approve-checker', value: stored.minutes_checker ?? '', maxlength: textLimit('name'), 'aria-describedby': 'approve-hint' });
  const message = h('p', { class: 'field-message', role: 'alert' });
  const form = h(
    'form',
    { method: 'dialog' },
    h('h2', { id: 'approve-title' }, t('meeting.approve_title', { date: stored.date })),
    h('p', { id: 'approve-hint' }, t('meeting.confirm_approve')),
    h('div', { class: 'field' }, h('label', { for: 'approve-checker' }, t('meeting.approve_checker')), checker, message),
    h('p', { class: 'muted' }, t('meeting.approve_recorded_by', { name: ctx.app.user_name || '–' })),
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary', id: 'approve-confirm' }, t('meeting.approve_confirm')),
      h('button', { type: 'button', id: 'approve-cancel', onclick: () => dialog.close() }, t('common.cancel')),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!checker.value.trim()) {
      message.textContent = t('meeting.approve_checker_required');
      checker.focus();
      return;
    }
    dialog.close();
    if (await ctx.meetings.approveMinutes(v.id, checker.value.trim())) redraw(v);
  });
  replace(dialog, form);
  dialog.showModal();
  checker.focus();
}

/** The decisions of a stored meeting, item by item, and the approval of the minutes. */
function renderDecisions(v) {
  const { stored, decisionsSection } = v;
  decisionsSection.hidden = !stored;
  if (!stored) return;
  replace(
    decisionsSection,
    h('h2', { id: 'decisions-title' }, t('meeting.decisions')),
    h('p', { class: 'hint' }, t('meeting.decisions_hint')),
    h('ol', { class: 'decision-list' }, stored.items.map((item, i) => decisionCard(v, item, i))),
    approvalPanel(v),
  );
}

/** The meeting's details: body, date and time, place, case, who checks the minutes, the criteria set. */
function detailsSection(v) {
  const { ctx, form, draft } = v;
  const sets = [...(ctx.data.criteria_sets ?? [])].sort((a, b) => b.period_start - a.period_start).map((s) => ({ key: s.id, label: s.name }));
  return h(
    'section',
    { class: 'form-section', 'aria-labelledby': 'details-title' },
    h('h2', { id: 'details-title' }, t('meeting.details')),
    h(
      'div',
      { class: 'grid' },
      form.field('body', form.text('body', { maxlength: textLimit('name') }), { label: t('meeting.body'), wide: true }),
      form.field('date', form.text('date', { placeholder: '2026-12-03', maxlength: textLimit('date') }), { label: t('meeting.date'), hint: t('meeting.date_hint') }),
      form.field('start_time', h('input', { type: 'time', value: draft.start_time, onchange: (e) => { draft.start_time = e.target.value; form.changed('start_time'); } }), { label: t('meeting.start_time') }),
      form.field('end_time', h('input', { type: 'time', value: draft.end_time, onchange: (e) => { draft.end_time = e.target.value; form.changed('end_time'); } }), { label: t('meeting.end_time') }),
      form.field('place', form.text('place'), { label: t('meeting.place'), wide: true }),
      form.field('link', form.text('link', { placeholder: 'https://' }), { label: t('meeting.link'), wide: true }),
      form.field('case_number', form.text('case_number', { placeholder: 'SLK-2026-00950' }), { label: t('meeting.case_number') }),
      form.field('minutes_checker', form.text('minutes_checker'), { label: t('meeting.minutes_checker') }),
      form.field('absence_contact', form.text('absence_contact'), { label: t('meeting.absence_contact'), wide: true }),
      form.field('criteria_set_id', form.select('criteria_set_id', sets, { empty: t('meeting.no_set'), numeric: true }), { label: t('meeting.criteria_set'), hint: t('meeting.criteria_set_hint') }),
    ),
  );
}

/** The latest drawing of a meeting: one that finishes after a newer one, or after the user left, draws nothing. */
let latestDrawing = 0;

/**
 * The planner of one meeting (`id` null for a new one). A stored meeting's package status is loaded before the view
 * is drawn: drawn later above the minutes, it pushed the decisions down under the user's pointer.
 */
export async function renderMeeting(main, ctx, id) {
  const stored = id ? ctx.data.meetings.find((m) => m.id === id) : null;
  if (id && !stored) {
    ctx.navigate('#/moten');
    return;
  }
  const drawing = ++latestDrawing;
  const shownAt = location.hash;
  const packageStatus = stored ? await ctx.packages.status(stored.id) : null;
  if (drawing !== latestDrawing || location.hash !== shownAt) return;
  const v = meetingView(main, ctx, id, stored);
  const { form, decisions, decisionsSection } = v;
  replace(
    form.element,
    v.summary,
    stored?.approved_at ? h('p', { class: 'banner' }, t('meeting.approved_notice')) : null,
    detailsSection(v),
    v.peopleSection,
    v.agendaSection,
    formActions({
      onSave: v.save,
      saveLabel: t('meeting.save'),
      onCancel: () => { form.markClean(); ctx.navigate('#/moten'); },
      onDelete: stored && !stored.approved_at && decisions.size === 0
        ? async () => { if (await ctx.remove('meeting', stored.id, `${stored.body} ${stored.date}`)) ctx.navigate('#/moten'); }
        : null,
    }),
  );
  renderPeople(v);
  renderAgenda(v);
  renderExport(v);
  renderDecisions(v);
  const state = stored ? meetingState(stored, decisions) : 'planned';
  replace(
    main,
    h('nav', { class: 'breadcrumb', 'aria-label': t('meeting.breadcrumb') }, h('a', { href: '#/moten' }, t('meeting.list_title'))),
    h(
      'header',
      { class: 'view-header' },
      h('h1', {}, stored ? t('meeting.title', { date: stored.date }) : t('meeting.new_title')),
      stored ? h('span', { class: `badge meeting-${state}` }, t(`meeting.state_${state}`)) : null,
    ),
    v.exportPanel,
    stored ? responsesPanel(ctx, stored, packageStatus) : null,
    form.element,
    decisionsSection,
    stored ? historyPanel(ctx, 'meeting', stored.id) : null,
  );
  // Saving reloads the data; re-render the export and decision parts when the form's state changes.
  form.element.addEventListener('change', () => {
    for (const button of decisionsSection.querySelectorAll('button')) {
      if (form.dirty && !button.classList.contains('quiet')) {
        button.disabled = true;
        button.title = t('meeting.save_first');
      }
    }
  });
}

/** The organisation, office, logo and fixed texts of every paper. */
export function renderDocumentProfile(main, ctx) {
  const form = createForm({ entity: 'document_profile', record: ctx.data.document_profile });
  ctx.setForm(form);
  const summary = h('div', { class: 'form-summary', role: 'alert' });
  const save = saveHandler({
    form,
    summary,
    persist: (record) => ctx.save('document_profile', record),
    onSaved: () => renderDocumentProfile(main, ctx),
    showError: ctx.showError,
  });
  const profile = ctx.data.document_profile;
  const logo = profile.logo
    ? h('img', { class: 'logo-preview', src: `data:${profile.logo_media_type};base64,${profile.logo}`, alt: t('profile.logo_alt') })
    : h('p', { class: 'muted' }, t('profile.no_logo'));
  replace(
    form.element,
    summary,
    h(
      'section',
      { class: 'form-section' },
      h('div', { class: 'grid' },
        form.field('organisation', form.text('organisation'), { label: t('profile.organisation') }),
        form.field('office', form.text('office'), { label: t('profile.office') }),
      ),
      h('div', { class: 'logo-field' },
        h('h2', {}, t('profile.logo')),
        logo,
        h('div', { class: 'form-actions' },
          h('button', { type: 'button', disabled: form.dirty, onclick: async () => { if (await ctx.meetings.chooseLogo()) renderDocumentProfile(main, ctx); } }, t('profile.choose_logo')),
          profile.logo
            ? h('button', { type: 'button', class: 'quiet', onclick: async () => { form.draft.logo = ''; form.draft.logo_media_type = ''; await save(); } }, t('profile.remove_logo'))
            : null,
        ),
      ),
      form.field('notice_text', form.text('notice_text', { multiline: true }), { label: t('profile.notice_text'), wide: true }),
      form.field('absence_text', form.text('absence_text'), { label: t('profile.absence_text'), hint: t('profile.absence_hint'), wide: true }),
      form.field('confidential_text', form.text('confidential_text', { multiline: true }), { label: t('profile.confidential_text'), wide: true }),
      form.field('signature_text', form.text('signature_text', { multiline: true, rows: 2 }), { label: t('profile.signature_text'), wide: true }),
    ),
    formActions({ onSave: save }),
  );
  replace(
    main,
    h('nav', { class: 'breadcrumb', 'aria-label': t('meeting.breadcrumb') }, h('a', { href: '#/moten' }, t('meeting.list_title'))),
    h('header', { class: 'view-header' }, h('h1', {}, t('profile.title'))),
    h('p', { class: 'lead' }, t('profile.intro')),
    form.element,
    historyPanel(ctx, 'document_profile', 1),
  );
}
