import { bareJid } from '../../domain/jid.js';
import { fail, ok, type CommandSpec } from '../types.js';

export const msgCommand: CommandSpec = {
  name: 'msg',
  summary: 'Open a chat with a contact, and send a message if one is given.',
  args: [
    { name: 'jid', required: true, description: 'the contact, e.g. bob@example.org' },
    { name: 'text', required: false, rest: true, description: 'the message; the rest of the line, spaces and all' },
  ],
  description: 'Opens (or switches to) the chat tab with JID. With text, also sends it as a message.',
  examples: ['/msg bob@example.org', '/msg bob@example.org see you at 5'],
  async run(ctx, [jid = '', text]) {
    const peer = bareJid(jid);
    if (!peer || !peer.includes('@')) return fail(`"${jid}" is not a JID. Write it as name@server, e.g. /msg bob@example.org hi`);
    if (text !== undefined && text !== '') await ctx.api.sendMessage(peer, text);
    return ok(undefined, [{ type: 'open-chat', peer, focus: true }]);
  },
  complete(ctx, index, partial) {
    if (index !== 0) return [];
    return ctx.state().roster.map((c) => c.jid).filter((jid) => jid.startsWith(partial));
  },
};
