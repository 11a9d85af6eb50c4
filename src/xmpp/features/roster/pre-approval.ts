import type { Element } from '@xmpp/xml';

/** RFC 6121 §3.4.1: the stream feature a server offers pre-approvals with. */
export const NS_PRE_APPROVAL = 'urn:xmpp:features:pre-approval';
const NS_STREAMS = 'http://etherx.jabber.org/streams';

/**
 * Whether `element` is a <stream:features/>, and if so whether it offers pre-approval:
 * "If a server supports subscription pre-approvals, it MUST advertise that fact by including a
 * stream feature of <sub xmlns='urn:xmpp:features:pre-approval'/>" (RFC 6121 §3.4.1). undefined
 * for any other element.
 */
export function offersPreApproval(element: Element): boolean | undefined {
  if (!element.is('features', NS_STREAMS)) return undefined;
  return element.getChild('sub', NS_PRE_APPROVAL) !== undefined;
}
