import { mentions, type Room } from '../../domain/room.js';
import { sanitizeLine, sanitizeText } from '../../domain/sanitize.js';
import { roomTabId, tabIdOf } from '../../domain/tab-address.js';
import type { RoomEvent } from '../../xmpp/features/muc/parse.js';
import { MAX_STRANGER_TABS } from '../conversations/chat-tabs.js';
import { privateRow, roomRow } from '../conversations/history-rows.js';
import type { Outbox } from '../outbox/outbox.js';
import { untabbedNotes } from '../conversations/untabbed-notes.js';
import type { RoomContext } from './room-context.js';

/** A private message through a room (§7.5), live or a copy (carbon, archive). */
export interface PrivateMessage {
  room: string;
  nick: string;
  body: string;
  at: number;
  id?: string;
  direction?: 'in' | 'out';
  archived?: boolean;
}

/**
 * What is said in an account's rooms, both ways: room messages into the history and the room's
 * tab (written before shown), highlights, private messages through a room in their own tabs,
 * and ours, pending until the room passes them back (§7.4). A message to a room the account is
 * not in is marked failed, never lost silently.
 */
export function roomMessages(ctx: RoomContext) {
  const { account, store, tabs, history } = ctx;
  // Occupants' private messages open tabs within the strangers' limit, as chats do (chat-tabs.ts).
  const untabbed = untabbedNotes((text) => ctx.consoleLine('info', text), {
    first: (peer) => `a private message from ${peer} is kept in the history without a tab: ${MAX_STRANGER_TABS} tabs opened by strangers are open. Closing tabs makes room`,
    more: (messages, people) => `${messages} in private from ${people} in rooms kept in the history without a tab; /search finds them`,
  });
  const outbox = (): Outbox => {
    if (!ctx.outbox) throw new Error(`${account} can not send here`);
    return ctx.outbox;
  };
  const markFailed = (jid: string, id: string, reason: string): void => outbox().abandon(jid, id, `not delivered: ${sanitizeLine(reason)}`);
  /** Rooms joined again whose discussion history may confirm messages of ours still pending. */
  const awaitingHistory = new Set<string>();
  const failUnconfirmed = (jid: string, why: string): void => {
    awaitingHistory.delete(jid);
    for (const m of history.outbox(account, 'groupchat')) if (m.peer === jid && m.originId) markFailed(jid, m.originId, `${why}; it may not have reached the room`);
  };

  const message = (event: Extract<RoomEvent, { kind: 'message' }>, current: Room): void => {
    const out = event.nick === current.nick;
    const stored = history.add(roomRow(account, event, out));
    if (stored.duplicate) {
      // Our own message passed back by the room (§7.4): the room took it.
      if (out && event.originId) ctx.outbox?.echoed(event.room, event.originId);
      return;
    }
    const highlight = !out && !event.delayed && mentions(event.body, current.nick);
    store.dispatch({
      type: 'line/append', tabId: roomTabId(event.room), kind: out ? 'outgoing' : 'incoming', from: out ? 'me' : sanitizeLine(event.nick),
      text: sanitizeText(event.body), at: event.at, rowId: stored.id, ...(highlight ? { highlight: true } : {}),
    });
    if (event.delayed) return;
    const fields = { account, room: event.room, nick: event.nick, body: event.body, at: new Date(event.at).toISOString() };
    ctx.onEvent?.({ event: 'message', direction: out ? 'out' : 'in', ...fields });
    if (highlight) ctx.onEvent?.({ event: 'highlight', ...fields });
  };

  const privateMessage = (event: PrivateMessage): void => {
    const peer = `${event.room}/${event.nick}`;
    const out = event.direction === 'out';
    // Someone the account never wrote to in private is a stranger here.
    const shown = out || history.hasWrittenTo(account, peer) || tabs.admitsStranger(tabIdOf({ kind: 'private', room: event.room, nick: event.nick }));
    // The tab first: a tab that opens shows the stored conversation, which must not hold this
    // message yet, or it would show twice (as chat-receiver.ts does).
    const tabId = shown ? tabs.openPrivate(account, event.room, event.nick, false) : undefined;
    const stored = history.add(privateRow(account, event, out));
    if (stored.duplicate) return;
    if (tabId === undefined) untabbed.kept(peer);
    else {
      store.dispatch({
        type: 'line/append', tabId, kind: out ? 'outgoing' : 'incoming', from: out ? 'me' : sanitizeLine(event.nick), text: sanitizeText(event.body),
        at: event.at, rowId: stored.id, ...(out ? {} : { highlight: true }),
      });
    }
    ctx.onEvent?.({
      event: 'message', account, room: event.room, nick: event.nick, private: true, direction: out ? 'out' : 'in', body: event.body, at: new Date(event.at).toISOString(),
      ...(event.archived ? { archived: true } : {}),
    });
  };

  /** Through the outbox: shown as pending; the room's echo marks it sent. Not in the room: shown failed, with what to do. */
  const say = async (jid: string, body: string): Promise<void> => {
    const joined = ctx.room(jid)?.joined === true && ctx.feature() !== undefined;
    const nick = ctx.room(jid)?.nick ?? account;
    outbox().send({ kind: 'groupchat', room: jid, nick }, body, joined ? {} : { unsendable: `not sent: not in ${jid}; /join ${jid} and send it again` });
  };

  /** §7.5, through the outbox: sent on the server's ack, like a chat message. */
  const sendPrivate = async (jid: string, nick: string, body: string): Promise<void> => {
    if (!ctx.feature() || ctx.room(jid)?.joined !== true) throw new Error(`not in ${jid}; a private message goes through the room: /join ${jid} first`);
    outbox().send({ kind: 'private', room: jid, nick }, body);
  };

  return { message, privateMessage, say, sendPrivate, markFailed, awaitingHistory, failUnconfirmed };
}

export type RoomMessages = ReturnType<typeof roomMessages>;
