import xml, { type Element } from '@xmpp/xml';
import { NS_ROSTER } from './parse.js';

/** RFC 6121 §2.1.3 roster get; `ver` asks for versioning (§2.6) when we hold a cached roster. */
export function buildRosterQuery(ver?: string): Element {
  return xml('query', { xmlns: NS_ROSTER, ...(ver === undefined ? {} : { ver }) });
}
