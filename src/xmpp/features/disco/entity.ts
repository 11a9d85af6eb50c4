import { NS_CARBONS } from '../carbons/parse.js';
import { NS_CORRECT } from '../corrections/corrections.js';
import { NS_CHATSTATES, NS_RECEIPTS } from '../messages/ns.js';
import { NS_TIME } from '../time/build.js';
import { NS_LAST } from '../last/last.js';

export const NS_DISCO_INFO = 'http://jabber.org/protocol/disco#info';
export const NS_CAPS = 'http://jabber.org/protocol/caps';
export const NS_PING = 'urn:xmpp:ping';
export const NS_VERSION = 'jabber:iq:version';

/**
 * The project's URI, the caps node (XEP-0115 §4: "a URI that uniquely identifies a software
 * application"). natter has no web site yet; .invalid (RFC 2606) can never point at someone
 * else's. Change it here once it has one: the caps hash does not depend on it.
 */
export const NATTER_URI = 'https://natter.invalid';

export interface Identity {
  category: string;
  type: string;
  name: string;
  lang?: string;
}

/** XEP-0030 §3.1, registry "client/console": a text-mode client. */
export const NATTER_IDENTITY: Identity = { category: 'client', type: 'console', name: 'natter' };

/**
 * What natter really does, and nothing else: each entry is implemented under
 * src/xmpp/features (or answered by ./feature.ts). Not listed on purpose: jabber:x:oob
 * (natter neither sends, shows nor answers it), MUC (no rooms yet).
 */
export const NATTER_FEATURES: readonly string[] = [
  NS_DISCO_INFO,
  NS_CAPS,
  NS_RECEIPTS, // XEP-0184, receipts/
  NS_CHATSTATES, // XEP-0085, chat-states/
  NS_CORRECT, // XEP-0308, corrections/
  NS_CARBONS, // XEP-0280 §4: a client that enables carbons advertises them
  NS_PING, // XEP-0199, answered by ./feature.ts
  NS_VERSION, // XEP-0092, answered by ./feature.ts
  NS_TIME, // XEP-0202 §4, answered by src/client/time/answer-time.ts
  NS_LAST, // XEP-0012 "Determining Support", answered by src/client/presence/answer-last.ts
];
