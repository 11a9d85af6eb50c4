import type { AdvertisePort } from '../disco/advertised.js';
import type { InboundMessage } from '../forwarding/unwrap.js';
import { NS_RECEIPTS } from '../messages/ns.js';
import type { StanzaPort } from '../messages/feature.js';
import { buildReceipt } from './build.js';
import { parseReceipt } from './parse.js';

/**
 * Delivery receipts (XEP-0184): `onDelivered` for each of our messages the peer confirmed;
 * requests are answered only where `mayAnswer` allows (§8: a receipt tells the sender that
 * this client is online, so strangers get none).
 */
export function receiptsFeature(port: StanzaPort & AdvertisePort, handlers: { onDelivered(peer: string, id: string): void; mayAnswer(peer: string): boolean }) {
  // §6: support is determined by service discovery, so it is advertised.
  port.advertise(NS_RECEIPTS);
  const listener = (message: Exclude<InboundMessage, { via: 'archive' }>): void => {
    // Only live: a carbon of a receipt is between our other device and its peer.
    if (message.via !== 'live') return;
    const event = parseReceipt(message.stanza);
    if (!event) return;
    if (event.kind === 'received') handlers.onDelivered(event.peer, event.id);
    else if (handlers.mayAnswer(event.peer)) void port.send(buildReceipt(event.from, event.id)).catch(() => undefined);
  };
  return { stop: port.onMessage(listener) };
}
