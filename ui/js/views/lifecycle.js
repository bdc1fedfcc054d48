// The lifecycle of an initiative: where it is, the steps it may take next and what each still needs, a reason
// recorded with the step (who and when are recorded by the engine), the states only the group's decision enters,
// and undoing the user's own latest step.

import { h, replace } from '../dom.js';
import { formatDateTime } from '../format.js';
import { t, term, textLimit } from '../i18n.js';

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
    const [all, latest] = await Promise.all([ctx.transitions(initiative.id), ctx.latestStep(initiative.id)]);
    // The group's states are not steps: the engine says they need its decision at a meeting.
    const byGroup = all.filter((step) => step.missing.includes('group_decision'));
    const steps = all.filter((step) => !step.missing.includes('group_decision'));
    const needsText = (missing) => missing.map((m) => term('requirement', m)).join(', ');
    replace(
      panel,
      h('h2', { id: 'lifecycle-title' }, t('lifecycle.title')),
      h('p', {}, t('lifecycle.now'), ' ', h('span', { class: `state state-${initiative.state}` }, term('initiative_state', initiative.state))),
      latestStep(latest),
      byGroup.length
        ? h(
            'p',
            { class: 'hint', id: 'lifecycle-by-group' },
            t('lifecycle.by_group', { states: byGroup.map((s) => term('initiative_state', s.to)).join(', ') }),
            ' ',
            h('a', { href: '#/moten' }, t('lifecycle.to_meetings')),
          )
        : null,
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
        : byGroup.length
          ? null
          : h('p', { class: 'muted' }, t('lifecycle.final')),
    );
  }

  /** The latest move, by whom and how; the user's own step may be undone with a reason. */
  function latestStep(latest) {
    if (!latest) return null;
    const state = (key) => term('initiative_state', key);
    const moved = t('lifecycle.latest', { from: state(latest.from), to: state(latest.to), by: latest.by, at: formatDateTime(latest.at, ctx.language) });
    if (latest.decision) return h('p', { class: 'muted', id: 'lifecycle-latest' }, moved, ' ', t('lifecycle.latest_by_decision', { decision: latest.decision }));
    if (latest.by !== ctx.app.user_name) return h('p', { class: 'muted', id: 'lifecycle-latest' }, moved, ' ', t('lifecycle.latest_by_other', { by: latest.by }));
    const why = h('input', { type: 'text', id: 'undo-reason', maxlength: textLimit('text'), 'aria-label': t('lifecycle.undo_reason') });
    const message = h('p', { class: 'field-message', role: 'status' });
    return h(
      'div',
      { class: 'latest-step', id: 'lifecycle-latest' },
      h('p', {}, moved),
      h('div', { class: 'field' }, h('label', { for: 'undo-reason' }, t('lifecycle.undo_reason')), why, message),
      h('button', {
        type: 'button',
        id: 'undo-step',
        onclick: async () => {
          replace(message);
          if (!why.value.trim()) {
            replace(message, t('lifecycle.reason_needed'));
            why.focus();
            return;
          }
          if (await ctx.undoStep(initiative.id, why.value)) onMoved();
        },
      }, t('lifecycle.undo', { state: state(latest.from) })),
    );
  }

  render();
  return panel;
}
