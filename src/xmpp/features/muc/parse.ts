import type { Element } from '@xmpp/xml';
import { cutBody } from '../../../domain/body-limit.js';
import { bareJid } from '../../../domain/jid.js';
import type { Occupant } from '../../../domain/room.js';
import { sanitizeLine } from '../../../domain/sanitize.js';
import { errorCondition } from '../messages/parse-error.js';
import { trustedDelay } from '../messages/delay.js';
import { NS_MUC_USER, NS_SID } from '../messages/ns.js';

/** RFC 7622 §3.3: a resourcepart (the nick) is at most 1023 bytes. */
const MAX_NICK_BYTES = 1023;

/** What a joined room sent, read from one stanza (XEP-0045). */
export type RoomEvent =
  | { kind: 'message'; room: string; nick: string; body: string; at: number; delayed: boolean; id?: string; originId?: string; stanzaId?: string }
  | { kind: 'subject'; room: string; nick: string; subject: string }
  | { kind: 'occupant'; room: string; occupant: Occupant; self: boolean; left: boolean; codes: string[]; newNick?: string; reason?: string }
  | { kind: 'private'; room: string; nick: string; body: string; at: number; id?: string }
  | { kind: 'error'; room: string; nick?: string; of: 'presence' | 'message'; condition: string; text?: string; id?: string };

export type RoomParse = { ok: true; event: RoomEvent } | { ok: false; room: string; reason: string };

/** The reasons of stanzas a room may well send that carry nothing for natter: ignored without a word. */
export const ROOM_OWN_PRESENCE = "the room's own presence";
export const NO_BODY = 'no body';
export const UNREMARKABLE: ReadonlySet<string> = new Set([NO_BODY, ROOM_OWN_PRESENCE]);

const ROLES = new Set(['moderator', 'participant', 'visitor', 'none']);
const AFFILIATIONS = new Set(['owner', 'admin', 'member', 'outcast', 'none']);
const SHOWS = new Set(['away', 'chat', 'dnd', 'xa']);

/**
 * Reads a stanza from one of the rooms in `rooms` (bare JIDs of rooms joined or being
 * joined); undefined when it is not from such a room, so other features take it. A malformed
 * one comes back with a reason, never as an exception.
 */
