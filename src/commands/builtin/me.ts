import { chatPeer } from '../../domain/jid.js';
import { fail, ok, type CommandSpec } from '../types.js';

export const meCommand: CommandSpec = {
  name: 'me',
  summary: 'Say what you do, in the third person (/me waves → * you waves).',
  args: [{ name: 'action', required: true, rest: true, description: 'what you do' }],
  description: 'Sends a message that starts with "/me " (XEP-0245); clients show it as an action: * alice waves.',
  examples: ['/me waves', '/me is back from lunch'],
  async run(ctx, [action = '']) {
    const peer = chatPeer(ctx.state().activeTabId);
    if (!peer) return fail('/me works in a chat tab. Open one with /msg JID.');
    if (action.trim() === '') return fail('Usage: /me ACTION, e.g. /me waves');
    await ctx.api.sendMessage(peer, `/me ${action}`);
    return ok();
  },
};
