/**
 * "user@host/res" → "user@host" with local part and domain lower-cased; '' when it is not a
 * plausible JID (RFC 7622 §3: at most one @ before the domain, no spaces or XML specials,
 * each part non-empty). Full PRECIS preparation is the server's job; this guards display
 * and routing against junk from the network and typos on the command line.
 */
export function bareJid(jid: string): string {
  const slash = jid.indexOf('/');
  const bare = (slash < 0 ? jid : jid.slice(0, slash)).toLowerCase();
  if (!bare || bare.length > 3071 || /[\s<>"'&]/.test(bare)) return '';
  const at = bare.indexOf('@');
  if (at === 0 || at === bare.length - 1 || bare.indexOf('@', at + 1) >= 0) return '';
  if (bare.endsWith('.') || bare.includes('..')) return '';
  return bare;
}

/** The domain of a JID ("user@host/res" → "host"), lower-cased; '' when it is not a plausible JID. */
export function jidDomain(jid: string): string {
  const bare = bareJid(jid);
  return bare.slice(bare.indexOf('@') + 1);
}

const CHAT_PREFIX = 'chat:';

/** The tab id of a one-to-one chat with `peer` (a bare JID). */
export function chatTabId(peer: string): string {
  return `${CHAT_PREFIX}${peer}`;
}

/** The peer of a one-to-one chat tab; undefined for any other tab. */
export function chatPeer(tabId: string): string | undefined {
  return tabId.startsWith(CHAT_PREFIX) ? tabId.slice(CHAT_PREFIX.length) : undefined;
}

/** True for "name@server" written as such (no resource, already in canonical lower case). */
export function isBareJid(jid: string): boolean {
  return !jid.includes('/') && jid.includes('@') && bareJid(jid) === jid;
}

const ROOM_PREFIX = 'room:';
const PRIVATE_PREFIX = 'private:';

/** The tab id of a room (a bare room JID). */
export function roomTabId(room: string): string {
  return `${ROOM_PREFIX}${room}`;
}

/** The room of a room tab; undefined for any other tab. */
export function tabRoom(tabId: string): string | undefined {
  return tabId.startsWith(ROOM_PREFIX) ? tabId.slice(ROOM_PREFIX.length) : undefined;
}

/** The tab id of a private chat with `nick` of `room` (XEP-0045 §7.5). */
export function privateTabId(room: string, nick: string): string {
  return `${PRIVATE_PREFIX}${room}/${nick}`;
}

/** The room and nick of a private chat tab; undefined for any other tab. */
export function privatePeer(tabId: string): { room: string; nick: string } | undefined {
  if (!tabId.startsWith(PRIVATE_PREFIX)) return undefined;
  const rest = tabId.slice(PRIVATE_PREFIX.length);
  const slash = rest.indexOf('/');
  return slash < 0 ? undefined : { room: rest.slice(0, slash), nick: rest.slice(slash + 1) };
}

/** Whose conversation a tab shows, as the history keeps it: a peer, a room, or "room/nick"; undefined for other tabs. */
export function tabConversation(tabId: string): string | undefined {
  const occupant = privatePeer(tabId);
  return chatPeer(tabId) ?? tabRoom(tabId) ?? (occupant ? `${occupant.room}/${occupant.nick}` : undefined);
}
