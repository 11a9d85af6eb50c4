import { sanitizeLine } from '../../domain/sanitize.js';
import { fail, ok, type RunnableCommandSpec } from '../types.js';

const ALL = '--all';

function visibility(invisible: boolean): RunnableCommandSpec['run'] {
  return async (ctx, [flag]) => {
    if (flag !== undefined && flag !== ALL) return fail(`unknown option "${sanitizeLine(flag).slice(0, 40)}"; usage: /${invisible ? 'invisible' : 'visible'} [--all]`);
    return ok(await ctx.api.setInvisible(invisible, { all: flag === ALL, tabId: ctx.state().activeTabId }));
  };
}

const completeAll = (_ctx: unknown, index: number, partial: string): string[] => (index === 0 ? [ALL].filter((word) => word.startsWith(partial)) : []);

export const invisibleCommand: RunnableCommandSpec = {
  name: 'invisible',
  summary: 'Appear offline to contacts, staying connected (XEP-0186).',
  args: [{ name: '--all', required: false, description: 'every running account, not only the current one' }],
  description:
    'Your server stops sending your presence: contacts see you as offline, and you still see theirs and get messages. ' +
    'It needs the server\'s support (XEP-0186 Invisible Command): where the server does not offer it, natter says so and changes nothing. ' +
    'It lasts until /visible, across reconnects; if the server will not make a new login invisible, natter sends no presence at all.',
  examples: ['/invisible', '/invisible --all'],
  run: visibility(true),
  complete: completeAll,
};

export const visibleCommand: RunnableCommandSpec = {
  name: 'visible',
  summary: 'Show your presence to contacts again after /invisible.',
  args: [{ name: '--all', required: false, description: 'every running account, not only the current one' }],
  examples: ['/visible', '/visible --all'],
  run: visibility(false),
  complete: completeAll,
};
