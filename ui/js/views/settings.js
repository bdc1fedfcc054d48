// The settings dialog: the member's name (for the change history) and the language.

import { h, replace } from '../dom.js';
import { t, textLimit } from '../i18n.js';

export function openSettings(dialog, { memberName, loginName = '', nameNeeded = false, language, onSave, showError }) {
  const name = h('input', { type: 'text', id: 'settings-name', value: memberName, maxlength: textLimit('name'), autocomplete: 'name', 'aria-describedby': 'settings-name-hint', placeholder: loginName, required: nameNeeded });
  const choice = (value, label) =>
    h('label', { class: 'radio' }, h('input', { type: 'radio', name: 'language', value, checked: value === language }), label);
  const form = h(
    'form',
    { method: 'dialog' },
    h('h2', {}, t('settings.title')),
    nameNeeded ? h('p', { class: 'warning', role: 'alert', id: 'settings-name-needed' }, t('user.name_needed')) : null,
    h('div', { class: 'field' }, h('label', { for: 'settings-name' }, t('settings.name')), h('p', { class: 'hint', id: 'settings-name-hint' }, t('settings.name_hint'), loginName ? ` ${t('settings.login_fallback', { name: loginName })}` : ''), name),
    h('fieldset', { class: 'field' }, h('legend', {}, t('settings.language')), choice('sv', 'Svenska'), choice('en', 'English')),
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary', id: 'settings-save' }, t('common.save')),
      h('button', { type: 'button', onclick: () => dialog.close() }, t('common.cancel')),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = form.querySelector('input[name=language]:checked')?.value ?? language;
    try {
      await onSave(name.value, chosen);
      dialog.close();
    } catch (error) {
      showError(error);
    }
  });
  replace(dialog, form);
  dialog.showModal();
  name.focus();
}
