import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { capsVer } from '../../xmpp/features/disco/caps.js';
import { NS_CAPS, NS_DISCO_INFO } from '../../xmpp/features/disco/entity.js';
import { NS_CHATSTATES, NS_RECEIPTS } from '../../xmpp/features/messages/ns.js';
import { MAX_ASKING, peerCaps } from './peer-caps.js';

const IDENTITY = { category: 'client', type: 'pc', name: 'Peer' };
const verOf = (features: string[]) => capsVer([IDENTITY], features);
const answerFor = (features: string[]) => xml('query', { xmlns: NS_DISCO_INFO }, xml('identity', IDENTITY), ...features.map((f) => xml('feature', { var: f })));
const presence = (from: string, features?: string[], type?: string) =>
  xml('presence', { from, ...(type ? { type } : {}) }, ...(features ? [xml('c', { xmlns: NS_CAPS, hash: 'sha-1', node: 'https://peer.example', ver: verOf(features) })] : []));

/** An asker answering from `answers` by ver (or refusing), counting the questions. */
function asker(answers: Map<string, Element>) {
  const asked: string[] = [];
  const ask = async (query: Element, to: string): Promise<Element | undefined> => {
    asked.push(`${to} ${String(query.attrs.node)}`);
    const ver = String(query.attrs.node).split('#')[1] ?? '';
    const answer = answers.get(ver);
    if (!answer) throw new Error('service-unavailable');
    return answer;
  };
  return { asked, ask };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('peerCaps', () => {
  const receiptsOnly = ['http://jabber.org/protocol/disco#info', NS_RECEIPTS];
  const both = ['http://jabber.org/protocol/disco#info', NS_RECEIPTS, NS_CHATSTATES];

  it('asks what a ver means once, whoever shows it, and answers for full and bare JIDs from it', async () => {
    const caps = peerCaps();
    const { asked, ask } = asker(new Map([[verOf(receiptsOnly), answerFor(receiptsOnly)]]));
    caps.onPresence(presence('bob@x/a', receiptsOnly), ask);
    caps.onPresence(presence('carol@x/b', receiptsOnly), ask);
    caps.onPresence(presence('bob@x/a', receiptsOnly), ask); // a status change: same ver
    expect(caps.supports('bob@x/a', NS_RECEIPTS)).toBeUndefined(); // not answered yet
    await settle();
    expect(asked).toEqual([`bob@x/a https://peer.example#${verOf(receiptsOnly)}`]);
    expect(caps.supports('bob@x/a', NS_RECEIPTS)).toBe(true);
    expect(caps.supports('bob@x/a', NS_CHATSTATES)).toBe(false);
    expect(caps.supports('carol@x', NS_CHATSTATES)).toBe(false);
    expect(caps.supports('dave@x', NS_RECEIPTS)).toBeUndefined(); // nobody online: unknown
  });

  it("keeps each ver's client identity (bounded, a client one first) and tells it per online resource", async () => {
    const caps = peerCaps();
    const identities = [
      xml('identity', { category: 'pubsub', type: 'pep', name: 'PEP' }),
      xml('identity', { category: 'client', type: 'phone', name: 'Conversionen', 'xml:lang': 'de' }),
      xml('identity', { category: 'client', type: 'phone', name: `Conversations${'!'.repeat(300)}`, 'xml:lang': 'en' }),
    ];
    const answer = xml('query', { xmlns: NS_DISCO_INFO }, ...identities, xml('feature', { var: NS_RECEIPTS }));
    const ver = capsVer([
      { category: 'pubsub', type: 'pep', name: 'PEP' },
      { category: 'client', type: 'phone', name: 'Conversionen', lang: 'de' },
      { category: 'client', type: 'phone', name: `Conversations${'!'.repeat(300)}`, lang: 'en' },
    ], [NS_RECEIPTS]);
    const { ask } = asker(new Map([[ver, answer]]));
    caps.onPresence(xml('presence', { from: 'bob@x/phone' }, xml('c', { xmlns: NS_CAPS, hash: 'sha-1', node: 'https://conversations.im', ver })), ask);
    expect(caps.identityOf('bob@x/phone')).toBeUndefined(); // not answered yet
    await settle();
    expect(caps.identityOf('bob@x/phone')).toEqual({ category: 'client', type: 'phone', name: `Conversations${'!'.repeat(87)}` });
    expect(caps.identityOf('bob@x/other')).toBeUndefined();
    caps.onPresence(presence('bob@x/phone', undefined, 'unavailable'), ask);
    expect(caps.identityOf('bob@x/phone')).toBeUndefined();
  });

  it('for a bare JID: true when one resource supports it, unknown while one resource has no caps', async () => {
    const caps = peerCaps();
    const { ask } = asker(new Map([[verOf(receiptsOnly), answerFor(receiptsOnly)], [verOf(both), answerFor(both)]]));
    caps.onPresence(presence('bob@x/phone', receiptsOnly), ask);
    caps.onPresence(presence('bob@x/old'), ask);
    await settle();
    expect(caps.supports('bob@x', NS_CHATSTATES)).toBeUndefined();
    caps.onPresence(presence('bob@x/old', undefined, 'unavailable'), ask);
    expect(caps.supports('bob@x', NS_CHATSTATES)).toBe(false);
    caps.onPresence(presence('bob@x/laptop', both), ask);
    await settle();
    expect(caps.supports('bob@x', NS_CHATSTATES)).toBe(true);
    caps.reset();
    expect(caps.supports('bob@x', NS_CHATSTATES)).toBeUndefined();
    // The answers outlive the session: the ver is not asked again.
    const again = asker(new Map());
    caps.onPresence(presence('bob@x/laptop', both), again.ask);
    expect(again.asked).toEqual([]);
    expect(caps.supports('bob@x/laptop', NS_CHATSTATES)).toBe(true);
  });

  it('keeps an answer that does not hash to its ver for that resource only, and asks again after a failed question', async () => {
    const caps = peerCaps();
    const lying = new Map([[verOf(receiptsOnly), answerFor(both)]]);
    const first = asker(lying);
    caps.onPresence(presence('mallory@x/a', receiptsOnly), first.ask);
    await settle();
    expect(caps.supports('mallory@x/a', NS_CHATSTATES)).toBe(true);
    const second = asker(new Map([[verOf(receiptsOnly), answerFor(receiptsOnly)]]));
    caps.onPresence(presence('bob@x/a', receiptsOnly), second.ask);
    await settle();
    expect(second.asked).toHaveLength(1); // the ver was not cached from mallory's answer
    expect(caps.supports('bob@x/a', NS_CHATSTATES)).toBe(false);

    const failing = asker(new Map());
    caps.onPresence(presence('carol@x/a', both), failing.ask);
    await settle();
    caps.onPresence(presence('carol@x/a', both, 'unavailable'), failing.ask);
    caps.onPresence(presence('carol@x/a', both), failing.ask);
    await settle();
    expect(failing.asked).toHaveLength(2);
    expect(caps.supports('carol@x/a', NS_CHATSTATES)).toBeUndefined();
  });

  it('has at most MAX_ASKING questions out at once; a ver left out is asked at its next presence', async () => {
    const caps = peerCaps();
    const asked: string[] = [];
    const answers: Array<() => void> = [];
    const ask = (query: Element) => {
      asked.push(String(query.attrs.node));
      return new Promise<Element | undefined>((resolve) => answers.push(() => resolve(undefined)));
    };
    for (let i = 0; i < MAX_ASKING + 5; i++) caps.onPresence(presence(`room@muc.x/n${i}`, [`urn:x:${i}`]), ask);
    expect(asked).toHaveLength(MAX_ASKING);
    for (const answer of answers) answer();
    await settle();
    caps.onPresence(presence(`room@muc.x/n${MAX_ASKING}`, [`urn:x:${MAX_ASKING}`]), ask); // its status changed
    expect(asked).toHaveLength(MAX_ASKING + 1);
    expect(asked.at(-1)).toContain(verOf([`urn:x:${MAX_ASKING}`]));
  });
});
