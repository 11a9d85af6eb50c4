import { afterEach, expect, inject, it } from 'vitest';
import { fetchOlder } from '../../src/xmpp/features/mam/older.js';
import { buildInitialPresence } from '../../src/xmpp/features/presence/build.js';
import { createXmppClient, type XmppClient } from '../../src/xmpp/session/create-client.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { connectPeer, startSession, type Peer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const open: Array<XmppClient | Peer> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.stop().catch(() => undefined)));
});

it('pages one conversation back from the server archive, oldest first, until it is complete', async () => {
  const [a, b, c] = await Promise.all(['alice', 'bob', 'carol'].map((name) => registerAccount(info, uniqueLocal(name))));
  const phone = await connectPeer(info, a!, 'phone');
  const [bob, carol] = await Promise.all([connectPeer(info, b!), connectPeer(info, c!)]);
  open.push(phone, bob, carol);
  for (let i = 1; i <= 70; i++) {
    await bob.send(a!.jid, `bob ${String(i).padStart(3, '0')}`);
    if (i % 10 === 0) await carol.send(a!.jid, `carol ${i}`);
  }
  await phone.waitForMessage((m) => m.body === 'bob 070', 15_000);

  const client = createXmppClient({ jid: a!.jid, host: info.host, port: info.c2sPort, caPem: [info.caPem], getPassword: async () => a!.password });
  client.on('error', () => undefined);
  open.push(client);
  await startSession(client);
  await client.send(buildInitialPresence(client.caps()));

  const newest = await fetchOlder(client, a!.jid, { with: b!.jid, max: 30 });
  expect(newest.rejected).toEqual([]);
  expect(newest.messages.map((m) => m.body)).toEqual(Array.from({ length: 30 }, (_, i) => `bob ${String(41 + i).padStart(3, '0')}`));
  expect(newest.complete).toBe(false);

  const middle = await fetchOlder(client, a!.jid, { with: b!.jid, max: 30, before: newest.first! });
  expect(middle.messages.map((m) => m.body)).toEqual(Array.from({ length: 30 }, (_, i) => `bob ${String(11 + i).padStart(3, '0')}`));

  const oldest = await fetchOlder(client, a!.jid, { with: b!.jid, max: 30, before: middle.first! });
  expect(oldest.messages.map((m) => m.body)).toEqual(Array.from({ length: 10 }, (_, i) => `bob ${String(1 + i).padStart(3, '0')}`));
  expect(oldest.complete).toBe(true);
  expect(oldest.messages.every((m) => m.direction === 'in' && m.peer === b!.jid)).toBe(true);

  // By time, when no archive id is known: everything before bob 011's timestamp.
  const byTime = await fetchOlder(client, a!.jid, { with: b!.jid, max: 30, end: middle.messages[0]!.at - 1 });
  expect(byTime.messages.length).toBeLessThanOrEqual(10);
  expect(byTime.messages.every((m) => m.body < 'bob 011')).toBe(true);
});
