import { bareJid } from '../../domain/jid.js';
import { sanitizeLine } from '../../domain/sanitize.js';
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
      const nick = occupantNamed(ctx.state().rooms[room]?.occupants ?? [], jid);
      if (nick === undefined) return fail(`nobody called "${jid}" is in ${room}; /who lists who is`);
      if (text !== undefined && text !== '') await ctx.api.sendPrivate(room, nick, text);
      return ok(undefined, [{ type: 'open-private', room, nick }]);
    }
    const peer = bareJid(jid);
    if (!peer || !peer.includes('@')) return fail(`"${jid}" is not a JID. Write it as name@server, e.g. /msg bob@example.org hi`);
    if (text !== undefined && text !== '') await ctx.api.sendMessage(peer, text);
    return ok(undefined, [{ type: 'open-chat', peer, focus: true }]);
  },
  complete(ctx, index, partial) {
    if (index !== 0) return [];
    const room = currentRoom(ctx);
    // Nicks as shown (Tab completes what /msg accepts): never control or bidi characters into the line.
    const nicks = room ? (ctx.state().rooms[room]?.occupants.map((o) => sanitizeLine(o.nick)) ?? []) : [];
    return [...nicks, ...ctx.state().roster.map((c) => c.jid)].filter((name) => name.startsWith(partial));
  },
};

/**
 * The nick of the occupant `written` names: written exactly, or as natter shows it (completion
 * inserts nicks as shown, without the control or bidi characters one may carry), when that
 * names one occupant only.
 */
function occupantNamed(occupants: readonly { nick: string }[], written: string): string | undefined {
  if (occupants.some((o) => o.nick === written)) return written;
  const shownAs = occupants.filter((o) => sanitizeLine(o.nick) === written);
  return shownAs.length === 1 ? shownAs[0]?.nick : undefined;
}
