import xml, { type Element } from '@xmpp/xml';
import { afterEach, expect, inject, it, vi } from 'vitest';
import { capsVer } from '../../src/xmpp/features/disco/caps.js';
import { NS_CAPS, NS_DISCO_INFO } from '../../src/xmpp/features/disco/entity.js';
import { NS_CHATSTATES, NS_RECEIPTS } from '../../src/xmpp/features/messages/ns.js';
import { natterAndBob } from '../support/natter-and-bob.js';
import type { Peer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const IDENTITY = { category: 'client', type: 'pc', name: 'Bob test client' };
const NODE = 'https://bob.example';
const RECEIPTS_ONLY = [NS_DISCO_INFO, NS_CAPS, NS_RECEIPTS];
const CHAT_STATES_ONLY = [NS_DISCO_INFO, NS_CAPS, NS_CHATSTATES];

/**
 * bob answers disco#info for each ver as its features say (XEP-0115 §6.2), records the
 * questions natter asks, and publishes `features` in his presence's caps. Resolves once natter asked.
 */
function capsOfBob(bob: Peer, natterJid: string) {
  const byVer = new Map<string, string[]>();
  const asked: string[] = [];
  bob.answerIqGet(NS_DISCO_INFO, 'query', (stanza) => {
    const node = String(stanza.getChild('query', NS_DISCO_INFO)?.attrs.node ?? '');
    // Prosody's PEP asks too (from the server): only natter's questions are counted.
    if (String(stanza.attrs.from ?? '').startsWith(`${natterJid}/`)) asked.push(node);
    const features = byVer.get(node.split('#')[1] ?? '') ?? [];
    return xml('query', { xmlns: NS_DISCO_INFO, node }, xml('identity', IDENTITY), ...features.map((f) => xml('feature', { var: f })));
  });
  return {
    asked,
    async publish(features: string[]): Promise<string> {
      const ver = capsVer([IDENTITY], features);
      byVer.set(ver, features);
      await bob.sendRaw(xml('presence', {}, xml('c', { xmlns: NS_CAPS, hash: 'sha-1', node: NODE, ver })));
      await vi.waitFor(() => expect(asked).toContain(`${NODE}#${ver}`), { timeout: 10_000 });
      return ver;
    },
  };
}

const has = (stanza: Element, name: string, ns: string): boolean => stanza.getChild(name, ns) !== undefined;

it('asks for receipts and sends chat states only as the peer caps say: unknown caps as before, then by what bob advertises', async () => {
  const { a, b, bob, natter } = await natterAndBob(info, cleanup, { contacts: true });
  // Caps unknown (bob's first presence has none): today's behaviour, a receipt asked and <active/>.
  natter.type(`/msg ${b.jid} first\r`);
  const first = await bob.waitForMessage((m) => m.body === 'first');
  expect(has(first.stanza, 'request', NS_RECEIPTS)).toBe(true);
  expect(has(first.stanza, 'active', NS_CHATSTATES)).toBe(true);

  // bob advertises receipts but not chat states.
  const caps = capsOfBob(bob, a.jid);
  await caps.publish(RECEIPTS_ONLY);
  // Stanzas from bob reach natter in order: once this line shows, natter has read the answer.
  await bob.send(a.jid, 'sync one');
  await natter.waitForText('sync one');
  const before = bob.stanzas.length;
  natter.type('no states for you');
  natter.press('enter');
  const second = await bob.waitForMessage((m) => m.body === 'no states for you');
  expect(has(second.stanza, 'request', NS_RECEIPTS)).toBe(true);
  expect(has(second.stanza, 'active', NS_CHATSTATES)).toBe(false);
  // Typing would have sent <composing/> before the message, on the same stream.
  expect(bob.stanzas.slice(before).filter((s) => s.getChildren('composing', NS_CHATSTATES).length > 0)).toEqual([]);

  // bob's client changes: chat states, no receipts. A new ver is asked about once.
  await caps.publish(CHAT_STATES_ONLY);
  await bob.send(a.jid, 'sync two');
  await natter.waitForText('sync two');
  natter.type('now you see me typing');
  await bob.waitForStanza((s) => has(s, 'composing', NS_CHATSTATES));
  natter.press('enter');
  const third = await bob.waitForMessage((m) => m.body === 'now you see me typing');
  expect(has(third.stanza, 'request', NS_RECEIPTS)).toBe(false);
  expect(has(third.stanza, 'active', NS_CHATSTATES)).toBe(true);
  expect(caps.asked).toHaveLength(2);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
