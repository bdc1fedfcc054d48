// The pure core of the views: lookups, filtering, sorting and sums over the portfolio data the engine sends.
// No DOM and no backend, so it is tested with node's test runner (tests/ui/).

import { compareText, searchable } from './format.js';

/**
 * @typedef {{id: number, name: string}} Named
 * @typedef {{year: number, development: number, management: number}} YearCost
 * @typedef {{id: number, case_number: string, title: string, track: string, kind: string, state: string,
 *   owner_id: number|null, provider_id: number|null, customer_ids: number[], costs: YearCost[],
 *   specially_followed: boolean, security: object}} Initiative
 */

/** Maps from id to record for the portfolio's lists. */
export function indexPortfolio(data) {
  const byId = (list) => new Map((list ?? []).map((record) => [record.id, record]));
  return {
    organisations: byId(data.organisations),
    providers: byId(data.providers),
    services: byId(data.services),
    initiatives: byId(data.initiatives),
  };
}

/** Total development and management cost of an initiative over its planning period, in öre. */
export function totalCosts(initiative) {
  let development = 0;
  let management = 0;
  for (const cost of initiative.costs ?? []) {
    development += cost.development;
    management += cost.management;
  }
  return { development, management };
}

/** Sum of the totals of many initiatives, in öre. */
export function sumCosts(initiatives) {
  return initiatives.reduce(
    (sum, initiative) => {
      const total = totalCosts(initiative);
      return { development: sum.development + total.development, management: sum.management + total.management };
    },
    { development: 0, management: 0 },
  );
}

/** "K2 R3 T–" */
export function securityShort(security, letters = ['K', 'R', 'T']) {
  const aspects = [security?.confidentiality, security?.integrity, security?.availability];
  return aspects.map((aspect, i) => `${letters[i]}${aspect ? aspect.level : '–'}`).join(' ');
}

/** The highest classified level of K/R/T, or -1 when nothing is classified (for sorting). */
export function securityMax(security) {
  const levels = [security?.confidentiality, security?.integrity, security?.availability]
    .filter(Boolean)
    .map((aspect) => aspect.level);
  return levels.length ? Math.max(...levels) : -1;
}

/**
 * Keeps the initiatives that match every filter. `filters.text` matches case number, title, owner, provider
 * and description; the other filters match keys exactly ('' means any).
 * @param {Initiative[]} initiatives
 * @param {{text?: string, track?: string, state?: string, owner?: string|number, kind?: string}} filters
 * @param {ReturnType<typeof indexPortfolio>} index
 */
export function filterInitiatives(initiatives, filters, index) {
  const words = searchable(filters.text ?? '').split(' ').filter(Boolean);
  return initiatives.filter((initiative) => {
    if (filters.track && initiative.track !== filters.track) return false;
    if (filters.state && initiative.state !== filters.state) return false;
    if (filters.kind && initiative.kind !== filters.kind) return false;
    if (filters.owner && String(initiative.owner_id) !== String(filters.owner)) return false;
    if (words.length === 0) return true;
    const haystack = searchable(
      [
        initiative.case_number,
        initiative.title,
        initiative.description,
        index.organisations.get(initiative.owner_id)?.name,
        index.providers.get(initiative.provider_id)?.name,
      ].join(' '),
    );
    return words.every((word) => haystack.includes(word));
  });
}

/** The value an initiative is sorted by in a column. */
function sortValue(initiative, key, index, stateOrder) {
  switch (key) {
    case 'owner':
      return index.organisations.get(initiative.owner_id)?.name ?? '';
    case 'provider':
      return index.providers.get(initiative.provider_id)?.name ?? '';
    case 'state':
      return stateOrder.indexOf(initiative.state);
    case 'development':
      return totalCosts(initiative).development;
    case 'management':
      return totalCosts(initiative).management;
    case 'security':
      return securityMax(initiative.security);
    default:
      return initiative[key] ?? '';
  }
}

/**
 * Sorts a copy. Text sorts the Swedish way; states sort in lifecycle order; ties keep case-number order.
 * @param {{key: string, direction: 'ascending'|'descending'}} sort
 * @param {string[]} stateOrder the state keys in lifecycle order
 */
export function sortInitiatives(initiatives, sort, index, stateOrder = []) {
  const factor = sort.direction === 'descending' ? -1 : 1;
  return [...initiatives].sort((a, b) => {
    const x = sortValue(a, sort.key, index, stateOrder);
    const y = sortValue(b, sort.key, index, stateOrder);
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y));
    return order !== 0 ? order * factor : compareText(a.case_number, b.case_number);
  });
}

/** Services that match the text and the category and provider filters, by name. */
export function filterServices(services, filters, index) {
  const words = searchable(filters.text ?? '').split(' ').filter(Boolean);
  return services
    .filter((service) => {
      if (filters.category && service.category !== filters.category) return false;
      if (filters.provider && String(service.provider_id) !== String(filters.provider)) return false;
      const haystack = searchable(
        [service.name, service.scope, service.target_group, index.providers.get(service.provider_id)?.name].join(' '),
      );
      return words.every((word) => haystack.includes(word));
    })
    .sort((a, b) => compareText(a.name, b.name));
}

/** Organisations sorted by name, each with its depth under its parent, for a grouped select. */
export function organisationsByName(organisations) {
  return [...organisations].sort((a, b) => compareText(a.name, b.name));
}

/**
 * The organisations that can be customers, sorted by name: the kinds the engine's vocabulary names
 * (`customer_kinds`: förvaltningar and bolag, never a nämnd). Without a vocabulary, every organisation.
 */
export function customersByName(organisations, vocabulary) {
  const kinds = vocabulary?.customer_kinds;
  return organisationsByName(kinds ? organisations.filter((o) => kinds.includes(o.kind)) : organisations);
}
