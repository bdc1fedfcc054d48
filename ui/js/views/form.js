// Building blocks for record forms: controls bound to a draft record, field labels and inline messages.
// A form keeps its own draft; the engine checks it (live, on leaving a field) and when it is saved.

import { h, replace } from '../dom.js';
import { formatDecimal, fractionToPercent, moneyInputText, parseDecimal, parseMoney, percentToFraction } from '../format.js';
import { fieldLabel, problemText, t } from '../i18n.js';
import { backend } from '../backend.js';

let nextId = 0;

/** Reads `costs[1].development` or `security.integrity` from an object. */
export function getPath(object, path) {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .reduce((value, key) => (value === null || value === undefined ? undefined : value[key]), object);
}

/** Writes a value at a path like `costs[1].development`. */
export function setPath(object, path, value) {
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let target = object;
  for (const key of keys.slice(0, -1)) target = target[key];
  target[keys.at(-1)] = value;
}

/**
 * A form over a copy of `record`. Controls made with its helpers write into `form.draft`, mark their field
 * touched, and show the engine's messages for it.
 * @param {{entity: string, record: object, onChange?: (draft: object) => void}} options
 */
export function createForm({ entity, record, onChange }) {
  const element = h('form', { class: 'record-form', novalidate: true, dataset: { entity } });
  element.addEventListener('submit', (event) => event.preventDefault());
  /** What the form's controls and its message rendering share. */
  const state = {
    entity,
    element,
    onChange,
    draft: structuredClone(record),
    touched: new Set(),
    localProblems: new Map(), // field → message for input the UI could not even read (money text)
    showAll: false,
    dirty: false,
    checkTimer: null,
    generation: 0, // counts checks and shown refusals, so a late check never hides a newer refusal
    lastProblems: [],
  };

  const form = {
    entity,
    draft: state.draft,
    element,
    get dirty() {
      return state.dirty;
    },
    markClean() {
      state.dirty = false;
    },

    /** Called by controls after they changed the draft. */
    changed(field) {
      state.dirty = true;
      state.touched.add(field);
      onChange?.(state.draft);
      clearTimeout(state.checkTimer);
      state.checkTimer = setTimeout(() => form.check(), 250);
    },

    /** A labelled field: label, control, hint and a message slot, tied together for assistive technology. */
    field: (fieldKey, control, options) => labelledField(entity, fieldKey, control, options),
    text: (fieldKey, options) => textControl(form, state, fieldKey, options),
    decimal: (fieldKey, options) => decimalControl(form, state, fieldKey, options),
    number: (fieldKey, options) => numberControl(form, state, fieldKey, options),
    select: (fieldKey, options, settings) => selectControl(form, state, fieldKey, options, settings),
    checkbox: (fieldKey, label) => checkboxField(form, state, fieldKey, label),
    money: (fieldKey, options) => moneyControl(form, state, fieldKey, options),
    checklist: (fieldKey, options, settings) => checklistField(form, state, fieldKey, options, settings),
    security: (scale) => securityFields(form, state, scale),

    /** Asks the engine what is wrong with the draft and shows it (for touched fields, or all after a save). */
    async check() {
      const asked = ++state.generation;
      let problems;
      try {
        problems = await backend.check(entity, state.draft);
      } catch {
        problems = [];
      }
      // A refused save's problems shown meanwhile are newer than this answer: they stay.
      if (asked !== state.generation) return state.lastProblems;
      state.lastProblems = problems;
      renderProblems(state);
      return state.lastProblems;
    },

    /** Shows `problems` on every field (after a refused save) and returns how many there are. */
    showProblems(problems) {
      // A delayed check pending or under way would replace them with the draft's problems: it is called off.
      clearTimeout(state.checkTimer);
      state.generation += 1;
      state.showAll = true;
      state.lastProblems = problems ?? [];
      renderProblems(state);
      return state.lastProblems.length + state.localProblems.size;
    },

    /** Problems the UI found itself (unreadable amounts). */
    hasLocalProblems() {
      return state.localProblems.size > 0;
    },

    /** Moves focus to the first field with a message. */
    focusFirstProblem() {
      const first = element.querySelector('[aria-invalid="true"]');
      first?.focus();
    },
  };
  return form;
}

