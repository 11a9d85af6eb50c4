import { fail, ok, type CommandSpec } from '../types.js';

export const meCommand: CommandSpec = {
  name: 'me',
  summary: 'Say what you do, in the third person (/me waves → * you waves).',
  args: [{ name: 'action', required: true, rest: true, description: 'what you do' }],
  description: 'Sends a message that starts with "/me " (XEP-0245); clients show it as an action: * alice waves.',
  examples: ['/me waves', '/me is back from lunch'],
  async run(ctx, [action = '']) {
    const state = ctx.state();
    const tab = state.tabs.find((t) => t.id === state.activeTabId);
    if (tab?.kind !== 'chat') return fail('/me works in a chat tab. Open one with /msg JID.');
    if (action.trim() === '') return fail('Usage: /me ACTION, e.g. /me waves');
    await ctx.api.sendMessage(tab.id.slice('chat:'.length), `/me ${action}`);
    return ok();
  },
};
