// Swedish first, English available. The texts live per language in i18n/sv.js and i18n/en.js; this module picks
// the language and fills in parameters. The labels of the domain's closed lists (states, kinds, laws …) come from
// the engine's vocabulary so they are defined once.

import { formatMoney, setNumberLanguage } from './format.js';
import * as sv from './i18n/sv.js';
import * as en from './i18n/en.js';

const strings = { sv: sv.strings, en: en.strings };
const fields = { sv: sv.fields, en: en.fields };

let language = 'sv';
let vocabulary = null;

export function setLanguage(next) {
  language = next === 'en' ? 'en' : 'sv';
  setNumberLanguage(language);
  document.documentElement.lang = language;
}

export function getLanguage() {
  return language;
}

/** The engine's closed lists with their labels (from app_state). */
export function setVocabulary(next) {
  vocabulary = next;
}

/**
 * A fact the engine derives and sends with its vocabulary (src/domain/vocabulary.rs), e.g. fact('saaty_scale'):
 * the UI keeps no copy of a rule or a limit.
 */
export function fact(name) {
  return vocabulary?.[name];
}

/** The longest text the engine accepts of a kind ('name', 'text', 'date', 'case_number'), for `maxlength`. */
export function textLimit(kind) {
  return vocabulary?.text_limits?.[kind];
}

/** A UI string with {placeholders} filled in. */
export function t(key, params = {}) {
  const text = strings[language][key] ?? strings.sv[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (params[name] ?? `{${name}}`));
}

/** The label of a vocabulary key, e.g. term('initiative_state', 'analys') → 'Analys'. */
export function term(list, key) {
  if (key === null || key === undefined || key === '') return '';
  const entry = vocabulary?.[list]?.find((item) => item.key === key);
  return entry ? entry[language] : key;
}

/** Every entry of a vocabulary list as [{key, label}]. */
export function terms(list) {
  return (vocabulary?.[list] ?? []).map((item) => ({ key: item.key, label: item[language] }));
}

/** Keys allowed for a key of another list, e.g. states for a track. */
export function allowedKeys(mapping, key) {
  const found = vocabulary?.[mapping]?.find(([k]) => k === key);
  return found ? found[1] : [];
}

/**
 * The label of a field: 'costs[2].development' → the label of 'development'. A field that forms and sheets share
 * has the engine's label (the vocabulary's `field_labels`, also the sheets' headers); the rest have the UI's.
 */
export function fieldLabel(entity, field) {
  const base = field.replace(/\[\d+\]/g, '').split('.').pop();
  const shared = vocabulary?.field_labels ?? [];
  const engine = (key, of) => shared.find((l) => l.entity === of && l.field === key)?.[language];
  const table = fields[language];
  return engine(field, entity) ?? table[entity]?.[field] ?? engine(field, null) ?? table.common[field]
    ?? engine(base, entity) ?? table[entity]?.[base] ?? engine(base, null) ?? table.common[base] ?? field;
}

/** Swedish (or English) text for one broken rule from the engine. */
export function problemText(problem) {
  if (problem.code === 'not_allowed') {
    const key = `reason.${problem.reason}`;
    return strings[language][key] ? t(key, reasonParams(problem)) : t('rule.not_allowed');
  }
  return t(`rule.${problem.code}`, problem);
}

/** A reason's parameters as text: closed-list keys become their labels. */
function reasonParams(problem) {
  return {
    ...problem,
    track: term('track', problem.track),
    category: term('service_category', problem.category),
    requirement: problem.requirement ? term('requirement', problem.requirement) : '',
    expected: problem.expected ? term('deviation_step', problem.expected) : t('reason.no_further_step'),
  };
}

/** A selection error's parameters as text: amounts in öre become kronor. */
function selectionText(params) {
  const money = (ore) => (Number.isSafeInteger(ore) ? formatMoney(ore) : '');
  return t(`selection.${params.kind}`, { ...params, cost: money(params.cost), limit: money(params.limit) });
}

/**
 * The text for why a package or response is refused (`reason` and its parameters from the engine); what is scored
 * (`what`: initiative, service, criterion, criteria set) is named in words.
 */
export function refusalText(refusal) {
  const what = refusal.what ? t(`scored.${refusal.what}`) : undefined;
  return t(`refusal.${refusal.reason}`, { ...refusal, what });
}

/** One thing that changed in a meeting since a package was exported (`change` and its parameters), in words. */
export function sinceExportText(change) {
  const what = change.what ? t(`scored.${change.what}`) : undefined;
  return t(`since_export.${change.change}`, { ...change, what });
}

/** Text for an error from the backend. */
export function errorText(error, params = {}) {
  if ((error?.code === 'funding' || error?.code === 'benefits') && params.rule) {
    const entity = error.code === 'funding' ? 'funding_case' : 'benefit';
    return t(`error.${error.code}_field`, { field: fieldLabel(entity, params.field), problem: problemText(params.rule) });
  }
  if (error?.code === 'selection' && params.kind) return t('error.selection', { reason_text: selectionText(params) });
  if (error?.code === 'paper' && params.problem) return t('error.paper_problem', { problem_text: t(`paper.${params.problem}`, params) });
  if (error?.code === 'service_transition') {
    const to = term('service_state', params.to);
    if (params.missing?.length) {
      return t('error.service_transition_missing', { name: params.name, to, missing: params.missing.map((m) => term('requirement', m)).join(', ') });
    }
    if (!params.from) {
      const states = (vocabulary?.service_starting_states ?? []).map((s) => term('service_state', s).toLowerCase());
      const or = new Intl.ListFormat(language === 'sv' ? 'sv' : 'en-GB', { type: 'disjunction' });
      return t('error.service_transition_start', { states: or.format(states) });
    }
    return t('error.service_transition_step', { name: params.name, from: term('service_state', params.from), to });
  }
  if (error?.code === 'transition') {
    const to = term('initiative_state', params.to);
    if (!params.from) return t('error.transition_start');
    if (!params.missing?.length) return t('error.transition_step', { name: params.name, from: term('initiative_state', params.from), to });
    return t('error.transition_missing', { name: params.name, to, missing: params.missing.map((m) => term('requirement', m)).join(', ') });
  }
  if (error?.code === 'already_in_state') return t('error.already_in_state', { ...params, state_text: term('initiative_state', params.state) });
  if (error?.code === 'refused') return t('error.refused', { reason_text: refusalText(params) });
  // A yearly analysis's entry (`part`: investment, development_need) and state, as words.
  if (params.part || error?.code === 'analysis_not_presented') {
    const part = params.part ? t(`analysis.part_${params.part}`) : '';
    const state = params.state ? term('analysis_state', params.state) : '';
    return t(`error.${error.code}`, { ...params, part_text: part, part_title: part.charAt(0).toUpperCase() + part.slice(1), state_text: state.toLowerCase() });
  }
  if (error?.code === 'protected_output') return t('error.protected_output', { protected_text: t(`protected.${params.protected}`) });
  const key = `error.${error?.code}`;
  return strings[language][key] ? t(key, params) : t('error.unknown');
}
