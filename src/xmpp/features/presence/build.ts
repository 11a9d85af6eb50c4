import xml, { type Element } from '@xmpp/xml';
import type { OwnPresence } from '../../../domain/own-presence.js';
import { buildCaps } from '../disco/build.js';
import type { Caps } from '../disco/caps.js';

/**
 * RFC 6121 §4.2.1: "After establishing a session, a client SHOULD send initial presence to
 * the server in order to signal its availability for communications." Without it the server
 * does not route messages addressed to the bare JID to this resource. It carries the
 * session's caps (XEP-0115 §4: its advertised features, disco/advertised.ts), so the server
 * and contacts ask disco#info once per ver, not per login.
 */
export function buildInitialPresence(caps: Caps, own?: OwnPresence, idleSince?: number): Element {
  return xml('presence', {}, ...(own ? availability(own) : []), ...(idleSince === undefined ? [] : [buildIdle(idleSince)]), buildCaps(caps));
}

export const NS_IDLE = 'urn:xmpp:idle:1';

/**
 * XEP-0319 §2.1: "The client sends a <presence/> stanza with time of last interaction", as
 * an XEP-0082 timestamp (whole seconds, UTC); coming back, §2.2, is a presence without it.
 */
function buildIdle(since: number): Element {
  return xml('idle', { xmlns: NS_IDLE, since: new Date(since).toISOString().replace(/\.\d{3}Z$/, 'Z') });
}

/**
 * RFC 6121 §4.7.2: <show/> (none for plain available, §4.7.2.1: "the entity is assumed to be
 * online and available"), <status/> and <priority/> (§4.7.2.3: zero when absent).
 */
export function availability(own: OwnPresence): Element[] {
  return [
    ...(own.show === 'online' ? [] : [xml('show', {}, own.show)]),
    ...(own.status ? [xml('status', {}, own.status)] : []),
    ...(own.priority === 0 ? [] : [xml('priority', {}, String(own.priority))]),
  ];
}

/** RFC 6121 §4.5.1: unavailable presence before closing the stream (no caps: nothing is left to ask). */
export function buildUnavailablePresence(): Element {
  return xml('presence', { type: 'unavailable' });
}
