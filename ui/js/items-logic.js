// What a criteria set values: change initiatives and existing shared services (the guideline's "befintliga och nya
// förändringsinsatser och gemensamma tjänster"). The engine names each by its text, `initiative:12` or
// `service:3` (scores, gate results, assessment rows, scenario rules, selection candidates); this module turns
// those texts into what a view shows. Pure: no DOM, no backend (tests/ui/items.test.js).

/**
 * @typedef {{key: string, kind: 'initiative'|'service', id: number, label: string, title: string, href: string,
 *   record: object|null}} Item
 */

/** The kind and id of an item's text, or null for text that is not one. */
export function parseItem(key) {
  const match = /^(initiative|service):([1-9][0-9]*)$/.exec(String(key));
  return match ? { kind: match[1], id: Number(match[2]) } : null;
}

/** The text of an item. */
export function itemKey(kind, id) {
  return `${kind}:${id}`;
}

/**
 * An item as views show it: an initiative by its case number and title, a service by its name (it has no case
 * number); `href` is its page in the app.
 * @returns {Item|null}
 */
export function describeItem(key, index) {
  const parsed = parseItem(key);
  if (!parsed) return null;
  if (parsed.kind === 'initiative') {
    const initiative = index.initiatives.get(parsed.id) ?? null;
    return {
      key,
      kind: 'initiative',
      id: parsed.id,
      label: initiative?.case_number ?? `#${parsed.id}`,
      title: initiative?.title ?? '',
      href: `#/initiativ/${parsed.id}`,
      record: initiative,
    };
  }
  const service = index.services.get(parsed.id) ?? null;
  return {
    key,
    kind: 'service',
    id: parsed.id,
    label: service?.name ?? `#${parsed.id}`,
    title: '',
    href: `#/tjanster/${parsed.id}`,
    record: service,
  };
}

/** The set's items that exist in the portfolio: initiatives by case number, then services by name. */
export function itemsOfSet(set, index, compare = (a, b) => a.localeCompare(b, 'sv')) {
  const initiatives = (set?.initiative_ids ?? [])
    .map((id) => describeItem(itemKey('initiative', id), index))
    .filter((item) => item?.record)
    .sort((a, b) => compare(a.label, b.label));
  const services = (set?.service_ids ?? [])
    .map((id) => describeItem(itemKey('service', id), index))
    .filter((item) => item?.record)
    .sort((a, b) => compare(a.label, b.label));
  return [...initiatives, ...services];
}

/** Keeps the rows (anything with an `item` text) of a kind: 'initiative', 'service', or '' for both. */
export function filterByKind(rows, kind) {
  return kind ? rows.filter((row) => parseItem(row.item)?.kind === kind) : rows;
}
