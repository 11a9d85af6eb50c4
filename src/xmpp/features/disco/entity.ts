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
