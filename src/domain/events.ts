import type { ConnectionState } from './connection-state.js';

/**
 * What natter tells the world outside it. A public contract: a hook receives each field as
 * NATTER_<FIELD> (`peer` → NATTER_PEER, README "Hooks"), `natter ctl --events` prints each
 * event as one JSON object per line, and terminal notifications are made from them. Add a
 * field rather than rename one. Texts are as received (the hook and ctl sides make them inert).
 */
export type NatterEvent =
  | ChatMessageEvent
  | RoomMessageEvent
  | HighlightEvent
  | FileEvent
  | ConnectionEvent
  | PresenceEvent
  | SubscriptionEvent;

export type NatterEventName = NatterEvent['event'];

/** Where events go: hooks, the control socket, notifications. */
export type EventSink = (event: NatterEvent) => void;

/** Every event name, for the config schema and docs. */
export const EVENT_NAMES: readonly NatterEventName[] = ['message', 'highlight', 'connection', 'presence', 'subscription', 'file'];

interface Archived {
  /** It came with the archive catch-up at login (old news): hooks leave it alone. */
  archived?: true;
}

/** A one-to-one message, either way (live, a carbon from another device, or archived). */
export interface ChatMessageEvent extends Archived {
  event: 'message';
  account: string;
  peer: string;
  direction: 'in' | 'out';
  body: string;
  /** ISO 8601. */
  at: string;
  /** The id of the message this one corrects (XEP-0308). */
  corrects?: string;
  /** Incoming: the full JID it came from (the peer's device). */
  from?: string;
  room?: never;
}

/** A message in a room, or a private one with an occupant (`private`). */
export interface RoomMessageEvent extends Archived {
  event: 'message';
  account: string;
  room: string;
  nick: string;
  direction: 'in' | 'out';
  body: string;
  at: string;
  private?: true;
  peer?: never;
}

/** A room message that names the user. */
export interface HighlightEvent {
  event: 'highlight';
  account: string;
  room: string;
  nick: string;
  body: string;
  at: string;
}

/** A file shared with an XEP-0066 link (as HTTP uploads are). */
export interface FileEvent extends Archived {
  event: 'file';
  account: string;
  peer: string;
  url: string;
  body: string;
}

export interface ConnectionEvent {
  event: 'connection';
  account: string;
  state: ConnectionState['kind'];
  reason?: string;
}

/** A contact's shown presence or status changed. */
export interface PresenceEvent {
  event: 'presence';
  account: string;
  peer: string;
  show: string;
  status?: string;
}

/** Someone asks to see the account's presence (RFC 6121 §3.1). */
export interface SubscriptionEvent {
  event: 'subscription';
  account: string;
  peer: string;
  nick?: string;
  status?: string;
}
