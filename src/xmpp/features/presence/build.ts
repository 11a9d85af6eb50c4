import xml, { type Element } from '@xmpp/xml';
import { buildCaps } from '../disco/build.js';
import type { Caps } from '../disco/caps.js';

/**
 * RFC 6121 §4.2.1: "After establishing a session, a client SHOULD send initial presence to
 * the server in order to signal its availability for communications." Without it the server
 * does not route messages addressed to the bare JID to this resource. It carries the
 * session's caps (XEP-0115 §4: its advertised features, disco/advertised.ts), so the server
 * and contacts ask disco#info once per ver, not per login.
 */
export function buildInitialPresence(caps: Caps): Element {
  return xml('presence', {}, buildCaps(caps));
}

/** RFC 6121 §4.5.1: unavailable presence before closing the stream (no caps: nothing is left to ask). */
export function buildUnavailablePresence(): Element {
  return xml('presence', { type: 'unavailable' });
}
