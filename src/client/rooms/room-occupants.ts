import type { Room } from '../../domain/room.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import type { RoomEvent } from '../../xmpp/features/muc/parse.js';
import type { RoomContext } from './room-context.js';

/** Status codes (XEP-0045 §15.6) that end our own presence in a room, and what they mean. */
const REMOVED: Record<string, string> = { '301': 'you were banned', '307': 'you were kicked', '321': 'you lost your membership', '332': 'the room service is shutting down' };

/** Who is in a room, and what the room says about it: joins, departures, nick changes, our removal, the subject. */
export function roomOccupants(ctx: RoomContext) {
  const { store, say } = ctx;
  return {
    occupant(event: Extract<RoomEvent, { kind: 'occupant' }>, current: Room): void {
      const nick = sanitizeLine(event.occupant.nick);
      const self = event.self || event.occupant.nick === current.nick;
      if (!event.left) {
        const known = current.occupants.some((o) => o.nick === event.occupant.nick);
        store.dispatch({ type: 'room/occupant', room: event.room, occupant: event.occupant });
        if (!known && current.joined && !self) say(event.room, 'info', `${nick} joined`);
        return;
      }
      store.dispatch({ type: 'room/occupant-left', room: event.room, nick: event.occupant.nick });
      const removed = event.codes.map((c) => REMOVED[c]).find(Boolean);
      if (event.newNick) {
        if (self) store.dispatch({ type: 'room/update', room: event.room, patch: { nick: event.newNick } });
        if (current.joined) say(event.room, 'info', `${self ? 'you are' : `${nick} is`} now known as ${sanitizeLine(event.newNick)}`);
      } else if (self && removed) {
        ctx.wanted.delete(event.room);
        store.dispatch({ type: 'room/update', room: event.room, patch: { joined: false } });
        say(event.room, 'error', `${removed}${event.reason ? ` (${sanitizeLine(event.reason)})` : ''}; /join ${event.room} to come back`);
      } else if (current.joined) say(event.room, 'info', `${nick} left${removed ? ` (${removed.replace('you were', 'was')})` : ''}`);
    },
    subject(event: Extract<RoomEvent, { kind: 'subject' }>, current: Room): void {
      const subject = sanitizeLine(event.subject);
      // §7.2.15: the room sends its subject as the last step of every join, and "If there is no
      // subject set, the room MUST return an empty <subject/> element." That one is news only
      // when it is not what natter knew (a first join, a change while away); a later one is a change.
      const ofJoin = ctx.subjectDue.delete(event.room);
      if (subject === current.subject) return;
      store.dispatch({ type: 'room/update', room: event.room, patch: { subject } });
      if (ofJoin) return say(event.room, 'info', subject ? `Subject: ${subject}` : 'the room has no subject any more');
      const who = event.nick ? sanitizeLine(event.nick) : 'the room';
      say(event.room, 'info', subject ? `${who} set the subject: ${subject}` : `${who} cleared the subject`);
    },
  };
}
