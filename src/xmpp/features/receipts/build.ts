import { randomUUID } from 'node:crypto';
import xml, { type Element } from '@xmpp/xml';
import { NS_RECEIPTS } from '../messages/ns.js';

/** XEP-0184 §5.1: the receipt goes to the full JID that asked, with the id it asked about. */
export function buildReceipt(to: string, id: string): Element {
  return xml('message', { to, id: randomUUID() }, xml('received', { xmlns: NS_RECEIPTS, id }));
}
