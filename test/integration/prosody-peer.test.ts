import { connect } from 'node:tls';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { connectPeer, type Peer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const peers: Peer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.stop()));
});

describe('private Prosody', () => {
  it('lets two accounts exchange messages over TLS verified against the private CA', async () => {
    const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('a')), registerAccount(info, uniqueLocal('b'))]);
    const alice = await connectPeer(info, a);
    const bob = await connectPeer(info, b);
    peers.push(alice, bob);
    await alice.send(b.jid, 'hello bob');
    expect((await bob.waitForMessage((m) => m.body === 'hello bob')).from).toMatch(new RegExp(`^${a.jid}/`));
    await bob.send(a.jid, 'hello alice');
    await alice.waitForMessage((m) => m.body === 'hello alice');
  });

  it('serves a certificate that does not verify without the private CA (verification is on)', async () => {
    const error = await new Promise<Error>((resolve) => {
      const socket = connect({ host: info.host, port: info.directTlsPort, servername: 'localhost', ca: [] });
      socket.once('secureConnect', () => resolve(new Error('unexpectedly trusted')));
      socket.once('error', resolve);
    });
    expect((error as NodeJS.ErrnoException).code).toMatch(/UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED|UNABLE_TO_VERIFY/);
  });

  it('verifies the direct-TLS port against the private CA for every served name', async () => {
    for (const servername of ['localhost', 'conference.localhost', 'upload.localhost']) {
      const authorized = await new Promise<boolean>((resolve, reject) => {
        const socket = connect({ host: info.host, port: info.directTlsPort, servername, ca: [info.caPem] });
        socket.once('secureConnect', () => {
          resolve(socket.authorized);
          socket.destroy();
        });
        socket.once('error', reject);
      });
      expect(authorized).toBe(true);
    }
  });
});
