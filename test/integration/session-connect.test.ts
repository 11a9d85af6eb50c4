import xml from '@xmpp/xml';
import tls from 'node:tls';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createXmppClient, type XmppClient } from '../../src/xmpp/session/create-client.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { startStripStarttlsProxy } from '../support/strip-starttls-proxy.js';
import { startTcpProxy } from '../support/tcp-proxy.js';

const info = inject('prosody');
// No test peer in this file: it trusts the private CA process-wide, which would hide
// whether natter passes the CA to its own connection only.
const open: XmppClient[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.stop().catch(() => undefined)));
});

function natterClient(account: { jid: string; password: string }, extra: Partial<Parameters<typeof createXmppClient>[0]> = {}) {
  const client = createXmppClient({
    jid: account.jid,
    host: info.host,
    port: info.c2sPort,
    caPem: [info.caPem],
    getPassword: async () => account.password,
    ...extra,
  });
  client.on('error', () => undefined);
  open.push(client);
  return client;
}

describe('natter session: login over verified TLS', () => {
  it('logs in with STARTTLS, the private CA passed to this connection only, with SCRAM', async () => {
    const account = await registerAccount(info, uniqueLocal('alice'));
    const client = natterClient(account);
    const started = performance.now();
    await client.start();
    const ms = performance.now() - started;
    expect(client.mechanism()).toBe('SCRAM-SHA-1');
    expect(client.isSecure()).toBe(true);
    expect(tls.getCACertificates('default')).not.toContain(info.caPem);
    console.log(`STARTTLS + SCRAM-SHA-1 login: ${ms.toFixed(0)} ms`);
  });

  it('logs in over direct TLS (XEP-0368)', async () => {
    const account = await registerAccount(info, uniqueLocal('alice'));
    const client = natterClient(account, { port: info.directTlsPort, directTls: true });
    await client.start();
    expect(client.isSecure()).toBe(true);
  });

  it('refuses a wrong password once, with a clear error, and does not retry', async () => {
    const account = await registerAccount(info, uniqueLocal('alice'));
    let attempts = 0;
    const client = natterClient(account, {
      getPassword: async () => {
        attempts++;
        return 'wrong password';
      },
    });
    await expect(client.start()).rejects.toThrow(`authentication failed: the server rejected the password for ${account.jid} (not-authorized)`);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // longer than the reconnect delay (1 s)
    expect(attempts).toBe(1);
  });

  it('refuses a certificate it can not verify, naming its SHA-256 fingerprint; a pin accepts it', async () => {
    const account = await registerAccount(info, uniqueLocal('alice'));
    const untrusted = natterClient(account, { caPem: undefined });
    const error = (await untrusted.start().catch((e: unknown) => e)) as Error & { details?: { fingerprint: string } };
    expect(error.name, String(error)).toBe('CertificateError');
    const { X509Certificate } = await import('node:crypto');
    const { readFileSync } = await import('node:fs');
    const served = new X509Certificate(readFileSync(`${info.dir}/localhost.crt`));
    expect(error.details?.fingerprint).toBe(served.fingerprint256);
    expect(error.message).toContain(served.fingerprint256);

    const pinned = natterClient(account, { caPem: undefined, pinnedFingerprints: [served.fingerprint256] });
    await pinned.start();
    expect(pinned.isSecure()).toBe(true);
  });

  it('tries the endpoints in order (as from DNS SRV) and logs in at the first that answers', async () => {
    const account = await registerAccount(info, uniqueLocal('alice'));
    const refused = await startTcpProxy({ host: info.host, port: info.c2sPort });
    const deadPort = refused.port;
    await refused.stop(); // now nothing listens there
    const client = natterClient(account, {
      endpoints: async () => [
        { host: info.host, port: deadPort, directTls: true },
        { host: info.host, port: info.directTlsPort, directTls: true },
      ],
    });
    await client.start();
    expect(client.isSecure()).toBe(true);
    expect(client.options.service).toBe(`xmpps://${info.host}:${info.directTlsPort}`);
  });

  it('refuses a SASL downgrade below the mechanism the account used before, without sending the password', async () => {
    const account = await registerAccount(info, uniqueLocal('alice'));
    let asked = 0;
    // This Prosody offers SCRAM-SHA-1 and PLAIN; an account pinned to SCRAM-SHA-256 must not settle for less.
    const client = natterClient(account, {
      pinnedMechanism: 'SCRAM-SHA-256',
      getPassword: async () => {
        asked++;
        return account.password;
      },
    });
    const error = (await client.start().catch((e: unknown) => e)) as Error;
    expect(error.name).toBe('DowngradeError');
    expect(error.message).toContain('weaker than SCRAM-SHA-256');
    expect(asked).toBe(0);
  });

  it('refuses loudly a certificate that is not the one pinned', async () => {
    const account = await registerAccount(info, uniqueLocal('alice'));
    const otherPin = Array.from({ length: 32 }, () => 'AB').join(':');
    const client = natterClient(account, { caPem: undefined, pinnedFingerprints: [otherPin] });
    const error = (await client.start().catch((e: unknown) => e)) as Error;
    expect(error.name).toBe('CertificateError');
    expect(error.message).toContain('IT CHANGED: this is not the certificate you pinned');
  });

  it('logs in with a non-ASCII password', async () => {
    const account = await registerAccount(info, uniqueLocal('alice'), 'pässwörd-密码-🔑');
    const client = natterClient(account);
    await client.start();
  });
});