export function parseRoomStanza(stanza: Element, rooms: ReadonlySet<string>, now: () => number = Date.now): RoomParse | undefined {
  const from = typeof stanza.attrs.from === 'string' ? stanza.attrs.from : '';
  const room = bareJid(from);
  if (!room || !rooms.has(room)) return undefined;
  const slash = from.indexOf('/');
  const nick = slash < 0 ? '' : from.slice(slash + 1);
  if (Buffer.byteLength(nick) > MAX_NICK_BYTES) return { ok: false, room, reason: 'a nickname over 1023 bytes' };
  const type = stanza.attrs.type;
  if (type === 'error') {
    const condition = errorCondition(stanza) ?? 'undefined-condition';
    const text = stanza.getChild('error')?.getChildText('text') ?? undefined;
    const id = typeof stanza.attrs.id === 'string' ? stanza.attrs.id : undefined;
    const of = stanza.is('presence') ? 'presence' : 'message';
    return { ok: true, event: { kind: 'error', room, of, condition, ...(nick ? { nick } : {}), ...(text ? { text } : {}), ...(id ? { id } : {}) } };
  }
  if (stanza.is('presence')) {
    // A presence from the room itself, not an occupant: XEP-0045 gives a room none, but it is
    // valid XMPP, and ejabberd sends one at every join to announce the room's own caps
    // (XEP-0115). Nothing in it concerns who is in the room.
    if (!nick) return { ok: false, room, reason: ROOM_OWN_PRESENCE };
    return occupantPresence(stanza, room, nick);
  }
  if (!stanza.is('message')) return undefined;
  const body = stanza.getChildText('body');
  // XEP-0045 §7.2.15: the room stamps the discussion history it sends with a <delay/> from its
  // own JID (and drops one an occupant wrote claiming to be from it). Any other is a claim.
  const arrived = now();
  const history = trustedDelay(stanza, room, arrived);
  const at = history ?? arrived;
  const id = typeof stanza.attrs.id === 'string' ? stanza.attrs.id : undefined;
  if (type === 'groupchat') {
    // §8.1: a subject change is a groupchat message with <subject/> and no body.
    const subject = stanza.getChildText('subject');
    if (body === null && subject !== null) return { ok: true, event: { kind: 'subject', room, nick, subject: cutBody(subject) } };
    if (body === null) return { ok: false, room, reason: NO_BODY };
    const originId = stanza.getChild('origin-id', NS_SID)?.attrs.id;
    // XEP-0359 §5: only the room's own stanza-id can be trusted as the room archive's id.
    const stanzaId = stanza.getChildren('stanza-id', NS_SID).find((e) => e.attrs.by === room && typeof e.attrs.id === 'string')?.attrs.id;
    return {
      ok: true,
      event: {
        kind: 'message', room, nick, body: cutBody(body), at, delayed: history !== undefined,
        ...(id ? { id } : {}), ...(typeof originId === 'string' ? { originId } : {}), ...(typeof stanzaId === 'string' ? { stanzaId } : {}),
      },
    };
  }
  // §7.5: a private message comes from the occupant's room JID, typed chat.
  if ((type === 'chat' || type === undefined || type === 'normal') && nick && body !== null) {
    return { ok: true, event: { kind: 'private', room, nick, body: cutBody(body), at, ...(id ? { id } : {}) } };
  }
  return { ok: false, room, reason: body === null ? NO_BODY : `a message of type "${shownAttribute(type)}"` };
}

function occupantPresence(stanza: Element, room: string, nick: string): RoomParse {
  const x = stanza.getChild('x', NS_MUC_USER);
  const item = x?.getChild('item');
  const codes = (x?.getChildren('status') ?? []).map((s) => String(s.attrs.code ?? '')).filter((c) => /^\d{3}$/.test(c));
  const role = String(item?.attrs.role ?? 'none');
  const affiliation = String(item?.attrs.affiliation ?? 'none');
  const left = stanza.attrs.type === 'unavailable';
  if (stanza.attrs.type !== undefined && !left) return { ok: false, room, reason: `a presence of type "${shownAttribute(stanza.attrs.type)}"` };
  const show = stanza.getChildText('show') ?? '';
  const realJid = typeof item?.attrs.jid === 'string' ? bareJid(item.attrs.jid) : '';
  const newNick = typeof item?.attrs.nick === 'string' && codes.includes('303') ? item.attrs.nick : undefined;
  const reason = item?.getChildText('reason') ?? undefined;
  const status = stanza.getChildText('status');
  const occupant: Occupant = {
    nick,
    role: ROLES.has(role) ? (role as Occupant['role']) : 'none',
    affiliation: AFFILIATIONS.has(affiliation) ? (affiliation as Occupant['affiliation']) : 'none',
    presence: left ? 'offline' : SHOWS.has(show) ? (show as Occupant['presence']) : 'online',
    ...(realJid ? { jid: realJid } : {}),
    ...(status === null ? {} : { status }),
  };
  // §7.2.3: status 110 marks the presence of this client's own occupant.
  return { ok: true, event: { kind: 'occupant', room, occupant, self: codes.includes('110'), left, codes, ...(newNick ? { newNick } : {}), ...(reason ? { reason } : {}) } };
}

/** An attribute's value for a reason that is shown: inert, and at most 32 characters (an attribute can be 200 KB). */
function shownAttribute(value: unknown): string {
  const text = sanitizeLine(String(value));
  return text.length > 32 ? `${text.slice(0, 32)}…` : text;
}
