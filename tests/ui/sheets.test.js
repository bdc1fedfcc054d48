import assert from 'node:assert/strict';
import { test } from 'node:test';

import { sheetRequest } from '../../ui/js/backend.js';

// The shapes are those the engine reads (src/sheets/request.rs, whose test reads the same JSON).
test('each export the views offer becomes the engine\'s typed sheet request', () => {
  assert.deepEqual(sheetRequest('services'), { table: 'register', kind: 'services' });
  assert.deepEqual(sheetRequest('deviations'), { table: 'register', kind: 'deviations' });
  assert.deepEqual(sheetRequest('initiatives', { template: true }), { table: 'template', kind: 'initiatives' });
  assert.deepEqual(sheetRequest('ranking', { setId: 3 }), { table: 'ranking', set_id: 3 });
  assert.deepEqual(sheetRequest('ranking'), { table: 'ranking', set_id: null });
  assert.deepEqual(sheetRequest('funding', { caseId: 7 }), { table: 'funding', case_id: 7 });
});
