// The overview's filtering, sorting and sums, on the bundled sample portfolio.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import {
  filterInitiatives,
  filterServices,
  indexPortfolio,
  securityShort,
  sortInitiatives,
  sumCosts,
  totalCosts,
} from '../../ui/js/portfolio.js';

const sample = JSON.parse(readFileSync(new URL('../../assets/sample/portfolio.json', import.meta.url), 'utf8'));
const index = indexPortfolio(sample);
const byCase = (list) => list.map((i) => i.case_number);

test('filters combine track, state, owner and words from several fields', () => {
  const own = filterInitiatives(sample.initiatives, { track: 'verksamhetsspecifik' }, index);
  assert.equal(own.length, sample.initiatives.filter((i) => i.track === 'verksamhetsspecifik').length);
  assert.ok(own.length > 0 && own.length < sample.initiatives.length);

  const library = filterInitiatives(sample.initiatives, { text: 'BIBLIOTEK' }, index);
  assert.deepEqual(byCase(library), ['KUF-2026-00019']);

  // Words match in any field: the owner's name and the title.
  const byOwner = filterInitiatives(sample.initiatives, { text: 'kulturnämnden meröppna' }, index);
  assert.deepEqual(byCase(byOwner), ['KUF-2026-00019']);

  const owner = sample.organisations.find((o) => o.name === 'Intraservice').id;
  const analysed = filterInitiatives(sample.initiatives, { owner: String(owner), state: 'utveckla' }, index);
  assert.deepEqual(byCase(analysed), ['SLK-2026-00105']);

  assert.equal(filterInitiatives(sample.initiatives, { text: 'finns inte någonstans' }, index).length, 0);
});

test('sorting by cost, state order and text; ties keep case-number order', () => {
  const biggest = sortInitiatives(sample.initiatives, { key: 'development', direction: 'descending' }, index);
  assert.equal(biggest[0].case_number, 'GEN-2026-00009');
  for (let i = 1; i < biggest.length; i++) {
    assert.ok(totalCosts(biggest[i - 1]).development >= totalCosts(biggest[i]).development);
  }
  const order = ['identifierad', 'analys', 'underlag_klart'];
  const byState = sortInitiatives(
    sample.initiatives.filter((i) => order.includes(i.state)),
    { key: 'state', direction: 'ascending' },
    index,
    order,
  );
  const ranks = byState.map((i) => order.indexOf(i.state));
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
  const identified = byState.filter((i) => i.state === 'identifierad').map((i) => i.case_number);
  assert.deepEqual(identified, [...identified].sort());
  const sorted = sortInitiatives(sample.initiatives, { key: 'owner', direction: 'ascending' }, index);
  assert.equal(index.organisations.get(sorted.at(-1).owner_id).name, 'Äldre samt vård- och omsorgsnämnden');
});

test('sums add up exactly in öre', () => {
  const total = sumCosts(sample.initiatives);
  let development = 0;
  for (const initiative of sample.initiatives) for (const cost of initiative.costs) development += cost.development;
  assert.equal(total.development, development);
  assert.ok(Number.isSafeInteger(total.management));
});

test('services filter by category and provider, sorted by name', () => {
  const specialists = filterServices(sample.services, { category: 'specialist' }, index);
  assert.ok(specialists.length >= 3);
  assert.ok(specialists.every((s) => s.category === 'specialist'));
  const names = specialists.map((s) => s.name);
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'sv')));
});

test('K/R/T in short form', () => {
  assert.equal(securityShort({ confidentiality: { level: 2 }, integrity: null, availability: { level: 4 } }), 'K2 R– T4');
});

test('new records start as the engine drafts them, not from a copy in the UI (issue 30)', () => {
  const source = (path) => readFileSync(new URL(`../../ui/js/${path}`, import.meta.url), 'utf8');
  assert.doesNotMatch(source('portfolio.js'), /export function empty(Initiative|Service)/);
  assert.doesNotMatch(source('views/criteria-sets.js'), /function empty(Set|Criterion)|'Lagkrav'|Finansiering säkrad/);
  assert.match(source('views/initiative-form.js'), /ctx\.app\.new_records\.initiative/);
  assert.match(source('views/service-form.js'), /ctx\.app\.new_records\.service/);
  assert.match(source('views/criteria-sets.js'), /ctx\.app\.new_records\.criteria_set/);
});
