import { afterEach, expect, inject, it } from 'vitest';
import { createXmppClient, type XmppClient } from '../../src/xmpp/session/create-client.js';
import { startFakeScramServer } from '../support/fake-scram-server.js';

const info = inject('prosody');
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
});

it('refuses a server that asks for 10,000,000 SCRAM iterations, naming the count, without sending the proof or retrying', async () => {
  const fake = await startFakeScramServer(info.dir, 10_000_000);
  cleanup.push(() => fake.stop());
  const client: XmppClient = createXmppClient({
    jid: 'alice@localhost', host: info.host, port: fake.port, directTls: true, caPem: [info.caPem], getPassword: async () => 'the password',
  });
  client.on('error', () => undefined);
  cleanup.push(() => client.shutdown());

  const error = (await client.start().catch((e: unknown) => e)) as Error;
  expect(fake.sawAuth()).toBe(true);
  expect(error.name, String(error)).toBe('ScramIterationsError');
  expect(error.message).toContain('refused to log in to localhost: it asks for 10000000 SCRAM iterations');
  expect(error.message).toContain('did not compute or send the password proof');
  await new Promise((resolve) => setTimeout(resolve, 1500)); // longer than the reconnect delay (1 s)
  expect(fake.afterChallenge()).not.toContain('<response');
  expect(fake.connections()).toBe(1);
});
