import xml, { type Element } from '@xmpp/xml';
import type { AdvertisedFeatures } from './advertised.js';
import type { Caps } from './caps.js';
import { buildDiscoInfo, buildVersion } from './build.js';
import { NATTER_IDENTITY, NS_DISCO_INFO, NS_PING, NS_VERSION } from './entity.js';
import { answerOnlyTo, type QueryAnswerPort } from './answer-only-to.js';

/** The session's IQ plumbing and what its features advertised (advertised.ts). */
export type DiscoPort = QueryAnswerPort & AdvertisedFeatures;

const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

/**
 * Answers what other entities ask about natter: XEP-0030 disco#info (with or without the
 * XEP-0115 node#ver), XEP-0199 ping and XEP-0092 version. disco#info lists what the session's
 * features advertised, the list the caps hash in natter's presence covers. Every answer comes
 * from values built once per list: with 2,000 contacts Prosody's PEP asks thousands of times
 * at login.
 *
 * Each answer says natter is online (and which software it runs), so it goes only to who
 * `mayAnswer` allows; anyone else gets <service-unavailable/> (see answer-only-to.ts). A
 * version or ping answer leaks as much as a disco one.
 */
export function discoFeature(port: DiscoPort, software: { version: string; mayAnswer(from: string | undefined): boolean }): void {
  port.advertise(NS_PING, NS_VERSION);
  let built: { caps: Caps; capsNode: string; info: Element; nodeInfo: Element } | undefined;
  // xmpp.js appends the returned element to each reply; that only sets its parent, so one
  // element serves every answer (until a feature advertises something more).
  const answers = () => {
    const caps = port.caps();
    if (built?.caps !== caps) {
      const capsNode = `${caps.node}#${caps.ver}`;
      built = { caps, capsNode, info: buildDiscoInfo(caps), nodeInfo: buildDiscoInfo(caps, capsNode) };
    }
    return built;
  };
  const version = buildVersion(NATTER_IDENTITY.name, software.version);
  const answer = answerOnlyTo(software.mayAnswer);

  port.iqCallee.get(NS_DISCO_INFO, 'query', answer((stanza) => {
    const node = stanza.getChild('query', NS_DISCO_INFO)?.attrs.node;
    const { info, capsNode, nodeInfo } = answers();
    if (node === undefined) return info;
    if (node === capsNode) return nodeInfo;
    // XEP-0030 §3.1: a node natter does not have (an old ver, another client's node).
    return xml('error', { type: 'cancel' }, xml('item-not-found', { xmlns: NS_STANZAS }));
  }));
  // XEP-0199 §6: an empty result.
  port.iqCallee.get(NS_PING, 'ping', answer(() => true));
  port.iqCallee.get(NS_VERSION, 'query', answer(() => version));
}
