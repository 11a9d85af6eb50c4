import { createServer } from 'node:net';
import { afterEach, expect, inject, it } from 'vitest';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { oneRunLogin } from '../support/one-run-login.js';
import { spawnNatter, tempDirs } from '../support/pty.js';
import { connectPeer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** A port on 127.0.0.1 that refuses connections (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

it('a message written while the server is unreachable waits in the outbox, survives a restart, and is sent after login', async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('outbox-a')), registerAccount(info, uniqueLocal('outbox-b'))]);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const dirs = tempDirs();
  cleanup.push(() => dirs.remove());
  const args = login.argsFor;

  const offline = spawnNatter({ args: args(await closedPort()), env: dirs.env, cols: 120 });
  cleanup.push(() => offline.dispose());
  await offline.waitForText(`${a.jid}: reconnecting`);
  offline.type(`/msg ${b.jid} written while offline\r`);
  await offline.waitForText('… me: written while offline');
  offline.type('/quit\r');
  expect(await offline.waitForExit()).toEqual({ exitCode: 0 });
  expect(bob.received).toHaveLength(0);

  const online = spawnNatter({ args: args(info.c2sPort), env: dirs.env, cols: 120 });
  cleanup.push(() => online.dispose());
  await online.waitForText(`${a.jid}: online`);
  await bob.waitForMessage((m) => m.body === 'written while offline');
  online.type(`/msg ${b.jid}\r`);
  // The stored line comes back with the server's acknowledgement mark.
  await online.waitForText('✓ me: written while offline');
  online.type('/quit\r');
  expect(await online.waitForExit()).toEqual({ exitCode: 0 });
  expect(bob.received.filter((m) => m.body === 'written while offline')).toHaveLength(1);
});

it('a message the server refuses is marked failed with the reason', async () => {
  const a = await registerAccount(info, uniqueLocal('refused'));
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const natter = spawnNatter({
    cols: 120,
    args: [...login.args],
  });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a.jid}: online`);
  natter.type(`/msg nobody-${uniqueLocal('x')}@localhost are you there\r`);
  await natter.waitForText(/✗ me: are you there \[not delivered: [a-z-]+/);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
