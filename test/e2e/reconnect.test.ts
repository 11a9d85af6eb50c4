import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, expect, inject, it } from 'vitest';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { oneRunLogin } from '../support/one-run-login.js';
import { spawnNatter } from '../support/pty.js';
import { waitUntil } from '../support/run.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { connectPeer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const CUTS = 20;
const PER_ROUND = 10; // 20 rounds × 10 = 200 messages each way

it('a link cut 20 times while 200 messages flow each way: each arrives exactly once on both sides', async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('chaos-a')), registerAccount(info, uniqueLocal('chaos-b'))]);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const proxy = await startTcpProxy({ host: info.host, port: info.c2sPort });
  cleanup.push(() => proxy.stop());
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);

  const natter = spawnNatter({
    cols: 120,
    rows: 30,
    args: login.argsFor(proxy.port),
  });
  cleanup.push(() => natter.dispose());
  const status = (state: string) => `natter | ${a.jid}: ${state}`;
  await natter.waitForText(status('online'));
  natter.type(`/msg ${b.jid}\r`);
  await natter.waitForText(`2:${b.jid}`);

  for (let round = 0; round < CUTS; round++) {
    for (let i = 0; i < PER_ROUND; i++) natter.type(`from-natter-${round * PER_ROUND + i}\r`);
    for (let i = 0; i < PER_ROUND; i++) await bob.send(a.jid, `from-bob-${round * PER_ROUND + i}`);
    proxy.cut(); // with stanzas in flight both ways
    await natter.waitForText(status('reconnecting'), 15_000);
    try {
      await natter.waitForText(status('online'), 15_000);
    } catch (error) {
      natter.type('/close\r');
      await natter.waitForText('online again');
      console.log((await natter.screen()).join('\n'));
      throw error;
    }
  }

  const fromNatter = () => bob.received.filter((m) => m.from.startsWith(`${a.jid}/`)).map((m) => m.body);
  await waitUntil(() => fromNatter().length >= CUTS * PER_ROUND, 30_000, () => `bob got ${fromNatter().length} of ${CUTS * PER_ROUND}`);
  const db = () => new DatabaseSync(join(natter.dirs.data, 'natter', 'history.sqlite'), { readOnly: true });
  const incoming = (): string[] => {
    const conn = db();
    try {
      return (conn.prepare("SELECT body FROM messages WHERE direction = 'in' AND peer = ? ORDER BY id").all(b.jid) as { body: string }[]).map((r) => r.body);
    } finally {
      conn.close();
    }
  };
  await waitUntil(() => incoming().length >= CUTS * PER_ROUND, 30_000, () => `natter stored ${incoming().length} of ${CUTS * PER_ROUND}`);
  // Prosody keeps a dropped session for resumption (XEP-0198): natter resumes it rather than logging in anew.
  natter.press('alt-1');
  await natter.waitForText(`${a.jid}: online again (stream resumed)`);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });

  const expected = (who: string) => Array.from({ length: CUTS * PER_ROUND }, (_, i) => `from-${who}-${i}`);
  expect([...fromNatter()].sort()).toEqual(expected('natter').sort());
  expect([...incoming()].sort()).toEqual(expected('bob').sort());
  const conn = db();
  const outgoing = conn.prepare("SELECT delivery, COUNT(*) AS n FROM messages WHERE direction = 'out' GROUP BY delivery").all();
  conn.close();
  // Every message natter sent was acknowledged by the server (XEP-0198): none left pending.
  expect(outgoing).toEqual([{ delivery: 'sent', n: CUTS * PER_ROUND }]);
  expect(proxy.accepted()).toBeGreaterThanOrEqual(CUTS + 1);
}, 180_000);