/** The draft changed while typing: the form is dirty, but the field is not yet touched (no check yet). */
function edited(state) {
  state.dirty = true;
  state.onChange?.(state.draft);
}

/** A label, hint, control and message slot, tied together for assistive technology. */
function labelledField(entity, fieldKey, control, { hint, label, wide } = {}) {
  const id = control.id || `f${++nextId}`;
  control.id = id;
  const messageId = `${id}-message`;
  const hintId = hint ? `${id}-hint` : null;
  control.setAttribute('aria-describedby', [hintId, messageId].filter(Boolean).join(' '));
  return h(
    'div',
    { class: `field${wide ? ' wide' : ''}`, dataset: { field: fieldKey } },
    h('label', { for: id }, label ?? fieldLabel(entity, fieldKey)),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    control,
    h('p', { class: 'field-message', id: messageId, role: 'status' }),
  );
}

function textControl(form, state, fieldKey, { multiline = false, maxlength, placeholder, rows = 3 } = {}) {
  const control = multiline
    ? h('textarea', { rows, maxlength, placeholder })
    : h('input', { type: 'text', maxlength, placeholder, autocomplete: 'off' });
  control.value = getPath(state.draft, fieldKey) ?? '';
  control.addEventListener('input', () => {
    setPath(state.draft, fieldKey, control.value);
    edited(state);
  });
  control.addEventListener('change', () => form.changed(fieldKey));
  return control;
}

/**
 * Stores what a parser read from a control: the value, null when empty and `optional`, or a message the UI shows
 * itself (`problemText` of the parser's error) when the text cannot be read.
 */
function storeParsed(state, fieldKey, parsed, { optional, value, problemText: message }) {
  if (parsed.error === 'empty' && optional) {
    state.localProblems.delete(fieldKey);
    setPath(state.draft, fieldKey, null);
  } else if (parsed.error) {
    state.localProblems.set(fieldKey, message(parsed.error));
  } else {
    state.localProblems.delete(fieldKey);
    setPath(state.draft, fieldKey, value(parsed));
  }
}

/** Reads the control on every keystroke (dirty, untouched) and on change (touched, checked by the engine). */
function readOnInputAndChange(form, state, control, fieldKey, read, afterChange) {
  control.addEventListener('input', () => {
    read();
    edited(state);
  });
  control.addEventListener('change', () => {
    read();
    afterChange?.();
    form.changed(fieldKey);
  });
}

/**
 * A text input for an exact decimal (volumes, rates), stored as a decimal text ("1250.5"). With `percent`,
 * the user types per cent and the draft holds the fraction ("2,5" → "0.025"). Empty is null when `optional`.
 */
function decimalControl(form, state, fieldKey, { optional = false, percent = false, label } = {}) {
  const control = h('input', { type: 'text', inputmode: 'decimal', class: 'decimal', autocomplete: 'off' });
  if (label) control.setAttribute('aria-label', label);
  const current = getPath(state.draft, fieldKey);
  control.value = current === null || current === undefined ? '' : percent ? fractionToPercent(current) : formatDecimal(current);
  const read = () =>
    storeParsed(state, fieldKey, percent ? percentToFraction(control.value) : parseDecimal(control.value), {
      optional,
      value: (parsed) => parsed.value,
      problemText: (error) => t(error === 'empty' ? 'decimal.empty' : 'decimal.invalid'),
    });
  readOnInputAndChange(form, state, control, fieldKey, read);
  return control;
}

/** A number input; an empty or unreadable value is stored as null (the engine names the problem). */
function numberControl(form, state, fieldKey, { min, max, step = 1, label } = {}) {
  const control = h('input', { type: 'number', min, max, step, class: 'number' });
  if (label) control.setAttribute('aria-label', label);
  const current = getPath(state.draft, fieldKey);
  control.value = current === null || current === undefined ? '' : String(current);
  const read = () => {
    const value = control.value === '' ? null : Number(control.value);
    setPath(state.draft, fieldKey, Number.isFinite(value) ? value : null);
  };
  readOnInputAndChange(form, state, control, fieldKey, read);
  return control;
}

