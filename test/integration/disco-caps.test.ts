import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { natterVersion } from '../../src/client/natter-version.js';
import { capsVer } from '../../src/xmpp/features/disco/caps.js';
import { discoFeature } from '../../src/xmpp/features/disco/feature.js';
import { buildInitialPresence } from '../../src/xmpp/features/presence/build.js';
import { receiptsFeature } from '../../src/xmpp/features/receipts/feature.js';
import { createXmppClient, type XmppClient } from '../../src/xmpp/session/create-client.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { connectPeer, startSession, type Peer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const open: Array<XmppClient | Peer> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.stop().catch(() => undefined)));
});

const NS_INFO = 'http://jabber.org/protocol/disco#info';

/** A natter session as account-runtime wires it, in part: disco answers and receipts, then initial presence (the whole natter: test/e2e/entity-caps.test.ts). */
async function natterOnline(account: { jid: string; password: string }): Promise<string> {
  const client = createXmppClient({ jid: account.jid, resource: 'natter', host: info.host, port: info.c2sPort, caPem: [info.caPem], getPassword: async () => account.password });
  client.on('error', () => undefined);
  open.push(client);
  // Whom natter answers is the app's policy (test/e2e/iq-privacy.test.ts); here everyone.
  discoFeature(client, { version: natterVersion(), mayAnswer: () => true });
  receiptsFeature(client, { onDelivered: () => undefined, mayAnswer: () => true });
  await startSession(client);
  await client.send(buildInitialPresence(client.caps()));
  return `${account.jid}/natter`;
}

it("answers disco#info, plain and node#ver, with what its presence's caps hash", async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('natter')), registerAccount(info, uniqueLocal('asker'))]);
  // Another resource of the same account gets natter's initial presence (RFC 6121 §4.2.2).
  const twin = await connectPeer(info, a, 'twin');
  const asker = await connectPeer(info, b);
  open.push(twin, asker);
  const full = await natterOnline(a);

  const presence = await twin.waitForPresence((p) => p.attrs.from === full && p.attrs.type === undefined);
  const c = presence.getChild('c', 'http://jabber.org/protocol/caps');
  expect(c?.attrs.hash).toBe('sha-1');
  const { node, ver } = (c?.attrs ?? {}) as { node?: string; ver?: string };
  expect(node).toMatch(/^https:\/\//);
  expect(ver).toMatch(/^[A-Za-z0-9+/]{27}=$/);

  const answer = await asker.iqGet(full, xml('query', { xmlns: NS_INFO }));
  const identities = (answer?.getChildren('identity') ?? []).map((i) => ({ category: String(i.attrs.category), type: String(i.attrs.type), name: String(i.attrs.name) }));
  const features = (answer?.getChildren('feature') ?? []).map((f) => String(f.attrs.var));
  expect(identities).toEqual([{ category: 'client', type: 'console', name: 'natter' }]);
  expect(features).toEqual(expect.arrayContaining([NS_INFO, 'http://jabber.org/protocol/caps', 'urn:xmpp:receipts', 'urn:xmpp:ping', 'jabber:iq:version']));
  expect(capsVer(identities, features)).toBe(ver);

  const byNode = await asker.iqGet(full, xml('query', { xmlns: NS_INFO, node: `${node}#${ver}` }));
  expect(byNode?.attrs.node).toBe(`${node}#${ver}`);
  expect((byNode?.getChildren('feature') ?? []).map((f) => String(f.attrs.var))).toEqual(features);

  await expect(asker.iqGet(full, xml('query', { xmlns: NS_INFO, node: `${node}#not-this-one` }))).rejects.toMatchObject({ condition: 'item-not-found' });
});

it('answers ping and software version (without the OS) to another account', async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('natter')), registerAccount(info, uniqueLocal('asker'))]);
  const asker = await connectPeer(info, b);
  open.push(asker);
  const full = await natterOnline(a);

  await expect(asker.iqGet(full, xml('ping', { xmlns: 'urn:xmpp:ping' }))).resolves.toBeUndefined();
  const version = await asker.iqGet(full, xml('query', { xmlns: 'jabber:iq:version' }));
  expect(version?.getChildText('name')).toBe('natter');
  expect(version?.getChildText('version')).toBe(natterVersion());
  expect(version?.getChildText('version')).toMatch(/^\d+\.\d+\.\d+/);
  expect(version?.getChild('os')).toBeUndefined();
  // Anything else is still refused, by xmpp.js (RFC 6120 §8.4).
  await expect(asker.iqGet(full, xml('query', { xmlns: 'jabber:iq:last' }))).rejects.toMatchObject({ condition: 'service-unavailable' });
});
