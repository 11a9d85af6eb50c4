import type { Element } from '@xmpp/xml';
import { sanitizeLine, sanitizeText } from '../../domain/sanitize.js';
import { roomTabId } from '../../domain/tab-address.js';
import type { Room } from '../../domain/room.js';
import type { MessageHistory } from '../../history/message-history.js';
import type { Store } from '../../store/create-store.js';
import type { RoomEvent } from '../../xmpp/features/muc/parse.js';
import { roomsFeature, type RoomsFeature, type RoomsPort } from '../../xmpp/features/muc/rooms.js';
import type { ChatTabs } from '../conversations/chat-tabs.js';
import type { EventSink } from '../../domain/events.js';
import type { RoomContext } from './room-context.js';
import type { Outbox } from '../outbox/outbox.js';
import { roomMessages } from './room-messages.js';
import { roomOccupants } from './room-occupants.js';

/**
 * The rooms (XEP-0045) of one account: joins (again after each new session), and the room
 * traffic handed to its parts: what is said (room-messages.ts) and who is there
 * (room-occupants.ts).
 */
export function accountRooms(
  account: string,
  deps: {
    store: Store; tabs: ChatTabs; history: MessageHistory; consoleLine(kind: 'info' | 'error', text: string): void; onEvent?: EventSink; outbox?: Outbox;
    /** Our <show/> and <status/> now, sent with each join so the room sees us as contacts do. */
    availability?(): Element[];
  },
) {
  const { store, tabs, history } = deps;
  let feature: RoomsFeature | undefined;
  const room = (jid: string): Room | undefined => store.getState().rooms[jid];
  const ctx: RoomContext = {
    ...deps, account, room, feature: () => feature, wanted: new Map(), subjectDue: new Set(),
    // Room lines carry nicks, reasons and attributes from the network: made inert here, once for all.
    say: (jid, kind, text) => store.dispatch({ type: 'line/append', tabId: roomTabId(jid), kind, text: sanitizeText(text) }),
  };
  const { wanted, say } = ctx;
  const messages = roomMessages(ctx);
  const occupants = roomOccupants(ctx);

  const onEvent = (event: RoomEvent): void => {
    const current = room(event.room);
    if (!current || current.account !== account) return;
    switch (event.kind) {
      case 'message':
        return messages.message(event, current);
      case 'subject':
        occupants.subject(event, current);
        // The subject ends the discussion history (§7.2.16): what it did not confirm, it will not.
        if (messages.awaitingHistory.has(event.room)) messages.failUnconfirmed(event.room, 'the connection dropped before the room passed it on');
        return;
      case 'occupant':
        return occupants.occupant(event, current);
      case 'private':
        return messages.privateMessage(event);
      case 'error':
        if (event.of === 'message' && event.id) return messages.markFailed(event.room, event.id, event.condition === 'forbidden' ? 'no voice in the room' : event.condition);
        if (current.joined) say(event.room, 'error', `${event.room} says: ${sanitizeLine(event.text ?? event.condition)}`);
    }
  };

  /** Joins `jid` (and shows its tab; `focus`: in front, as when the user asks; not on a rejoin after a reconnect). */
  const join = async (jid: string, nick: string, password?: string, focus = true): Promise<string> => {
    if (!feature) throw new Error(`${account} is not connected; /connect first, then /join ${jid}`);
    wanted.set(jid, { nick, ...(password ? { password } : {}) });
    store.dispatch({ type: 'room/set', room: { room: jid, account, nick, joined: false, subject: room(jid)?.subject ?? '', occupants: [] } });
    tabs.openRoom(account, jid, focus);
    const last = history.page(account, jid, 1)[0];
    ctx.subjectDue.add(jid);
    try {
      const { created } = await feature.join(jid, nick, { ...(password ? { password } : {}), ...(last ? { since: last.at } : {}), availability: deps.availability?.() ?? [] });
      store.dispatch({ type: 'room/update', room: jid, patch: { joined: true } });
      const count = room(jid)?.occupants.length ?? 0;
      const text = `${created ? 'created the room and joined it' : 'joined'} as ${sanitizeLine(nick)}; ${count} ${count === 1 ? 'person' : 'people'} here`;
      say(jid, 'info', text);
      return `${jid}: ${text}`;
    } catch (error) {
      wanted.delete(jid);
      ctx.subjectDue.delete(jid);
      const reason = error instanceof Error ? error.message : String(error);
      say(jid, 'error', sanitizeLine(reason));
      throw error;
    }
  };

  return {
    /** A new session: room traffic is read from it, and the rooms the user is in are joined again. */
    attach(port: RoomsPort): RoomsFeature {
      feature = roomsFeature(port, { onEvent, onDropped: (jid, reason) => say(jid, 'error', `dropped a stanza from the room (${reason})`) });
      return feature;
    },
    /**
     * A fresh session (none resumed): the rooms the user is in are joined again, not in front.
     * A room message the room never passed back (§7.4) is not confirmed on a stream that is
     * gone. Sending it again could repeat it; so it waits for the room's discussion history,
     * which holds it if the room got it (it is then marked sent, as a duplicate of our own),
     * and whatever is still unconfirmed when the history ends (the subject comes last, §7.2.16)
     * is marked failed, visibly. In a room that is not joined again, at once.
     */
    rejoin(): void {
      const unconfirmed = new Set(history.outbox(account, 'groupchat').map((m) => m.peer));
      for (const jid of unconfirmed) if (!wanted.has(jid)) messages.failUnconfirmed(jid, 'natter left the room before it passed the message on');
      for (const [jid, { nick, password }] of wanted) {
        if (unconfirmed.has(jid)) messages.awaitingHistory.add(jid);
        join(jid, nick, password, false).catch(() => messages.failUnconfirmed(jid, 'natter could not join the room again to see whether it passed the message on'));
      }
    },
    /** The session ended: nobody is known to be in any room until the next join. */
    detach(): void {
      feature?.stop();
      feature = undefined;
      for (const jid of wanted.keys()) {
        if (!room(jid)?.joined) continue;
        store.dispatch({ type: 'room/update', room: jid, patch: { joined: false, occupants: [] } });
        say(jid, 'info', 'offline: not in the room until the account is back');
      }
    },
    isRoom: (jid: string): boolean => feature?.has(jid) === true,
    /** Our occupant JIDs (room/nick) in the rooms this account is in now. */
    occupantJids: (): string[] => [...wanted.keys()].flatMap((jid) => {
      const current = room(jid);
      return current?.joined ? [`${jid}/${current.nick}`] : [];
    }),
    /** A carbon or archived copy of a private message through a room. */
    privateCopy: messages.privateMessage,
    join,
    say: messages.say,
    sendPrivate: messages.sendPrivate,
    async leave(jid: string): Promise<string> {
      const current = room(jid);
      if (!current || current.account !== account) throw new Error(`not in ${jid}`);
      wanted.delete(jid);
      if (current.joined && feature) await feature.leave(jid, current.nick);
      store.dispatch({ type: 'room/remove', room: jid });
      say(jid, 'info', `you left ${jid}`);
      return `left ${jid}`;
    },
  };
}

export type AccountRooms = ReturnType<typeof accountRooms>;