/** A select of `options` [{key, label}]; `empty` adds a first choice meaning "none" (null). */
function selectControl(form, state, fieldKey, options, { empty, numeric = false, onSelect } = {}) {
  const current = getPath(state.draft, fieldKey);
  const control = h(
    'select',
    {},
    empty !== undefined ? h('option', { value: '' }, empty) : null,
    options.map((option) =>
      h('option', { value: String(option.key), selected: String(option.key) === String(current) }, option.label),
    ),
  );
  if (current === null || current === undefined) control.value = '';
  control.addEventListener('change', () => {
    const raw = control.value;
    const value = raw === '' ? null : numeric ? Number(raw) : raw;
    setPath(state.draft, fieldKey, value);
    onSelect?.(value);
    form.changed(fieldKey);
  });
  return control;
}

function checkboxField(form, state, fieldKey, label) {
  const id = `f${++nextId}`;
  const control = h('input', { type: 'checkbox', id, checked: Boolean(getPath(state.draft, fieldKey)) });
  control.addEventListener('change', () => {
    setPath(state.draft, fieldKey, control.checked);
    form.changed(fieldKey);
  });
  return h(
    'div',
    { class: 'field checkbox', dataset: { field: fieldKey } },
    control,
    h('label', { for: id }, label ?? fieldLabel(state.entity, fieldKey)),
    h('p', { class: 'field-message', role: 'status' }),
  );
}

/** A text input for an amount in kronor that stores öre in the draft. `optional` allows an empty value. */
function moneyControl(form, state, fieldKey, { optional = false, label } = {}) {
  const control = h('input', { type: 'text', inputmode: 'decimal', class: 'money', autocomplete: 'off' });
  if (label) control.setAttribute('aria-label', label);
  control.value = moneyInputText(getPath(state.draft, fieldKey));
  const read = () =>
    storeParsed(state, fieldKey, parseMoney(control.value), {
      optional,
      value: (parsed) => parsed.ore,
      problemText: (error) => t(`money.${error}`),
    });
  readOnInputAndChange(form, state, control, fieldKey, read, () => {
    if (!state.localProblems.has(fieldKey)) control.value = moneyInputText(getPath(state.draft, fieldKey));
  });
  return control;
}

/** Checkboxes for a list of keys or ids stored as an array in the draft. */
function checklistField(form, state, fieldKey, options, { numeric = false, legend, filterable = false } = {}) {
  const selected = new Set((getPath(state.draft, fieldKey) ?? []).map(String));
  const count = h('span', { class: 'count' });
  const updateCount = () => {
    count.textContent = t('initiative.customers_count', { count: selected.size });
  };
  const items = options.map((option) => {
    const id = `f${++nextId}`;
    const box = h('input', { type: 'checkbox', id, value: String(option.key), checked: selected.has(String(option.key)) });
    box.addEventListener('change', () => {
      if (box.checked) selected.add(box.value);
      else selected.delete(box.value);
      const order = options.map((o) => String(o.key)).filter((k) => selected.has(k));
      setPath(state.draft, fieldKey, order.map((k) => (numeric ? Number(k) : k)));
      updateCount();
      form.changed(fieldKey);
    });
    return h('li', { dataset: { label: option.label.toLocaleLowerCase('sv') } }, box, h('label', { for: id }, option.label));
  });
  updateCount();
  const list = h('ul', { class: 'checklist' }, items);
  let filter = null;
  if (filterable) {
    // Named by the list it filters (customers, initiatives, services …), never "customers" for all of them.
    const filterLabel = typeof filterable === 'string' ? filterable : t('common.filter_list');
    filter = h('input', { type: 'search', placeholder: filterLabel, 'aria-label': filterLabel });
    filter.addEventListener('input', () => {
      const needle = filter.value.toLocaleLowerCase('sv').trim();
      for (const item of items) item.hidden = needle !== '' && !item.dataset.label.includes(needle);
    });
  }
  return h(
    'fieldset',
    { class: 'field checklist-field', dataset: { field: fieldKey } },
    h('legend', {}, legend ?? fieldLabel(state.entity, fieldKey), ' ', count),
    filter,
    list,
    h('p', { class: 'field-message', role: 'status' }),
  );
}

/**
 * K/R/T: one select per aspect with the portfolio's scale ("2 – Betydande") and "not classified".
 * The label of the chosen level is stored with it.
 * @param {string[]} scale labels for levels 0–4
 */
