/**
 * What a tab shows, as data: the console, a one-to-one chat, a room, a private chat with one
 * occupant of a room (XEP-0045 §7.5), an account's XML console, the search results, or who
 * someone is (/info: their devices, client, time and vCard).
 */
export type TabAddress =
  | { kind: 'console' }
  | { kind: 'chat'; peer: string }
  | { kind: 'room'; room: string }
  | { kind: 'private'; room: string; nick: string }
  | { kind: 'xml'; account: string }
  | { kind: 'search' }
  | { kind: 'info'; jid: string };

/** The address of one kind of tab: `TabAddressOf<'room'>` is `{ kind: 'room'; room }`. */
export type TabAddressOf<K extends TabAddress['kind']> = Extract<TabAddress, { kind: K }>;

/*
 * The store keys tabs (and their lines) by a string id: cheap to compare, to use as a key and
 * to serialize. This file is the only one that makes or reads those strings; everyone else
 * holds a TabAddress or an opaque id. The format: "console", "search", "chat:PEER",
 * "room:ROOM", "private:ROOM/NICK", "xml:ACCOUNT", "info:JID". The kind ends at the first ':' (a JID may
 * hold more, e.g. an IPv6 domain "[::1]"); a room is a bare JID, which has no '/' (RFC 7622
 * §3.1), so in a private chat's id the first '/' ends the room and the nick is the rest, '/'
 * and all.
 */

/** The tab id of `address`: the key of its tab in the store. */
export function tabIdOf(address: TabAddress): string {
  switch (address.kind) {
    case 'console':
    case 'search':
      return address.kind;
    case 'chat':
      return `chat:${address.peer}`;
    case 'room':
      return `room:${address.room}`;
    case 'private':
      return `private:${address.room}/${address.nick}`;
    case 'xml':
      return `xml:${address.account}`;
    case 'info':
      return `info:${address.jid}`;
  }
}

/**
 * The address of tab `id`; undefined when it is not a tab id natter makes (an unknown kind or
 * an empty part). With `kind`: the address only when the tab is of that kind, so
 * `parseTabId(id, 'chat')?.peer` is the peer of a chat tab and undefined for any other.
 */
export function parseTabId(id: string): TabAddress | undefined;
export function parseTabId<K extends TabAddress['kind']>(id: string, kind: K): TabAddressOf<K> | undefined;
export function parseTabId(id: string, kind?: TabAddress['kind']): TabAddress | undefined {
  const address = parse(id);
  return kind === undefined || address?.kind === kind ? address : undefined;
}

function parse(id: string): TabAddress | undefined {
  if (id === 'console' || id === 'search') return { kind: id };
  const colon = id.indexOf(':');
  const rest = id.slice(colon + 1);
  if (colon < 0 || rest === '') return undefined;
  switch (id.slice(0, colon)) {
    case 'chat':
      return { kind: 'chat', peer: rest };
    case 'room':
      return { kind: 'room', room: rest };
    case 'xml':
      return { kind: 'xml', account: rest };
    case 'info':
      return { kind: 'info', jid: rest };
    case 'private': {
      const slash = rest.indexOf('/');
      return slash > 0 && slash < rest.length - 1 ? { kind: 'private', room: rest.slice(0, slash), nick: rest.slice(slash + 1) } : undefined;
    }
    default:
      return undefined;
  }
}

/** The tab id of a one-to-one chat with `peer` (a bare JID): the most common tab, so it has a short name. */
export function chatTabId(peer: string): string {
  return tabIdOf({ kind: 'chat', peer });
}

/** The tab id of a room (a bare room JID). */
export function roomTabId(room: string): string {
  return tabIdOf({ kind: 'room', room });
}

/** The address of a tab one writes in: a chat, a room, or a private chat through a room. */
export type ConversationAddress = TabAddressOf<'chat' | 'room' | 'private'>;

export function isConversation(address: TabAddress | undefined): address is ConversationAddress {
  return address?.kind === 'chat' || address?.kind === 'room' || address?.kind === 'private';
}

/**
 * Whose conversation a tab shows, as the history keeps it: a peer, a room, or "room/nick" for
 * a private chat (the occupant's JID); undefined for tabs that show no conversation.
 */
export function conversationOf(address: TabAddress | undefined): string | undefined {
  switch (address?.kind) {
    case 'chat':
      return address.peer;
    case 'room':
      return address.room;
    case 'private':
      return `${address.room}/${address.nick}`;
    default:
      return undefined;
  }
}
