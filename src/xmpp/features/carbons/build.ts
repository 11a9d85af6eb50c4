import xml, { type Element } from '@xmpp/xml';
import { NS_CARBONS } from './parse.js';

/** XEP-0280 §4: <iq type="set"><enable xmlns="urn:xmpp:carbons:2"/></iq> (the payload). */
export function buildEnableCarbons(): Element {
  return xml('enable', { xmlns: NS_CARBONS });
}
