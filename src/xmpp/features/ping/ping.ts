import xml, { type Element } from '@xmpp/xml';
import { NS_PING } from '../disco/entity.js';

/** XEP-0199 §4.2 / §4.3: an empty <ping/> in an IQ get; the answer is an empty result. */
export function buildPing(): Element {
  return xml('ping', { xmlns: NS_PING });
}
