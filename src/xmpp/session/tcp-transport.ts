import ConnectionTCP from '@xmpp/tcp/lib/Connection.js';
import { BoundedParser } from './bounded-parser.js';

/** The plain TCP transport (xmpp://, STARTTLS) with natter's bounded XML parser. */
export function boundedTcpTransport() {
  class BoundedTcp extends ConnectionTCP {}
  (BoundedTcp.prototype as unknown as { Parser: unknown }).Parser = BoundedParser;
  return BoundedTcp;
}
