import { afterEach, expect, inject, it } from 'vitest';
import { discoFeature } from '../../src/xmpp/features/disco/feature.js';
import { buildChatMessage } from '../../src/xmpp/features/messages/build.js';
import { messagesFeature } from '../../src/xmpp/features/messages/feature.js';
import { buildInitialPresence } from '../../src/xmpp/features/presence/build.js';
import { createXmppClient, type XmppClient } from '../../src/xmpp/session/create-client.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { connectPeer, startSession, type Peer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const open: Array<XmppClient | Peer> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.stop().catch(() => undefined)));
});

function natterClient(account: { jid: string; password: string }) {
  const client = createXmppClient({ jid: account.jid, host: info.host, port: info.c2sPort, caPem: [info.caPem], getPassword: async () => account.password });
  client.on('error', () => undefined);
  // As in natter: its presence carries caps, so it answers the server's disco#info about them.
  discoFeature(client, { version: 'test', mayAnswer: () => true });
  open.push(client);
  return client;
}

it('exchanges messages with the test peer', async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('alice')), registerAccount(info, uniqueLocal('bob'))]);
  const client = natterClient(a);
  const received: string[] = [];
  messagesFeature(client, { onMessage: (m) => received.push(`${m.peer}: ${m.body}`) });
  await startSession(client);
  await client.send(buildInitialPresence(client.caps()));
  const bob = await connectPeer(info, b);
  open.push(bob);
  await client.send(buildChatMessage(b.jid, 'hello from natter ✓'));
  await bob.waitForMessage((m) => m.body === 'hello from natter ✓');
  await bob.send(a.jid, 'hello natter');
  await expect.poll(() => received, { timeout: 10_000 }).toContain(`${b.jid}: hello natter`);
});