describe('natter session: STARTTLS stripped by a man in the middle', () => {
  it('refuses with a clear error and never sends credentials', async () => {
    const account = await registerAccount(info, uniqueLocal('alice'));
    const proxy = await startStripStarttlsProxy({ host: info.host, port: info.c2sPort });
    try {
      let asked = 0;
      const client = natterClient(account, {
        port: proxy.port,
        getPassword: async () => {
          asked++;
          return account.password;
        },
      });
      await expect(client.start()).rejects.toThrow(`the server at ${info.host}:${proxy.port} did not offer STARTTLS; natter requires TLS and did not send the password`);
      expect(asked).toBe(0);
      expect(proxy.sawClientAuth()).toBe(false);
    } finally {
      await proxy.stop();
    }
  });
});

describe('natter session: a dropped link', () => {
  it('schedules a reconnect with backoff and comes back online', async () => {
    const account = await registerAccount(info, uniqueLocal('alice'));
    const proxy = await startTcpProxy({ host: info.host, port: info.c2sPort });
    try {
      const client = natterClient(account, { port: proxy.port });
      const scheduled: Array<{ attempt: number; retryAt: number }> = [];
      client.on('reconnect-scheduled', (s: { attempt: number; retryAt: number }) => scheduled.push(s));
      await client.start();
      const online = new Promise((resolve) => client.once('online', resolve));
      const cutAt = Date.now();
      proxy.cut();
      await online;
      expect(scheduled[0]?.attempt).toBe(1);
      expect(scheduled[0]!.retryAt - cutAt).toBeGreaterThanOrEqual(500);
      expect(scheduled[0]!.retryAt - cutAt).toBeLessThanOrEqual(1100);
      expect(proxy.accepted()).toBe(2);
      expect(client.status).toBe('online');
    } finally {
      await proxy.stop();
    }
  });

  it('fails a pending IQ at once when the link drops and no resumption will come, instead of after its 30 s timeout', async () => {
    const account = await registerAccount(info, uniqueLocal('alice'));
    const proxy = await startTcpProxy({ host: info.host, port: info.c2sPort });
    try {
      const client = natterClient(account, { port: proxy.port });
      await client.start();
      client.reconnect.stop();
      const started = Date.now();
      const answer = client.iqCaller.get(xml('ping', { xmlns: 'urn:xmpp:ping' }));
      proxy.cut();
      const error = (await answer.catch((e: unknown) => e)) as Error;
      expect(['IqAbortedError', 'Error']).toContain(error.name);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await proxy.stop();
    }
  });
});
