// Shown when no portfolio is open.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';

export function renderStart(main, { openFile, createFile, openSample, openPackage }) {
  replace(
    main,
    h(
      'section',
      { class: 'start' },
      h('h1', {}, t('start.title')),
      h('p', { class: 'lead' }, t('start.text')),
      h(
        'div',
        { class: 'form-actions' },
        h('button', { type: 'button', class: 'primary', onclick: openFile }, t('file.open')),
        h('button', { type: 'button', onclick: createFile }, t('file.new')),
        h('button', { type: 'button', onclick: openSample }, t('file.sample')),
      ),
      h('h2', {}, t('start.package_title')),
      h('p', {}, t('start.package_text')),
      h('div', { class: 'form-actions' }, h('button', { type: 'button', id: 'start-open-package', onclick: openPackage }, t('package.open'))),
    ),
  );
}
