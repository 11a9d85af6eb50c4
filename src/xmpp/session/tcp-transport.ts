import { BoundedParser } from './bounded-parser.js';
import { setTransportParser, TcpTransport } from './xmppjs-internals.js';

/** The plain TCP transport (xmpp://, STARTTLS) with natter's bounded XML parser. */
export function boundedTcpTransport() {
  class BoundedTcp extends TcpTransport {}
  setTransportParser(BoundedTcp, BoundedParser);
  return BoundedTcp;
}
