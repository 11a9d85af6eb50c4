import xml, { type Element } from '@xmpp/xml';

/** XEP-0352 Client State Indication. */
export const NS_CSI = 'urn:xmpp:csi:0';
const NS_STREAMS = 'http://etherx.jabber.org/streams';

export type ClientState = 'active' | 'inactive';

/**
 * XEP-0352 §4.1: "If a server supports CSI, it MUST advertise that fact by including a
 * stream feature of <csi xmlns='urn:xmpp:csi:0'/>". Whether `element` is a
 * <stream:features/>, and if so whether it offers CSI; undefined for any other element.
 */
export function offersCsi(element: Element): boolean | undefined {
  if (!element.is('features', NS_STREAMS)) return undefined;
  return element.getChild('csi', NS_CSI) !== undefined;
}

/** XEP-0352 §4.2: the top-level <active/> or <inactive/> element a client indicates its state with. */
export function buildClientState(state: ClientState): Element {
  return xml(state, { xmlns: NS_CSI });
}
