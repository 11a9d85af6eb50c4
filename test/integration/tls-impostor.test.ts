import { afterEach, describe, expect, inject, it } from 'vitest';
import { createXmppClient, type XmppClient } from '../../src/xmpp/session/create-client.js';
import { BARE_PLAIN_FEATURES, PLAIN_FEATURES, startHostileTlsServer } from '../support/hostile-tls-server.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { waitUntil } from '../support/run.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function client(account: { jid: string; password: string }, port: number) {
  const c: XmppClient = createXmppClient({
    jid: account.jid, host: info.host, port, directTls: true, caPem: [info.caPem], getPassword: async () => account.password,
  });
  const errors: Error[] = [];
  c.on('error', (error: Error) => errors.push(error));
  cleanup.push(() => c.shutdown());
  return { c, errors };
}

/** The password as PLAIN sends it (RFC 4616), base64 in <auth/>, and the raw form. */
function leaked(received: string, password: string): boolean {
  const plainB64 = (user: string) => Buffer.from(`\0${user}\0${password}`).toString('base64');
  return received.includes('<auth') || received.includes(password) || received.includes('\0') || received.includes(plainB64(''));
}

// The impostor's bytes race xmpp.js's own check, which ran a 1 ms timer after a TLS 1.3
// handshake; on loopback they arrive 1-4 ms after it, so each case is tried several times.
const FIRST_CONNECTS = 20;
const RECONNECTS = 8;

describe('direct TLS to an impostor that talks first (issue 17, item 1)', () => {
  it('first connect: refuses the certificate, sends nothing, and does not crash on the early bytes', async () => {
    const mitm = await startHostileTlsServer(PLAIN_FEATURES);
    cleanup.push(() => mitm.stop());
    const account = await registerAccount(info, uniqueLocal('alice'));
    for (let i = 0; i < FIRST_CONNECTS; i++) {
      const { c } = client(account, mitm.port);
      const error = (await c.start().catch((e: unknown) => e)) as Error;
      expect(error.name, String(error)).toBe('CertificateError');
    }
    expect(mitm.connections()).toBe(FIRST_CONNECTS);
    expect(leaked(mitm.received(), account.password)).toBe(false);
    // Not even the stream header: nothing is written to a peer that is not verified.
    expect(mitm.received()).toBe('');
  });

  for (const [what, greeting] of [['bare features, for the old stream\'s parser', BARE_PLAIN_FEATURES], ['a whole new stream', PLAIN_FEATURES]] as const) {
    it(`reconnect: an impostor that sends ${what} at once never gets to SASL`, async () => {
      const account = await registerAccount(info, uniqueLocal('alice'));
      for (let i = 0; i < RECONNECTS; i++) {
        // A route through the man in the middle, which relays to the real server until it takes over.
        const mitm = await startHostileTlsServer(greeting, { host: info.host, port: info.directTlsPort });
        cleanup.push(() => mitm.stop());
        const { c, errors } = client(account, mitm.port);
        await c.start();
        expect(c.isSecure()).toBe(true);
        c.reconnect.delay = 0; // at once, so the attack can be tried several times
        await mitm.takeOver();
        await waitUntil(() => errors.some((e) => e.name === 'CertificateError'), 10_000, () => `natter never refused the impostor: ${errors.join('; ')}`);
        expect(mitm.connections()).toBe(1);
        expect(leaked(mitm.received(), account.password)).toBe(false);
        expect(mitm.received()).toBe('');
      }
    });
  }
});
