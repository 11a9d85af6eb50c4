import xml, { type Element } from '@xmpp/xml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createXmppClient } from '../../src/xmpp/session/create-client.js';
import { startProsody, uniqueLocal, type ProsodyServer } from '../support/prosody.js';
import { waitUntil } from '../support/run.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { connectPeer, startSession } from '../support/xmpp-peer.js';

// A server of its own, whose XEP-0198 queue holds 100 stanzas: a client whose `h` misses the
// answers to its own IQs leaves them all "unacknowledged", the queue overflows, and the stream
// can not be resumed (ejabberd with a small max_ack_queue ends it with policy-violation).
let server: ProsodyServer;
beforeAll(async () => {
  server = await startProsody({ smacksQueueSize: 100 });
});
afterAll(() => server?.stop());

it('resumes after 600 IQ round trips with nothing handled twice: every inbound stanza counts once in h (issue 17, item 16)', async () => {
  const [a, b] = await Promise.all([server.register(uniqueLocal('alice')), server.register(uniqueLocal('bob'))]);
  const proxy = await startTcpProxy({ host: server.host, port: server.c2sPort });
  const client = createXmppClient({ jid: a.jid, host: server.host, port: proxy.port, caPem: [server.caPem], resource: 'sm', getPassword: async () => a.password });
  client.on('error', () => undefined);
  const bob = await connectPeer(server, b);
  try {
    const seen = new Map<string, number>();
    client.on('stanza', (stanza: Element) => {
      const key = `${String(stanza.name)}:${String(stanza.attrs.id)}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    });
    let fresh = 0;
    client.on('session-ready', () => fresh++);
    await startSession(client);
    for (let i = 0; i < 600; i++) await client.iqCaller.request(xml('iq', { type: 'get', to: 'localhost' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    await bob.sendRaw(xml('message', { to: `${a.jid}/sm`, type: 'chat', id: 'once' }, xml('body', {}, 'handled once')));
    await waitUntil(() => seen.has('message:once'), 5000, () => 'the message never came');

    const back = new Promise<string>((resolve) => {
      client.streamManagement.on('resumed', () => resolve('resumed'));
      client.once('session-ready', () => resolve('a fresh session: the server could not resume'));
    });
    proxy.cut();
    expect(await back).toBe('resumed');
    // What the server resends on resumption is what it thinks natter did not handle.
    await client.iqCaller.request(xml('iq', { type: 'get', to: 'localhost' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    expect(fresh).toBe(1);
    expect([...seen].filter(([, n]) => n > 1)).toEqual([]);
  } finally {
    await bob.stop();
    await client.shutdown();
    await proxy.stop();
  }
});
