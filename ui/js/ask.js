// Questions before an action that cannot be taken back (a deletion, a restore, a lock, leaving unsaved changes),
// asked in the app's own dialog. Not window.confirm: under Tauri the dialog plugin replaces it with an asynchronous
// function whose Promise is always truthy, so `if (!confirm(…)) return` never stopped anything.

import { h } from './dom.js';
import { t } from './i18n.js';

/**
 * Asks `question` in a modal dialog; resolves to true when the user confirms, false on cancel or Escape.
 * `confirm`: the confirming button's text (default "OK"); `danger`: the button is styled as destructive; `only`:
 * a message with a close button alone (resolves false).
 * @returns {Promise<boolean>}
 */
export function ask(question, { confirm = t('ask.ok'), danger = false, only = false } = {}) {
  document.getElementById('ask-dialog')?.remove();
  return new Promise((resolve) => {
    const dialog = h('dialog', { id: 'ask-dialog', class: 'dialog', 'aria-labelledby': 'ask-text' });
    const finish = (answer) => {
      if (dialog.open) dialog.close();
      dialog.remove();
      resolve(answer);
    };
    const cancel = h('button', { type: 'button', id: 'ask-cancel', onclick: () => finish(false) }, only ? t('ask.close') : t('ask.cancel'));
    dialog.append(
      h('p', { id: 'ask-text' }, question),
      h(
        'div',
        { class: 'actions' },
        only ? null : h('button', { type: 'button', id: 'ask-confirm', class: danger ? 'danger' : 'primary', onclick: () => finish(true) }, confirm),
        cancel,
      ),
    );
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    // The safe answer has the focus: Enter on a stray key press cancels.
    cancel.focus();
  });
}
