import xml, { type Element } from '@xmpp/xml';
import type { StanzaPort } from '../messages/feature.js';
import { buildGroupchatMessage, buildPrivateMessage } from './build.js';
import type { AdvertisePort } from '../disco/advertised.js';
import { enterRoom, NS_MUC } from './join.js';
import { parseRoomStanza, UNREMARKABLE, type RoomEvent } from './parse.js';

const NS_MUC_OWNER = 'http://jabber.org/protocol/muc#owner';

/** The part of a session rooms use (the seam unit tests fake). */
export interface RoomsPort extends StanzaPort, AdvertisePort {
  iqCaller: { set(payload: Element, to?: string, timeout?: number): Promise<Element | undefined> };
}

export interface JoinOptions {
  password?: string;
  /** Room history (§7.2.15) only after this time: what natter has already stored is not sent again. */
  since?: number;
  timeoutMs?: number;
  /** Our <show/> and <status/>, so the room sees us as our contacts do. */
  availability?: Element[];
}

export interface RoomsFeature {
  /** True for a room joined or being joined: its stanzas are this feature's, not the chat's. */
  has(room: string): boolean;
  /** Joins (§7.2) and resolves once the room sent our own presence; a new room is opened at once with its default configuration (§10.1.2). */
  join(room: string, nick: string, options?: JoinOptions): Promise<{ created: boolean }>;
  /** A groupchat message; the room passes it back to everyone, us included, with this origin-id (§7.4). */
  say(room: string, body: string, id: string): Promise<void>;
  /** §7.5: a private message to one occupant. */
  privateMessage(room: string, nick: string, body: string, id: string): Promise<void>;
  leave(room: string, nick: string): Promise<void>;
  stop(): void;
}

/** Multi-user chat (XEP-0045) for one session: joins, room traffic parsed into events, messages out. */
export function roomsFeature(port: RoomsPort, handlers: { onEvent(event: RoomEvent): void; onDropped(room: string, reason: string): void }): RoomsFeature {
  // XEP-0045 §6.1: an entity that can join rooms advertises the MUC namespace.
  port.advertise(NS_MUC);
  const rooms = new Set<string>();
  const listener = (stanza: Element): void => {
    const parsed = parseRoomStanza(stanza, rooms);
    if (!parsed) return;
    if (parsed.ok) handlers.onEvent(parsed.event);
    else if (!UNREMARKABLE.has(parsed.reason)) handlers.onDropped(parsed.room, parsed.reason);
  };
  // Live stanzas only: a carbon comes from our own JID, never from a room.
  const stops = [port.onPresence(listener), port.onMessage((m) => (m.via === 'live' ? listener(m.stanza) : undefined))];

  const join = async (room: string, nick: string, options: JoinOptions = {}): Promise<{ created: boolean }> => {
    const timeoutMs = options.timeoutMs ?? 15_000;
    const history = options.since === undefined ? { maxstanzas: '20' } : { since: new Date(options.since + 1).toISOString() };
    const children = [xml('history', history), ...(options.password ? [xml('password', {}, options.password)] : [])];
    rooms.add(room);
    const { created } = await enterRoom(port, room, nick, children, timeoutMs, options.availability).catch((error: unknown) => {
      rooms.delete(room);
      throw error;
    });
    // §10.1.2: a room we created stays locked until it is configured; accept the defaults.
    if (created) await port.iqCaller.set(xml('query', { xmlns: NS_MUC_OWNER }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' })), room);
    return { created };
  };

  return {
    has: (room) => rooms.has(room),
    join,
    async say(room, body, id) {
      await port.send(buildGroupchatMessage(room, body, id));
    },
    async privateMessage(room, nick, body, id) {
      await port.send(buildPrivateMessage(room, nick, body, id));
    },
    async leave(room, nick) {
      rooms.delete(room);
      await port.send(xml('presence', { to: `${room}/${nick}`, type: 'unavailable' }));
    },
    stop: () => stops.forEach((stop) => stop()),
  };
}
