import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { capsVer } from '../../src/xmpp/features/disco/caps.js';
import { natterAndBob } from '../support/natter-and-bob.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const NS_INFO = 'http://jabber.org/protocol/disco#info';

it("advertises what natter does, rooms and file links included, under the caps hash of its presence", async () => {
  const { a, bob } = await natterAndBob(info, cleanup, { contacts: true });
  const presence = await bob.waitForPresence((p) => String(p.attrs.from ?? '').startsWith(`${a.jid}/`) && p.attrs.type === undefined);
  const full = String(presence.attrs.from);
  const c = presence.getChild('c', 'http://jabber.org/protocol/caps');
  const { node, ver } = (c?.attrs ?? {}) as { node?: string; ver?: string };

  // Another client decides from this answer whether to invite natter to a room or offer it a file.
  const answer = await bob.iqGet(full, xml('query', { xmlns: NS_INFO }));
  const identities = (answer?.getChildren('identity') ?? []).map((i) => ({ category: String(i.attrs.category), type: String(i.attrs.type), name: String(i.attrs.name) }));
  const features = (answer?.getChildren('feature') ?? []).map((f) => String(f.attrs.var));
  expect([...features].sort()).toEqual([
    NS_INFO, 'http://jabber.org/protocol/caps', 'http://jabber.org/protocol/chatstates', 'http://jabber.org/protocol/muc',
    'jabber:iq:last', 'jabber:iq:version', 'jabber:x:oob', 'urn:xmpp:carbons:2', 'urn:xmpp:message-correct:0', 'urn:xmpp:ping', 'urn:xmpp:receipts', 'urn:xmpp:time',
    'urn:xmpp:avatar:metadata+notify',
  ].sort());
  // XEP-0115 §5.4: the client that receives the presence checks the hash against the answer.
  expect(capsVer(identities, features)).toBe(ver);
  const byNode = await bob.iqGet(full, xml('query', { xmlns: NS_INFO, node: `${node}#${ver}` }));
  expect((byNode?.getChildren('feature') ?? []).map((f) => String(f.attrs.var))).toEqual(features);
});
