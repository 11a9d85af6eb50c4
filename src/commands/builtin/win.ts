import { fail, ok, type CommandSpec } from '../types.js';

export const winCommand: CommandSpec = {
  name: 'win',
  summary: 'Go to tab N (as in Profanity and Poezio; Alt-1…Alt-0 do the same).',
  args: [{ name: 'number', required: true, description: 'the tab number shown in the tab bar, from 1' }],
  examples: ['/win 2'],
  run(ctx, [value = '']) {
    const tabs = ctx.state().tabs;
    const index = Number(value);
    if (!Number.isInteger(index) || index < 1) return fail(`"${value}" is not a tab number. Usage: /win N, e.g. /win 2`);
    const tab = tabs[index - 1];
    if (!tab) return fail(`There is no tab ${index}; there ${tabs.length === 1 ? 'is 1 tab' : `are ${tabs.length} tabs`}.`);
    return ok(undefined, [{ type: 'tab/focus', id: tab.id }]);
  },
};
