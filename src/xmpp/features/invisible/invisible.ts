import xml, { type Element } from '@xmpp/xml';

/** XEP-0186 Invisible Command. */
export const NS_INVISIBLE = 'urn:xmpp:invisible:0';

/**
 * XEP-0186 §3.1: "In order for a client to go invisible, it sends an IQ-set with no 'to'
 * address (thus handled by the user's server) containing an <invisible/> element"; §3.2 the
 * same with <visible/> to become visible again.
 */
export function buildVisibility(invisible: boolean): Element {
  return xml('iq', { type: 'set' }, xml(invisible ? 'invisible' : 'visible', { xmlns: NS_INVISIBLE }));
}

/**
 * XEP-0186 §4: "If the server supports the invisible command, it MUST return a feature of
 * 'urn:xmpp:invisible:0'" in its disco#info (the payload of the server's answer here).
 */
export function offersInvisibility(serverInfo: Element | undefined): boolean {
  return (serverInfo?.getChildren('feature') ?? []).some((f) => f.attrs.var === NS_INVISIBLE);
}
