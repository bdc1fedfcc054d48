// The benefits chart's data, on the bundled sample's benefits realisation plans.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { chartPoints, dayNumber } from '../../ui/js/benefits-logic.js';

const sample = JSON.parse(readFileSync(new URL('../../assets/sample/portfolio.json', import.meta.url), 'utf8'));

test('dates become day numbers; anything else is null', () => {
  assert.equal(dayNumber('1970-01-02'), 1);
  assert.equal(dayNumber('2027-01-01') - dayNumber('2026-01-01'), 365);
  assert.equal(dayNumber('2026-13-01'), dayNumber('2027-01-01'), 'Date.UTC rolls months over; the engine refuses such dates');
  assert.equal(dayNumber('1 januari'), null);
  assert.equal(dayNumber(''), null);
});

test('the chart shows the plan from baseline to target and the measurements in date order', () => {
  const time = sample.benefits.find((b) => b.name === 'Kortare handläggningstid per leverantörsfaktura');
  const points = chartPoints({ ...time, measurements: [...time.measurements].reverse() });
  assert.deepEqual(points.plan.map((p) => p.value), [12, 6]);
  assert.deepEqual(points.measured.map((p) => p.value), [10.5, 8.9]);
  assert.equal(points.from, dayNumber('2026-01-15'));
  assert.equal(points.to, dayNumber('2027-06-30'));
  assert.equal(points.high, 12);
  const qualitative = sample.benefits.find((b) => b.kind === 'kvalitativ');
  assert.equal(chartPoints(qualitative), null);
});
