// The lifecycle of an initiative: where it is, the steps it may take next and what each still needs, and a
// reason recorded with the step (who and when are recorded by the engine).

import { h, replace } from '../dom.js';
import { t, term } from '../i18n.js';

/**
 * @param {object} ctx
 * @param {{id: number, state: string}} initiative
 * @param {() => void} onMoved called after a step was taken (the data is reloaded by then)
 */
export function lifecyclePanel(ctx, initiative, onMoved) {
  const panel = h('section', { class: 'lifecycle', 'aria-labelledby': 'lifecycle-title' });
  const reason = h('textarea', { id: 'transition-reason', rows: 2 });
  const message = h('p', { class: 'field-message', role: 'status' });
  async function render() {
    const steps = await ctx.transitions(initiative.id);
    const needsText = (missing) => missing.map((m) => term('requirement', m)).join(', ');
    replace(
      panel,
      h('h2', { id: 'lifecycle-title' }, t('lifecycle.title')),
      h('p', {}, t('lifecycle.now'), ' ', h('span', { class: `state state-${initiative.state}` }, term('initiative_state', initiative.state))),
      steps.length
        ? [
            h('div', { class: 'field wide' }, h('label', { for: 'transition-reason' }, t('lifecycle.reason')), reason, message),
            h(
              'ul',
              { class: 'transitions' },
              steps.map((step) => {
                const blocking = step.missing.filter((m) => m !== 'reason');
                return h(
                  'li',
                  {},
                  h('button', {
                    type: 'button',
                    class: step.to === 'avbruten' ? 'danger' : blocking.length ? '' : 'primary',
                    disabled: blocking.length > 0,
                    dataset: { to: step.to },
                    onclick: async () => {
                      replace(message);
                      if (step.missing.includes('reason') && !reason.value.trim()) {
                        replace(message, t('lifecycle.reason_needed'));
                        reason.focus();
                        return;
                      }
                      if (await ctx.moveInitiative(initiative.id, step.to, reason.value)) onMoved();
                    },
                  }, t('lifecycle.move_to', { state: term('initiative_state', step.to) })),
                  blocking.length ? h('span', { class: 'muted' }, ` ${t('lifecycle.needs', { what: needsText(blocking) })}`) : null,
                );
              }),
            ),
          ]
        : h('p', { class: 'muted' }, t('lifecycle.final')),
    );
  }
  render();
  return panel;
}
