import { randomUUID } from 'node:crypto';
import { roomTabId, tabIdOf } from '../../domain/tab-address.js';
import { mentions, type Room } from '../../domain/room.js';
import { sanitizeLine, sanitizeText } from '../../domain/sanitize.js';
import type { MessageHistory } from '../../history/message-history.js';
import type { Store } from '../../store/create-store.js';
import type { RoomEvent } from '../../xmpp/features/muc/parse.js';
import { roomsFeature, type RoomsFeature, type RoomsPort } from '../../xmpp/features/muc/rooms.js';
import { MAX_STRANGER_TABS, type ChatTabs } from '../conversations/chat-tabs.js';
import { untabbedNotes } from '../conversations/untabbed-notes.js';
import type { EventSink } from '../../domain/events.js';


/** Status codes (XEP-0045 §15.6) that end our own presence in a room, and what they mean. */
const REMOVED: Record<string, string> = { '301': 'you were banned', '307': 'you were kicked', '321': 'you lost your membership', '332': 'the room service is shutting down' };

/**
 * The rooms of one account: joins (again after each new session), room traffic into the
 * history and the room's tab (written before shown), highlights, private chats, and what the
 * user says in them. Messages to a room the account is not in are marked failed, never lost silently.
 */
export function accountRooms(
  account: string,
  deps: { store: Store; tabs: ChatTabs; history: MessageHistory; consoleLine(kind: 'info' | 'error', text: string): void; onEvent?: EventSink },
) {
  const { store, tabs, history } = deps;
  // Occupants' private messages open tabs within the strangers' limit, as chats do (chat-tabs.ts).
  const untabbed = untabbedNotes((text) => deps.consoleLine('info', text), {
    first: (peer) => `a private message from ${peer} is kept in the history without a tab: ${MAX_STRANGER_TABS} tabs opened by strangers are open. Closing tabs makes room`,
    more: (messages, people) => `${messages} in private from ${people} in rooms kept in the history without a tab; /search finds them`,
  });
  const wanted = new Map<string, { nick: string; password?: string }>();
  let feature: RoomsFeature | undefined;
  const room = (jid: string): Room | undefined => store.getState().rooms[jid];
  // Room lines carry nicks, reasons and attributes from the network: made inert here, once for all.
  const say = (jid: string, kind: 'info' | 'error', text: string): void => store.dispatch({ type: 'line/append', tabId: roomTabId(jid), kind, text: sanitizeText(text) });

  const onEvent = (event: RoomEvent): void => {
    const current = room(event.room);
    if (!current || current.account !== account) return;
    switch (event.kind) {
      case 'message':
        return message(event, current);
      case 'subject':
        store.dispatch({ type: 'room/update', room: event.room, patch: { subject: sanitizeLine(event.subject) } });
        if (awaitingHistory.has(event.room)) failUnconfirmed(event.room, 'the connection dropped before the room passed it on');
        // §7.2.16: the room sends its subject (maybe empty) as the last step of a join.
        if (!current.joined) {
          if (event.subject) say(event.room, 'info', `Subject: ${sanitizeLine(event.subject)}`);
        } else {
          const who = event.nick ? sanitizeLine(event.nick) : 'the room';
          say(event.room, 'info', event.subject ? `${who} set the subject: ${sanitizeLine(event.subject)}` : `${who} cleared the subject`);
        }
        return;
      case 'occupant':
        return occupant(event, current);
      case 'private':
        return privateMessage(event);
      case 'error':
        if (event.of === 'message' && event.id) return markFailed(event.room, event.id, event.condition === 'forbidden' ? 'no voice in the room' : event.condition);
        if (current.joined) say(event.room, 'error', `${event.room} says: ${sanitizeLine(event.text ?? event.condition)}`);
    }
  };

  const message = (event: Extract<RoomEvent, { kind: 'message' }>, current: Room): void => {
    const out = event.nick === current.nick;
    const stored = history.add({
      account, peer: event.room, kind: 'groupchat', direction: out ? 'out' : 'in', sender: event.nick, body: event.body, at: event.at,
      ...(event.stanzaId ? { stanzaId: event.stanzaId } : {}), ...(event.originId ? { originId: event.originId } : {}),
      ...(event.id ? { messageId: event.id } : {}), ...(out ? { delivery: 'sent' as const } : {}),
    });
    const ours = out && event.originId ? event.originId : undefined;
    if (stored.duplicate) {
      // Our own message passed back by the room (§7.4): the server took it.
      const rowId = ours ? history.setDelivery(account, event.room, ours, 'sent') : undefined;
      if (rowId !== undefined) store.dispatch({ type: 'line/delivery', tabId: roomTabId(event.room), rowId, delivery: 'sent' });
      return;
    }
    const highlight = !out && !event.delayed && mentions(event.body, current.nick);
    store.dispatch({
      type: 'line/append', tabId: roomTabId(event.room), kind: out ? 'outgoing' : 'incoming', from: out ? 'me' : sanitizeLine(event.nick),
      text: sanitizeText(event.body), at: event.at, rowId: stored.id, ...(highlight ? { highlight: true } : {}),
    });
    if (event.delayed) return;
    const fields = { account, room: event.room, nick: event.nick, body: event.body, at: new Date(event.at).toISOString() };
    deps.onEvent?.({ event: 'message', direction: out ? 'out' : 'in', ...fields });
    if (highlight) deps.onEvent?.({ event: 'highlight', ...fields });
  };

  const occupant = (event: Extract<RoomEvent, { kind: 'occupant' }>, current: Room): void => {
    const nick = sanitizeLine(event.occupant.nick);
    const self = event.self || event.occupant.nick === current.nick;
    if (event.left) {
      store.dispatch({ type: 'room/occupant-left', room: event.room, nick: event.occupant.nick });
      const removed = event.codes.map((c) => REMOVED[c]).find(Boolean);
      if (event.newNick) {
        if (self) store.dispatch({ type: 'room/update', room: event.room, patch: { nick: event.newNick } });
        if (current.joined) say(event.room, 'info', `${self ? 'you are' : `${nick} is`} now known as ${sanitizeLine(event.newNick)}`);
      } else if (self && removed) {
        wanted.delete(event.room);
        store.dispatch({ type: 'room/update', room: event.room, patch: { joined: false } });
        say(event.room, 'error', `${removed}${event.reason ? ` (${sanitizeLine(event.reason)})` : ''}; /join ${event.room} to come back`);
      } else if (current.joined) say(event.room, 'info', `${nick} left${removed ? ` (${removed.replace('you were', 'was')})` : ''}`);
      return;
    }
    const known = current.occupants.some((o) => o.nick === event.occupant.nick);
    store.dispatch({ type: 'room/occupant', room: event.room, occupant: event.occupant });
    if (!known && current.joined && !self) say(event.room, 'info', `${nick} joined`);
  };

  /** A private message through a room (§7.5), live or a copy (carbon, archive): its own tab, kept under "room/nick". */
  const privateMessage = (event: { room: string; nick: string; body: string; at: number; id?: string; direction?: 'in' | 'out'; archived?: boolean }): void => {
    const peer = `${event.room}/${event.nick}`;
    const out = event.direction === 'out';
    // Someone the account never wrote to in private is a stranger here.
    const shown = out || history.hasWrittenTo(account, peer) || tabs.admitsStranger(tabIdOf({ kind: 'private', room: event.room, nick: event.nick }));
    // The tab first: a tab that opens shows the stored conversation, which must not hold this
    // message yet, or it would show twice (as chat-receiver.ts does).
    const tabId = shown ? tabs.openPrivate(account, event.room, event.nick, false) : undefined;
    const stored = history.add({
      account, peer, direction: out ? 'out' : 'in', sender: out ? account : peer, body: event.body, at: event.at,
      ...(event.id ? { messageId: event.id } : {}), ...(out ? { delivery: 'sent' as const } : {}),
    });
    if (stored.duplicate) return;
    if (tabId === undefined) untabbed.kept(peer);
    else {
      store.dispatch({
        type: 'line/append', tabId, kind: out ? 'outgoing' : 'incoming', from: out ? 'me' : sanitizeLine(event.nick), text: sanitizeText(event.body),
        at: event.at, rowId: stored.id, ...(out ? {} : { highlight: true }),
      });
    }
    deps.onEvent?.({
      event: 'message', account, room: event.room, nick: event.nick, private: true, direction: out ? 'out' : 'in', body: event.body, at: new Date(event.at).toISOString(),
      ...(event.archived ? { archived: true } : {}),
    });
  };

  /** Rooms joined again whose history may confirm messages of ours still pending. */
  const awaitingHistory = new Set<string>();
  const failUnconfirmed = (jid: string, why: string): void => {
    awaitingHistory.delete(jid);
    for (const m of history.outbox(account, 'groupchat')) if (m.peer === jid && m.originId) markFailed(jid, m.originId, `${why}; it may not have reached the room`);
  };

  const markFailed = (jid: string, id: string, reason: string): void => {
    const rowId = history.setDelivery(account, jid, id, 'failed');
    if (rowId !== undefined) store.dispatch({ type: 'line/delivery', tabId: roomTabId(jid), rowId, delivery: 'failed', reason: `not delivered: ${sanitizeLine(reason)}` });
  };

  /** Joins `jid` (and shows its tab; `focus`: in front, as when the user asks; not on a rejoin after a reconnect). */
  const join = async (jid: string, nick: string, password?: string, focus = true): Promise<string> => {
    if (!feature) throw new Error(`${account} is not connected; /connect first, then /join ${jid}`);
    wanted.set(jid, { nick, ...(password ? { password } : {}) });
    store.dispatch({ type: 'room/set', room: { room: jid, account, nick, joined: false, subject: room(jid)?.subject ?? '', occupants: [] } });
    tabs.openRoom(account, jid, focus);
    const last = history.page(account, jid, 1)[0];
    try {
      const { created } = await feature.join(jid, nick, { ...(password ? { password } : {}), ...(last ? { since: last.at } : {}) });
      store.dispatch({ type: 'room/update', room: jid, patch: { joined: true } });
      const count = room(jid)?.occupants.length ?? 0;
      const text = `${created ? 'created the room and joined it' : 'joined'} as ${sanitizeLine(nick)}; ${count} ${count === 1 ? 'person' : 'people'} here`;
      say(jid, 'info', text);
      return `${jid}: ${text}`;
    } catch (error) {
      wanted.delete(jid);
      const reason = error instanceof Error ? error.message : String(error);
      say(jid, 'error', sanitizeLine(reason));
      throw error;
    }
  };

  /** Sends and shows as pending; the room's echo marks it sent. */
  const sayIn = async (jid: string, body: string): Promise<void> => {
    const id = randomUUID();
    const joined = room(jid)?.joined === true && feature !== undefined;
    const stored = history.add({
      account, peer: jid, kind: 'groupchat', direction: 'out', sender: room(jid)?.nick ?? account, body, at: Date.now(), originId: id, messageId: id, delivery: joined ? 'pending' : 'failed',
    });
    store.dispatch({
      type: 'line/append', tabId: roomTabId(jid), kind: 'outgoing', from: 'me', text: sanitizeText(body), rowId: stored.id,
      delivery: joined ? 'pending' : 'failed',
    });
    if (!joined || !feature) {
      store.dispatch({ type: 'line/delivery', tabId: roomTabId(jid), rowId: stored.id, delivery: 'failed', reason: `not sent: not in ${jid}; /join ${jid} and send it again` });
      return;
    }
    await feature.say(jid, body, id).catch((error: unknown) => markFailed(jid, id, error instanceof Error ? error.message : String(error)));
  };

  const sendPrivate = async (jid: string, nick: string, body: string): Promise<void> => {
    if (!feature || room(jid)?.joined !== true) throw new Error(`not in ${jid}; a private message goes through the room: /join ${jid} first`);
    const id = randomUUID();
    const peer = `${jid}/${nick}`;
    const tabId = tabs.openPrivate(account, jid, nick, true); // before the row: see privateMessage
    const stored = history.add({ account, peer, direction: 'out', sender: account, body, at: Date.now(), originId: id, messageId: id, delivery: 'sent' });
    store.dispatch({ type: 'line/append', tabId, kind: 'outgoing', from: 'me', text: sanitizeText(body), rowId: stored.id });
    await feature.privateMessage(jid, nick, body, id);
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
      for (const jid of unconfirmed) if (!wanted.has(jid)) failUnconfirmed(jid, 'natter left the room before it passed the message on');
      for (const [jid, { nick, password }] of wanted) {
        if (unconfirmed.has(jid)) awaitingHistory.add(jid);
        join(jid, nick, password, false).catch(() => failUnconfirmed(jid, 'natter could not join the room again to see whether it passed the message on'));
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
    /** A carbon or archived copy of a private message through a room. */
    privateCopy: privateMessage,
    join,
    say: sayIn,
    sendPrivate,
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
