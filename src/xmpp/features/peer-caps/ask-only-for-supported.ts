import type { Element } from '@xmpp/xml';
import { NS_CHATSTATES, NS_RECEIPTS } from '../messages/ns.js';

/** What is known of the recipient: true/false from its caps, undefined when they are unknown. */
export type Supports = (to: string, namespace: string) => boolean | undefined;

/**
 * A chat message without what its recipient is known not to support: the XEP-0184 <request/>
 * goes only where the caps list receipts or are unknown (§5.2: "If the sender determines that
 * the recipient's client does not support the Message Delivery Receipts protocol then it
 * SHOULD NOT request a receipt"; §5.1, a bare JID whose support can not be determined: "the
 * sender MAY request a receipt"), and <active/> likewise (XEP-0085 §5.1: "In the absence of
 * explicit discovery or negotiation, the User MAY implicitly request and discover the use of
 * chat state notifications"). Rooms' messages are left as they are (no receipt is asked in a
 * room, XEP-0184 §5.3).
 */
export function askOnlyForSupported(stanza: Element, supports: Supports): Element {
  if (stanza.attrs.type !== 'chat' || typeof stanza.attrs.to !== 'string') return stanza;
  const to = stanza.attrs.to;
  const drop = (ns: string): boolean => supports(to, ns) === false;
  const receipts = drop(NS_RECEIPTS);
  const chatStates = drop(NS_CHATSTATES);
  if (!receipts && !chatStates) return stanza;
  stanza.children = stanza.children.filter((child) => {
    if (typeof child === 'string') return true;
    if (receipts && child.is('request', NS_RECEIPTS)) return false;
    return !(chatStates && child.attrs.xmlns === NS_CHATSTATES);
  });
  return stanza;
}
