import type { Element } from '@xmpp/xml';
import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { createXmppClient } from '../../src/xmpp/session/create-client.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { waitUntil } from '../support/run.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { connectPeer, startSession } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/**
 * A client of `account` through a relay the test can hold, checking the link after 0.2 s of
 * silence and waiting 0.5 s for an answer (30 s and 60 s in use); the errors it reports.
 */
async function relayedClient(account: { jid: string; password: string }) {
  const proxy = await startTcpProxy({ host: info.host, port: info.c2sPort });
  cleanup.push(() => proxy.stop());
  const client = createXmppClient({
    jid: account.jid, host: info.host, port: proxy.port, caPem: [info.caPem], getPassword: async () => account.password,
    deadLink: { checkEveryMs: 200, answerWithinMs: 500 },
  });
  cleanup.push(() => client.shutdown());
  const errors: Error[] = [];
  client.on('error', (error: Error) => errors.push(error));
  return { proxy, client, errors };
}

/** Whether the client's next session is its old one resumed (XEP-0198) or a new one. */
const howItComesBack = (client: ReturnType<typeof createXmppClient>): Promise<'resumed' | 'fresh'> =>
  new Promise((resolve) => {
    client.streamManagement.on('resumed', () => resolve('resumed'));
    client.once('session-ready', () => resolve('fresh'));
  });

// The issue saw it with ejabberd under SIGSTOP; a relay that passes nothing either way is the same
// frozen server to natter. The check comes after 0.2 s of silence and may wait 0.5 s (30 s and 60 s
// in use), so the test does not wait a minute and a half.
it('says that it drops a link whose server stopped answering, then comes back when the server does', async () => {
  const { proxy, client, errors } = await relayedClient(await registerAccount(info, uniqueLocal('frozen')));
  let checks = 0;
  client.on('send', (element: Element) => void (element.is('r', 'urn:xmpp:sm:3') && checks++));
  await startSession(client);
  await waitUntil(() => checks >= 3, 10_000, () => `natter checked the link ${checks} times`);
  expect(errors).toEqual([]); // three checks answered: a link that is alive stays
  expect(proxy.accepted()).toBe(1);

  proxy.hold('both'); // frozen: what either side sends reaches nobody
  await waitUntil(() => errors.length > 0, 10_000, () => 'natter said nothing about the frozen link');
  expect(errors.map((e) => e.name)).toEqual(['DeadLinkError']);
  expect(errors[0]?.message).toMatch(
    new RegExp(`^the server at 127\\.0\\.0\\.1:${proxy.port} stopped answering: nothing came back for \\d+ s after natter asked whether the link is alive \\(XEP-0198 <r/>\\), so natter dropped the link and starts a new session\\.`),
  );
  proxy.release();
  const back = howItComesBack(client);
  // Prosody still holds the session natter dropped, but natter starts a new one: a server that
  // stopped answering may have lost its place in what natter sent (see dead-link.ts).
  expect(await back).toBe('fresh');
  expect(proxy.accepted()).toBe(2);
});

// A link broken one way: the server goes on sending, but what natter sends reaches nobody (a
// half-open link; or Prosody 0.12, which after resuming a session cut in the middle of a stanza
// fed every later byte into that unfinished stanza). Traffic from the server is no answer to <r/>.
it('drops a link whose server goes on sending but reads nothing natter sends, and starts a new session', async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('oneway')), registerAccount(info, uniqueLocal('talker'))]);
  const { proxy, client, errors } = await relayedClient(a);
  await startSession(client);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const fullJid = String(client.jid);
  let talking = true;
  const talk = (async () => {
    for (let n = 0; talking; n++) {
      await bob.send(fullJid, `still here ${n}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  cleanup.push(async () => {
    talking = false;
    await talk;
  });

  proxy.hold('up'); // what natter sends reaches nobody; the server's stanzas still come
  const failed: string[] = [];
  client.streamManagement.on('fail', (stanza: Element) => failed.push(String(stanza.getChildText('body'))));
  await client.send(xml('message', { to: b.jid, type: 'chat', id: 'lost-1' }, xml('body', {}, 'into the void')));
  await waitUntil(() => errors.length > 0, 10_000, () => 'natter said nothing about the link that reads nothing');
  expect(errors.map((e) => e.name)).toEqual(['DeadLinkError']);
  expect(errors[0]?.message).toMatch(/stopped reading what natter sends: it went on sending, but nothing answered .* so natter dropped the link and starts a new session; what was not confirmed is sent again\./);
  // The message the server never read is handed back (natter's outbox sends it again on the new session).
  expect(failed).toEqual(['into the void']);
  proxy.release();
  expect(await howItComesBack(client)).toBe('fresh');
});
