import { bareJid } from '../../domain/jid.js';
import { chatTabId, roomTabId, tabIdOf } from '../../domain/tab-address.js';
import type { MessageKind } from '../../history/message-history.js';

/** Where one of our messages goes: a chat, a room (as the nick we have there), or an occupant in private through a room. */
export type OutgoingTarget =
  | { kind: 'chat'; peer: string }
  | { kind: 'groupchat'; room: string; nick: string }
  | { kind: 'private'; room: string; nick: string };

/** The history's name for the conversation: the peer, the room, or "room/nick". */
export function peerOf(target: OutgoingTarget): string {
  if (target.kind === 'chat') return target.peer;
  if (target.kind === 'groupchat') return target.room;
  return `${target.room}/${target.nick}`;
}

/** The tab a message to `target` shows in. */
export function outgoingTab(target: OutgoingTarget): string {
  if (target.kind === 'chat') return chatTabId(target.peer);
  if (target.kind === 'groupchat') return roomTabId(target.room);
  return tabIdOf({ kind: 'private', room: target.room, nick: target.nick });
}

/**
 * A stored message's target, from its peer and kind: a chat row whose peer is a full JID is a
 * private message through a room (natter writes one-to-one chats under bare JIDs). The nick of
 * a room row is not needed to send it again (room messages are not sent again).
 */
export function targetOfRow(peer: string, kind: MessageKind | undefined): OutgoingTarget {
  if (kind === 'groupchat') return { kind: 'groupchat', room: peer, nick: '' };
  const slash = peer.indexOf('/');
  return slash > 0 ? { kind: 'private', room: bareJid(peer.slice(0, slash)) || peer.slice(0, slash), nick: peer.slice(slash + 1) } : { kind: 'chat', peer };
}
