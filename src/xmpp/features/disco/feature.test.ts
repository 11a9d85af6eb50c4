import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { advertisedFeatures, type AdvertisedFeatures } from './advertised.js';
import { discoFeature } from './feature.js';

type Handler = (ctx: { stanza: Element }) => unknown;

/** The handlers discoFeature registers, keyed "ns name", called as xmpp.js's iqCallee would. */
function registered(mayAnswer: (from: string | undefined) => boolean = () => true, features: AdvertisedFeatures = advertisedFeatures()): Map<string, Handler> {
  const handlers = new Map<string, Handler>();
  discoFeature({ ...features, iqCallee: { get: (ns, name, handler) => void handlers.set(`${ns} ${name}`, handler) } }, { version: '9.8.7', mayAnswer });
  return handlers;
}

const ask = (handlers: Map<string, Handler>, ns: string, name: string, attrs: Record<string, string> = {}, from = 'peer@localhost/x'): unknown => {
  const stanza = xml('iq', { type: 'get', ...(from ? { from } : {}), id: '1' }, xml(name, { xmlns: ns, ...attrs }));
  return handlers.get(`${ns} ${name}`)?.({ stanza });
};

describe('disco feature', () => {
  const features = advertisedFeatures();
  const handlers = registered(() => true, features);
  const caps = features.caps();

  it('answers disco#info with the identity and every feature advertised, ping and version its own', () => {
    const answer = ask(handlers, 'http://jabber.org/protocol/disco#info', 'query') as Element;
    expect(answer.attrs.node).toBeUndefined();
    expect(answer.getChildren('identity').map((i) => i.attrs)).toEqual([{ category: 'client', type: 'console', name: 'natter' }]);
    expect(answer.getChildren('feature').map((f) => f.attrs.var)).toEqual([...caps.features]);
    expect(caps.features).toEqual(['http://jabber.org/protocol/disco#info', 'http://jabber.org/protocol/caps', 'urn:xmpp:ping', 'jabber:iq:version']);
  });

  it('answers what a feature wired later advertised, under its new hash', () => {
    const later = advertisedFeatures();
    const asked = registered(() => true, later);
    later.advertise('http://jabber.org/protocol/muc');
    const answer = ask(asked, 'http://jabber.org/protocol/disco#info', 'query', { node: `${later.caps().node}#${later.caps().ver}` }) as Element;
    expect(answer.getChildren('feature').map((f) => f.attrs.var)).toContain('http://jabber.org/protocol/muc');
  });

  it('answers the node#ver form with the node echoed', () => {
    const node = `${caps.node}#${caps.ver}`;
    const answer = ask(handlers, 'http://jabber.org/protocol/disco#info', 'query', { node }) as Element;
    expect(answer.attrs.node).toBe(node);
    expect(answer.getChildren('feature')).toHaveLength(caps.features.length);
  });

  it('says item-not-found for a node it does not have', () => {
    const answer = ask(handlers, 'http://jabber.org/protocol/disco#info', 'query', { node: `${caps.node}#stale` }) as Element;
    expect(answer.is('error')).toBe(true);
    expect(answer.getChild('item-not-found', 'urn:ietf:params:xml:ns:xmpp-stanzas')).toBeDefined();
  });

  it('answers ping with an empty result and version without the OS', () => {
    expect(ask(handlers, 'urn:xmpp:ping', 'ping')).toBe(true);
    const version = ask(handlers, 'jabber:iq:version', 'query') as Element;
    expect(version.getChildText('name')).toBe('natter');
    expect(version.getChildText('version')).toBe('9.8.7');
    expect(version.getChild('os')).toBeUndefined();
  });

  it('refuses every query with service-unavailable to whom the policy does not allow, and asks it with the from (undefined when absent)', () => {
    const asked: Array<string | undefined> = [];
    const guarded = registered((from) => (asked.push(from), from === 'friend@localhost/x'));
    const queries: Array<[string, string]> = [['http://jabber.org/protocol/disco#info', 'query'], ['urn:xmpp:ping', 'ping'], ['jabber:iq:version', 'query']];
    for (const [ns, name] of queries) {
      const refused = ask(guarded, ns, name, {}, 'stranger@localhost/x') as Element;
      expect(refused.is('error')).toBe(true);
      expect(refused.getChild('service-unavailable', 'urn:ietf:params:xml:ns:xmpp-stanzas')).toBeDefined();
      const answered = ask(guarded, ns, name, {}, 'friend@localhost/x');
      expect(answered === true || (answered as Element).is('query')).toBe(true);
    }
    ask(guarded, 'urn:xmpp:ping', 'ping', {}, '');
    expect(asked.at(-1)).toBeUndefined();
  });
});
