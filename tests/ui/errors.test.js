import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { errorText, setLanguage } from '../../ui/js/i18n.js';

// setLanguage marks the page's language; node has no page.
globalThis.document ??= { documentElement: {} };

// The engine's codes for files and amounts (src/error.rs, src/files.rs): each has its own text in both languages,
// never the catch-all "Något gick fel.".
const codes = ['protected_output', 'not_a_regular_file', 'too_large', 'not_text', 'busy', 'read_only', 'disk_full', 'out_of_range'];
const places = ['portfolio', 'journal', 'lock', 'backup', 'input'];

for (const language of ['sv', 'en']) {
  test(`every file and range error has its own text in ${language}`, () => {
    setLanguage(language);
    const unknown = errorText({ code: 'no_such_code' });
    for (const code of codes) {
      const text = errorText({ code, message: 'english' }, { protected: 'portfolio', limit_mb: 256 });
      assert.notEqual(text, unknown, code);
      assert.doesNotMatch(text, /\{|\}|undefined/, `${code}: ${text}`);
    }
    for (const place of places) {
      const text = errorText({ code: 'protected_output' }, { protected: place });
      assert.doesNotMatch(text, /protected\.|undefined/, `${place}: ${text}`);
    }
  });
}

test('an output refused as the open portfolio says so in Swedish', () => {
  setLanguage('sv');
  assert.match(errorText({ code: 'protected_output' }, { protected: 'portfolio' }), /ersätta den öppna portföljen/);
  assert.match(errorText({ code: 'too_large' }, { limit_mb: 256 }), /256 MB/);
});

// Every code the engine (its catalogue, tests/ui/engine-codes.json) and the shell (src-tauri/src/error.rs) send.
function reportedCodes() {
  const engineCodes = JSON.parse(readFileSync(new URL('./engine-codes.json', import.meta.url), 'utf8')).error;
  const shell = readFileSync(new URL('../../src-tauri/src/error.rs', import.meta.url), 'utf8');
  const shellCodes = [...shell.split('#[cfg(test)]')[0].matchAll(/code: "(\w+)"/g)].map((m) => m[1]);
  return { engineCodes, shellCodes };
}

for (const language of ['sv', 'en']) {
  test(`every code the engine and the shell report has its own text in ${language}`, () => {
    const { engineCodes, shellCodes } = reportedCodes();
    assert.ok(engineCodes.length >= 25 && engineCodes.includes('busy'), `Error::code read from src/error.rs: ${engineCodes}`);
    assert.ok(shellCodes.includes('no_portfolio'), `codes read from src-tauri/src/error.rs: ${shellCodes}`);
    setLanguage(language);
    const unknown = errorText({ code: 'no_such_code' });
    const params = { name: 'KUF-2026-00019', count: 2, used_by: 'SLK-2026-00001', protected: 'portfolio', limit_mb: 256 };
    const without = [...engineCodes, ...shellCodes].filter((code) => errorText({ code, message: 'english' }, params) === unknown);
    assert.deepEqual(without, []);
  });
}
