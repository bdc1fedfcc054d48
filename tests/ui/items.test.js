import { test } from 'node:test';
import assert from 'node:assert/strict';

import { describeItem, filterByKind, itemKey, itemsOfSet, parseItem } from '../../ui/js/items-logic.js';

const index = {
  initiatives: new Map([
    [4, { id: 4, case_number: 'SLK-2026-00104', title: 'E-arkiv' }],
    [2, { id: 2, case_number: 'SLK-2026-00102', title: 'Fakturor' }],
  ]),
  services: new Map([
    [13, { id: 13, name: 'Integrationsplattform' }],
    [1, { id: 1, name: 'E-post och kalender' }],
  ]),
};

test('an item text reads as kind and id, and nothing else does', () => {
  assert.deepEqual(parseItem('service:13'), { kind: 'service', id: 13 });
  assert.deepEqual(parseItem(itemKey('initiative', 4)), { kind: 'initiative', id: 4 });
  for (const bad of ['service:', 'tjänst:3', 'service:0', 'service:-1', '12', '', null, undefined]) {
    assert.equal(parseItem(bad), null, String(bad));
  }
});

test('an initiative is named by its case number, a service by its name, each with its page', () => {
  const initiative = describeItem('initiative:4', index);
  assert.equal(initiative.label, 'SLK-2026-00104');
  assert.equal(initiative.href, '#/initiativ/4');
  const service = describeItem('service:13', index);
  assert.deepEqual([service.kind, service.label, service.title, service.href], ['service', 'Integrationsplattform', '', '#/tjanster/13']);
  assert.equal(describeItem('service:99', index).label, '#99', 'an unknown item is still shown by its id');
});

test("a set's items are its initiatives by case number, then its services by name; unknown ids are left out", () => {
  const set = { initiative_ids: [4, 2, 77], service_ids: [13, 1] };
  assert.deepEqual(
    itemsOfSet(set, index).map((item) => item.key),
    ['initiative:2', 'initiative:4', 'service:1', 'service:13'],
  );
  assert.deepEqual(itemsOfSet({ initiative_ids: [2] }, index).map((i) => i.key), ['initiative:2'], 'a set from before services');
});

test('rows are filtered by kind', () => {
  const rows = [{ item: 'initiative:2' }, { item: 'service:1' }, { item: 'initiative:4' }];
  assert.equal(filterByKind(rows, '').length, 3);
  assert.deepEqual(filterByKind(rows, 'service'), [{ item: 'service:1' }]);
  assert.equal(filterByKind(rows, 'initiative').length, 2);
});
