import { randomUUID } from 'node:crypto';
import xml, { type Element } from '@xmpp/xml';
import { NS_CHATSTATES, NS_RECEIPTS, NS_SID } from './ns.js';

/**
 * A chat message with an id that is also its XEP-0359 origin-id, so the copy that comes back
 * (carbons, MAM) can be matched and de-duplicated, and an XEP-0184 receipt request.
 */
export function buildChatMessage(to: string, body: string, id: string = randomUUID(), extra: Element[] = []): Element {
  return xml(
    'message',
    { type: 'chat', to, id },
    xml('body', {}, body),
    xml('origin-id', { xmlns: NS_SID, id }),
    xml('request', { xmlns: NS_RECEIPTS }),
    // XEP-0085 §5.1: a message with a body also says the sender is active in the chat.
    xml('active', { xmlns: NS_CHATSTATES }),
    ...extra,
  );
}
