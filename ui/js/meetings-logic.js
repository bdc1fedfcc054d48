// The pure core of the meeting views: reordering the agenda, a meeting's state, a default date. No DOM and no
// backend, so it is tested with node's test runner (tests/ui/).

/**
 * Moves `list[from]` to position `to`, in place. Returns false (and changes nothing) when either position is
 * outside the list or they are the same.
 */
export function moveItem(list, from, to) {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return false;
  const [item] = list.splice(from, 1);
  list.splice(to, 0, item);
  return true;
}

/**
 * 'approved' when the minutes are approved, 'decided' when a decision is recorded on any item, else 'planned'.
 * @param {{approved_at: string|null, items: {id: number}[]}} meeting
 * @param {Map<number, object>} decisionsByItem
 */
export function meetingState(meeting, decisionsByItem) {
  if (meeting.approved_at) return 'approved';
  return meeting.items.some((item) => decisionsByItem.has(item.id)) ? 'decided' : 'planned';
}

/**
 * What a valuation item puts in the members' packages: the criteria set's name and how many initiatives and
 * services it values (every one of them is scored, with or without an agenda item of its own). Null without a set.
 * @param {{name: string, initiative_ids?: number[], service_ids?: number[]}|null|undefined} set
 */
export function valuationScope(set) {
  if (!set) return null;
  return { name: set.name, initiatives: (set.initiative_ids ?? []).length, services: (set.service_ids ?? []).length };
}
