import { chatPeer, privatePeer, tabRoom } from '../../domain/jid.js';
import { fail, ok, type CommandSpec } from '../types.js';

export const meCommand: CommandSpec = {
  name: 'me',
  summary: 'Say what you do, in the third person (/me waves → * you waves).',
  args: [{ name: 'action', required: true, rest: true, description: 'what you do' }],
  description: 'Sends a message that starts with "/me " (XEP-0245); clients show it as an action: * alice waves.',
  examples: ['/me waves', '/me is back from lunch'],
  async run(ctx, [action = '']) {
    const tabId = ctx.state().activeTabId;
    const peer = chatPeer(tabId);
    const room = tabRoom(tabId);
    const occupant = privatePeer(tabId);
    if (!peer && !room && !occupant) return fail('/me works in a chat or room tab. Open one with /msg JID or /join ROOM.');
    if (action.trim() === '') return fail('Usage: /me ACTION, e.g. /me waves');
    const text = `/me ${action}`;
    if (peer) await ctx.api.sendMessage(peer, text);
    else if (room) await ctx.api.sayInRoom(room, text);
    else if (occupant) await ctx.api.sendPrivate(occupant.room, occupant.nick, text);
    return ok();
  },
};
