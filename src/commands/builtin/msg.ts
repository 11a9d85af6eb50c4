import { bareJid } from '../../domain/jid.js';
import { fail, ok, type CommandSpec } from '../types.js';
import { currentRoom } from './rooms.js';

export const msgCommand: CommandSpec = {
  name: 'msg',
  summary: 'Open a chat with a contact, and send a message if one is given.',
  args: [
    { name: 'jid', required: true, description: 'the contact, e.g. bob@example.org' },
    { name: 'text', required: false, rest: true, description: 'the message; the rest of the line, spaces and all' },
  ],
  description: 'Opens (or switches to) the chat tab with JID. With text, also sends it as a message. In a room tab, /msg NICK writes to that person privately.',
  examples: ['/msg bob@example.org', '/msg bob@example.org see you at 5', '/msg carol are you free? (in a room tab)'],
  async run(ctx, [jid = '', text]) {
    const room = currentRoom(ctx);
    if (room && !jid.includes('@')) {
      // In a room, a bare nick means a private message to that occupant (XEP-0045 §7.5).
      if (!ctx.state().rooms[room]?.occupants.some((o) => o.nick === jid)) return fail(`nobody called "${jid}" is in ${room}; /who lists who is`);
      if (text !== undefined && text !== '') await ctx.api.sendPrivate(room, jid, text);
      return ok(undefined, [{ type: 'open-private', room, nick: jid }]);
    }
    const peer = bareJid(jid);
    if (!peer || !peer.includes('@')) return fail(`"${jid}" is not a JID. Write it as name@server, e.g. /msg bob@example.org hi`);
    if (text !== undefined && text !== '') await ctx.api.sendMessage(peer, text);
    return ok(undefined, [{ type: 'open-chat', peer, focus: true }]);
  },
  complete(ctx, index, partial) {
    if (index !== 0) return [];
    const room = currentRoom(ctx);
    const nicks = room ? (ctx.state().rooms[room]?.occupants.map((o) => o.nick) ?? []) : [];
    return [...nicks, ...ctx.state().roster.map((c) => c.jid)].filter((name) => name.startsWith(partial));
  },
};
