import xml, { type Element } from '@xmpp/xml';
import { natterCaps } from './caps.js';
import { buildDiscoInfo, buildVersion } from './build.js';
import { NATTER_IDENTITY, NS_DISCO_INFO, NS_PING, NS_VERSION } from './entity.js';

/** The IQ plumbing this feature needs (xmpp.js iqCallee satisfies it). */
export interface DiscoPort {
  iqCallee: { get(ns: string, name: string, handler: (ctx: { stanza: Element }) => unknown): unknown };
}

const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

/**
 * Answers what other entities ask about natter: XEP-0030 disco#info (with or without the
 * XEP-0115 node#ver), XEP-0199 ping and XEP-0092 version. Every answer comes from values
 * built once: with 2,000 contacts Prosody's PEP asks thousands of times at login.
 *
 * Each answer says natter is online (and which software it runs), so it goes only to who
 * `mayAnswer` (given the query's from, undefined when the server sent it for the account);
 * anyone else gets <service-unavailable/>, the same error the server sends for a resource that
 * is not there (RFC 6121 §8.5.3.1: "For an IQ stanza, the server MUST return a
 * <service-unavailable/> stanza error"), so a stranger cannot tell the two apart. XEP-0030 §8
 * asks the same of a server answering for its users: service-unavailable when "the requesting
 * entity is not authorized to receive presence from the target entity ... or is not otherwise
 * trusted". A version or ping answer leaks as much as a disco one.
 */
export function discoFeature(port: DiscoPort, software: { version: string; mayAnswer(from: string | undefined): boolean }): void {
  const caps = natterCaps();
  const capsNode = `${caps.node}#${caps.ver}`;
  // xmpp.js appends the returned element to each reply; that only sets its parent, so one
  // element serves every answer.
  const info = buildDiscoInfo(caps);
  const nodeInfo = buildDiscoInfo(caps, capsNode);
  const version = buildVersion(NATTER_IDENTITY.name, software.version);

  const refusal = xml('error', { type: 'cancel' }, xml('service-unavailable', { xmlns: NS_STANZAS }));
  const answer = (handler: (stanza: Element) => unknown) => ({ stanza }: { stanza: Element }): unknown => {
    const from = stanza.attrs.from;
    return software.mayAnswer(typeof from === 'string' && from !== '' ? from : undefined) ? handler(stanza) : refusal;
  };

  port.iqCallee.get(NS_DISCO_INFO, 'query', answer((stanza) => {
    const node = stanza.getChild('query', NS_DISCO_INFO)?.attrs.node;
    if (node === undefined) return info;
    if (node === capsNode) return nodeInfo;
    // XEP-0030 §3.1: a node natter does not have (an old ver, another client's node).
    return xml('error', { type: 'cancel' }, xml('item-not-found', { xmlns: NS_STANZAS }));
  }));
  // XEP-0199 §6: an empty result.
  port.iqCallee.get(NS_PING, 'ping', answer(() => true));
  port.iqCallee.get(NS_VERSION, 'query', answer(() => version));
}
