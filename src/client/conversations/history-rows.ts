import type { ChatMessage } from '../../domain/chat-message.js';
import type { Delivery, MessageHistory, MessageKind, NewMessage } from '../../history/message-history.js';

/*
 * The one place history rows are made: every message natter stores, either way, passes
 * through one of these, so a field (the kind, the sender, the ids a copy is recognised by) is
 * decided once.
 */

/**
 * A chat message (live, carbon or archived) as a history row of `account`. XEP-0308 §5: only
 * the sender of the original may correct it, so the original is looked up in this
 * conversation and this direction only; nobody else's message can be replaced.
 */
export function chatRow(history: MessageHistory, account: string, message: ChatMessage): { row: NewMessage; original?: ReturnType<MessageHistory['original']> } {
  const incoming = message.direction === 'in';
  const original = message.replaces ? history.original(account, message.peer, message.direction, message.replaces) : undefined;
  return {
    row: {
      account,
      peer: message.peer,
      direction: message.direction,
      sender: incoming ? (message.fullJid ?? message.peer) : account,
      body: message.body,
      at: message.at,
      ...(message.originId ? { originId: message.originId } : {}),
      ...(message.stanzaId ? { stanzaId: message.stanzaId } : {}),
      ...(message.id ? { messageId: message.id } : {}),
      ...(incoming ? {} : { delivery: 'sent' as const }),
      ...(original ? { replaces: original.id } : {}),
    },
    ...(original ? { original } : {}),
  };
}

/** A message of ours: its id is also its origin-id (XEP-0359), how its copies and its delivery find it. */
export function ourRow(message: {
  account: string;
  peer: string;
  body: string;
  id: string;
  delivery: Delivery;
  kind?: MessageKind;
  /** Who it is from as the conversation names people: the account, or our nick in a room. */
  sender?: string;
  replaces?: number;
  at?: number;
}): NewMessage {
  const { account, peer, body, id, delivery } = message;
  return {
    account, peer, direction: 'out', sender: message.sender ?? account, body, at: message.at ?? Date.now(), originId: id, messageId: id, delivery,
    ...(message.kind ? { kind: message.kind } : {}),
    ...(message.replaces === undefined ? {} : { replaces: message.replaces }),
  };
}

/** A room's message (XEP-0045 §7.4), ours (passed back by the room: the room took it) or someone's, sender by nick. */
export function roomRow(account: string, event: { room: string; nick: string; body: string; at: number; stanzaId?: string; originId?: string; id?: string }, ours: boolean): NewMessage {
  return {
    account, peer: event.room, kind: 'groupchat', direction: ours ? 'out' : 'in', sender: event.nick, body: event.body, at: event.at,
    ...(event.stanzaId ? { stanzaId: event.stanzaId } : {}), ...(event.originId ? { originId: event.originId } : {}),
    ...(event.id ? { messageId: event.id } : {}), ...(ours ? { delivery: 'sent' as const } : {}),
  };
}

/** A private message through a room (§7.5), kept under "room/nick" as a one-to-one chat. */
export function privateRow(account: string, event: { room: string; nick: string; body: string; at: number; id?: string }, ours: boolean): NewMessage {
  const peer = `${event.room}/${event.nick}`;
  return {
    account, peer, direction: ours ? 'out' : 'in', sender: ours ? account : peer, body: event.body, at: event.at,
    ...(event.id ? { messageId: event.id } : {}), ...(ours ? { delivery: 'sent' as const } : {}),
  };
}