function securityFields(form, state, scale) {
  return ['confidentiality', 'integrity', 'availability'].map((aspect) => {
    const fieldKey = `security.${aspect}`;
    const current = state.draft.security?.[aspect];
    const control = h(
      'select',
      {},
      h('option', { value: '' }, t('initiative.not_classified')),
      scale.map((label, level) => h('option', { value: String(level), selected: current?.level === level }, `${level} – ${label}`)),
    );
    if (!current) control.value = '';
    control.addEventListener('change', () => {
      const level = control.value === '' ? null : Number(control.value);
      state.draft.security[aspect] = level === null ? null : { level, label: scale[level] };
      form.changed(fieldKey);
    });
    return form.field(fieldKey, control);
  });
}

/** The slot for a field key: exact (`costs[1].year`) or its list (`customer_ids`). */
function slotFor(element, field) {
  const exact = element.querySelector(`[data-field="${CSS.escape(field)}"]`);
  if (exact) return exact;
  const list = field.replace(/\[\d+\].*$/, '');
  return element.querySelector(`[data-field="${CSS.escape(list)}"]`);
}

/** Shows the engine's problems on touched fields (all after a save) and the UI's own ones. */
function renderProblems(state) {
  const { element } = state;
  for (const slot of element.querySelectorAll('[data-field]')) {
    const message = slot.querySelector(':scope > .field-message');
    if (message) message.textContent = '';
    slot.classList.remove('invalid');
    for (const control of slot.querySelectorAll('input, select, textarea')) control.removeAttribute('aria-invalid');
  }
  const messages = new Map();
  for (const problem of state.lastProblems) {
    const visible = state.showAll || state.touched.has(problem.field) || state.touched.has(problem.field.replace(/\[\d+\].*$/, ''));
    if (visible) messages.set(problem.field, [...(messages.get(problem.field) ?? []), problemText(problem)]);
  }
  for (const [field, message] of state.localProblems) messages.set(field, [message]);
  for (const [field, texts] of messages) {
    const slot = slotFor(element, field);
    if (!slot) continue;
    slot.classList.add('invalid');
    const message = slot.querySelector(':scope > .field-message');
    if (message) message.textContent = [message.textContent, ...texts].filter(Boolean).join(' ');
    const control = slot.querySelector('input:not([type=search]), select, textarea');
    control?.setAttribute('aria-invalid', 'true');
  }
}

/** Replaces the options of a select, keeping `current` selected when it is among them. */
export function fillOptions(control, options, current, empty) {
  control.replaceChildren(
    ...(empty !== undefined ? [h('option', { value: '' }, empty)] : []),
    ...options.map((o) => h('option', { value: String(o.key), selected: String(o.key) === String(current) }, o.label)),
  );
  if (current === null || current === undefined) control.value = '';
}

/**
 * The save action of a form: checks what the UI can check itself, saves through `persist`, and on a refusal
 * shows the engine's messages inline with a count in `summary` and focus on the first problem.
 * @param {{form: object, summary: HTMLElement, persist: (draft: object) => Promise<number>,
 *   onSaved: (id: number) => void, showError: (error: object) => void}} options
 */
export function saveHandler({ form, summary, persist, onSaved, showError }) {
  const report = (count) => {
    replace(summary, count === 1 ? t('common.fix_problems_one') : t('common.fix_problems', { count }));
    form.focusFirstProblem();
  };
  const save = async (event) => {
    event?.preventDefault();
    replace(summary);
    if (form.hasLocalProblems()) {
      report(form.showProblems(await form.check()));
      return;
    }
    try {
      const id = await persist(form.draft);
      form.markClean();
      onSaved(id);
    } catch (error) {
      if (error.code === 'invalid') report(form.showProblems(error.fields));
      else showError(error);
    }
  };
  form.element.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 's') save(event);
  });
  return save;
}

/** The buttons under a form. */
export function formActions({ onSave, onCancel, onDelete, saveLabel }) {
  return h(
    'div',
    { class: 'form-actions' },
    h('button', { type: 'submit', class: 'primary', onclick: onSave }, saveLabel ?? t('common.save')),
    onCancel ? h('button', { type: 'button', onclick: onCancel }, t('common.cancel')) : null,
    onDelete ? h('button', { type: 'button', class: 'danger', onclick: onDelete }, t('common.delete')) : null,
  );
}
