import xml, { type Element } from '@xmpp/xml';

/**
 * RFC 6121 §4.2.1: "After establishing a session, a client SHOULD send initial presence to
 * the server in order to signal its availability for communications." Without it the server
 * does not route messages addressed to the bare JID to this resource.
 */
export function buildInitialPresence(): Element {
  return xml('presence');
}

/** RFC 6121 §4.5.1: unavailable presence before closing the stream. */
export function buildUnavailablePresence(): Element {
  return xml('presence', { type: 'unavailable' });
}
