import type { DiscoResult, PingResult, VersionResult } from '../../commands/types.js';
import type { Element } from '@xmpp/xml';
import { boundedLine, sanitizeLine } from '../../domain/sanitize.js';
import { NS_DISCO_INFO } from '../../xmpp/features/disco/entity.js';
import { buildDiscoQuery, NS_DISCO_ITEMS, parseDiscoInfo, parseDiscoItems } from '../../xmpp/features/disco/parse.js';
import { buildPing } from '../../xmpp/features/ping/ping.js';
import { buildVersionQuery, parseVersion } from '../../xmpp/features/version/version.js';
import { askOrSay, queryTarget, type AskPort, type QueryWords } from './ask-entity.js';

const PING_WORDS: QueryWords = { answers: 'pings', asked: 'pinged', query: 'the ping', ask: (who) => `ping ${who}` };
const VERSION_WORDS: QueryWords = {
  answers: 'software version queries', asked: 'asked its software version', query: 'the version query', ask: (who) => `ask ${who} its software version`,
};
const DISCO_WORDS: QueryWords = {
  answers: 'service discovery queries', asked: 'asked what it offers', query: 'the service discovery query', ask: (who) => `ask ${who} what it offers`,
};

/** Milliseconds, for the round trip: the monotonic clock, which no clock change moves. */
export type Stopwatch = () => number;
const monotonic: Stopwatch = () => performance.now();

/**
 * Pings an entity (XEP-0199 §4.2, client to client; §4.3 to a server) and times the round
 * trip. A contact's bare JID is pinged at its best online resource, as /time asks it: the bare
 * JID itself is answered by the contact's server (RFC 6121 §8.5.3.1), which says nothing of
 * the contact. The result is the first answer, not an average: a ping is one question.
 */
export async function pingEntity(port: AskPort, written: string, now: Stopwatch = monotonic): Promise<PingResult> {
  const to = queryTarget(port, written, true);
  const sent = now();
  await askOrSay(port, buildPing(), to, PING_WORDS);
  return { jid: to, rttMs: Math.max(0, Math.round(now() - sent)) };
}

/** Asks an entity what software it runs (XEP-0092): a contact at its best online resource, as /ping. */
export async function askSoftwareVersion(port: AskPort, written: string): Promise<VersionResult> {
  const to = queryTarget(port, written, true);
  const version = parseVersion(await askOrSay(port, buildVersionQuery(), to, VERSION_WORDS));
  if (!version.ok) throw new Error(`${sanitizeLine(to)} answered with a version natter can not read (${version.reason})`);
  return { jid: to, name: version.name, version: version.version, ...(version.os === undefined ? {} : { os: version.os }) };
}

/**
 * Asks an entity what it is and does, or with `items` what items it has (XEP-0030 §3, §4).
 * The JID is asked as written: a bare JID is the account, which its server answers for (its
 * PEP services, XEP-0163 §8), a different question from what one device does.
 */
export async function askDisco(port: AskPort, written: string, options: { items?: boolean; node?: string } = {}): Promise<DiscoResult> {
  const to = queryTarget(port, written, false);
  const node = options.node === undefined ? {} : { node: options.node };
  const ask = (child: Element): Promise<Element | undefined> => askOrSay(port, child, to, DISCO_WORDS, (condition) =>
    // XEP-0030 §3.2 (and §4.2): "If the JID or node does not exist, the responding entity … SHOULD return an <item-not-found/> error".
    options.node !== undefined && condition === 'item-not-found' ? `${sanitizeLine(to)} has no node ${boundedLine(options.node, 120)} (item-not-found)` : undefined);
  if (options.items) {
    const items = parseDiscoItems(await ask(buildDiscoQuery(NS_DISCO_ITEMS, options.node)));
    if (!items.ok) throw new Error(`${sanitizeLine(to)} answered with items natter can not read (${items.reason})`);
    return { kind: 'items', jid: to, ...node, items: items.items, left: items.left };
  }
  const info = parseDiscoInfo(await ask(buildDiscoQuery(NS_DISCO_INFO, options.node)));
  if (!info.ok) throw new Error(`${sanitizeLine(to)} answered with information natter can not read (${info.reason})`);
  return { kind: 'info', jid: to, ...node, identities: info.identities, features: info.features, left: info.left };
}
