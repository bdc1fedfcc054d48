// The open portfolio's backups: made by themselves once a day while the app runs (the newest 14 are kept), or now
// on request; any of them can be restored, after which the portfolio as it was is a backup of its own.

import { ask } from '../ask.js';
import { h, replace } from '../dom.js';
import { formatDateTime, formatNumber } from '../format.js';
import { t } from '../i18n.js';

function size(bytes) {
  return `${formatNumber(bytes / 1024 / 1024, 1)}\u00a0MB`;
}

/** ctx.backups: {list(), make(), restore(path, at)}. */
export function renderBackups(main, ctx) {
  const table = h('div', { class: 'table-wrap' });
  async function show() {
    const backups = await ctx.backups.list();
    if (!backups) return;
    replace(
      table,
      backups.length
        ? h(
            'table',
            { class: 'data', id: 'backup-table' },
            h('caption', {}, t('backups.caption', { count: backups.length })),
            h('thead', {}, h('tr', {}, [t('backups.made'), t('backups.reason'), t('backups.size'), h('span', { class: 'visually-hidden' }, t('backups.actions'))].map((c) => h('th', { scope: 'col' }, c)))),
            h(
              'tbody',
              {},
              backups.map((b) =>
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, formatDateTime(b.at, ctx.language)),
                  h('td', {}, t(`backups.reason_${b.reason}`)),
                  h('td', { class: 'number' }, size(b.bytes)),
                  h('td', {}, h('button', {
                    type: 'button',
                    'aria-label': t('backups.restore_label', { at: formatDateTime(b.at, ctx.language), reason: t(`backups.reason_${b.reason}`).toLowerCase() }),
                    onclick: async () => {
                      if (!(await ask(t('backups.confirm', { at: formatDateTime(b.at, ctx.language) }), { confirm: t('backups.restore') }))) return;
                      if (await ctx.backups.restore(b.path)) show();
                    },
                  }, t('backups.restore'))),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, t('backups.none')),
    );
  }
  replace(
    main,
    h('header', { class: 'view-header' }, h('h1', {}, t('backups.title')), h('div', { class: 'view-actions' }, h('button', { type: 'button', id: 'make-backup', class: 'primary', onclick: async () => { if (await ctx.backups.make()) show(); } }, t('backups.make')))),
    h('p', { class: 'lead' }, t('backups.lead')),
    table,
  );
  show();
}
