import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

import * as sv from '../../ui/js/i18n/sv.js';
import * as en from '../../ui/js/i18n/en.js';

// Every text exists in both languages with the same parameters, and every key the UI names has a text: a missing
// key shows the key itself ('meeting.save') to the user.

const ui = new URL('../../ui/', import.meta.url);

/** The UI's own modules (not the texts themselves). */
function uiModules(dir = new URL('js/', ui)) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return entry.name === 'i18n' ? [] : uiModules(new URL(`${entry.name}/`, dir));
    return entry.name.endsWith('.js') ? [new URL(entry.name, dir)] : [];
  });
}

/** The `{name}` placeholders of a text, sorted and without repeats. */
function placeholders(text) {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

/** Differences between two tables of texts (key → text), as readable lines. */
function differences(svTable, enTable, where) {
  const found = [];
  for (const key of Object.keys(svTable)) if (!(key in enTable)) found.push(`${where}${key}: Swedish only`);
  for (const key of Object.keys(enTable)) if (!(key in svTable)) found.push(`${where}${key}: English only`);
  for (const [key, svText] of Object.entries(svTable)) {
    const enText = enTable[key];
    if (typeof enText !== 'string') continue;
    if (!svText.trim() || !enText.trim()) found.push(`${where}${key}: empty text`);
    const [svParams, enParams] = [placeholders(svText), placeholders(enText)];
    if (svParams.join() !== enParams.join()) found.push(`${where}${key}: {${svParams}} in Swedish, {${enParams}} in English`);
  }
  return found;
}

test('every UI text exists in Swedish and English with the same placeholders', () => {
  assert.ok(Object.keys(sv.strings).length > 500, 'the Swedish texts are read');
  assert.deepEqual(differences(sv.strings, en.strings, ''), []);
});

test('every field label exists in Swedish and English', () => {
  assert.deepEqual(Object.keys(sv.fields).sort(), Object.keys(en.fields).sort());
  const found = Object.keys(sv.fields).flatMap((entity) => differences(sv.fields[entity], en.fields[entity], `${entity}.`));
  assert.deepEqual(found, []);
});

test('the parity check notices a key in one language only and a placeholder that differs', () => {
  const svTable = { 'a.one': 'Ett {name}', 'a.two': 'Två {count}', 'a.three': 'Tre' };
  const enTable = { 'a.one': 'One {name}', 'a.two': 'Two {number}' };
  assert.deepEqual(differences(svTable, enTable, ''), ['a.three: Swedish only', 'a.two: {count} in Swedish, {number} in English']);
});

test('every key the UI names literally has a text', () => {
  const areas = new Set(Object.keys(sv.strings).map((key) => key.split('.')[0]));
  const missing = [];
  let named = 0;
  for (const file of uiModules()) {
    const source = readFileSync(file, 'utf8');
    const name = file.pathname.slice(ui.pathname.length);
    // t('area.key', …), and any other literal shaped like a key of a known area (keys handed to helpers that call
    // t, e.g. a column's label). Keys built at run time (t(`area.${x}`)) are not checked here.
    for (const [, key] of source.matchAll(/\bt\(\s*'([^']+)'/g)) {
      named += 1;
      if (!(key in sv.strings)) missing.push(`${name}: t('${key}')`);
    }
    for (const [, area, rest] of source.matchAll(/'([a-z_]+)\.([a-z0-9_]+)'/g)) {
      if (areas.has(area) && !(`${area}.${rest}` in sv.strings)) missing.push(`${name}: '${area}.${rest}'`);
    }
  }
  const page = readFileSync(new URL('index.html', ui), 'utf8');
  for (const [, key] of page.matchAll(/data-i18n(?:-label)?="([^"]+)"/g)) {
    named += 1;
    if (!(key in sv.strings)) missing.push(`index.html: ${key}`);
  }
  assert.ok(named > 500, `the UI's keys are found (${named})`);
  assert.deepEqual([...new Set(missing)], []);
});
