import type { Element } from '@xmpp/xml';
import type { StanzaPort } from '../messages/feature.js';
import { buildReceipt } from './build.js';
import { parseReceipt } from './parse.js';

/**
 * Delivery receipts (XEP-0184): `onDelivered` for each of our messages the peer confirmed;
 * requests are answered only where `mayAnswer` allows (§8: a receipt tells the sender that
 * this client is online, so strangers get none).
 */
export function receiptsFeature(port: StanzaPort, handlers: { onDelivered(peer: string, id: string): void; mayAnswer(peer: string): boolean }) {
  const listener = (stanza: Element): void => {
    const event = parseReceipt(stanza);
    if (!event) return;
    if (event.kind === 'received') handlers.onDelivered(event.peer, event.id);
    else if (handlers.mayAnswer(event.peer)) void port.send(buildReceipt(event.from, event.id)).catch(() => undefined);
  };
  port.on('stanza', listener);
  return { stop: () => void port.off('stanza', listener) };
}
