import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, expect, inject, it } from 'vitest';
import { makeContacts } from '../support/contacts.js';
import { oneRunLogin } from '../support/one-run-login.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { spawnNatter } from '../support/pty.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { connectPeer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

it('a message the server re-sends on a resumed stream keeps the time the server queued it, not the time it came again', async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('alice')), registerAccount(info, uniqueLocal('bob'))]);
  makeContacts(info, a, b);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const proxy = await startTcpProxy({ host: info.host, port: info.c2sPort });
  cleanup.push(() => proxy.stop());
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const natter = spawnNatter({ cols: 140, rows: 30, args: login.argsFor(proxy.port) });
  cleanup.push(() => natter.dispose());
  const atOf = (body: string): number | undefined => {
    const db = new DatabaseSync(join(natter.dirs.data, 'natter', 'history.sqlite'), { readOnly: true });
    try {
      return (db.prepare('SELECT at FROM messages WHERE body = ?').get(body) as { at: number } | undefined)?.at;
    } finally {
      db.close();
    }
  };
  await natter.waitForText(`${a.jid}: online`);
  natter.type(`/msg ${b.jid}\r`);
  await bob.send(a.jid, 'before the stall');
  await natter.waitForText('before the stall');

  proxy.hold('down'); // Prosody sends it; natter never gets it, nor acknowledges it (XEP-0198)
  const sentAt = Date.now();
  await bob.send(a.jid, 'sent while the link stalls');
  await sleep(3000);
  proxy.cut();
  proxy.release(); // the next connection flows
  await natter.waitForText('sent while the link stalls', 30_000);
  const shownAt = Date.now();
  natter.press('alt-1');
  await natter.waitForText(`${a.jid}: online again (stream resumed)`);

  // Prosody stamps what it queued with a <delay/> from the account (whole seconds); without it
  // natter dated the message on its second arrival, 3 s and a reconnection later.
  const at = atOf('sent while the link stalls')!;
  expect(shownAt - sentAt).toBeGreaterThan(3000);
  expect(at).toBeGreaterThanOrEqual(Math.max(atOf('before the stall')!, Math.floor(sentAt / 1000) * 1000));
  expect(at).toBeLessThan(sentAt + 1000);

  // Once the server has answered natter's ping after the resumption, a <delay/> naming the
  // account is a sender's claim again: dated on arrival. Until then (a few milliseconds, longer
  // on a loaded machine) it is believed, but never earlier than what was shown before the cut.
  natter.press('alt-2');
  let dated: { sentAt: number; at: number } | undefined;
  for (let n = 0; n < 20 && !(dated && dated.at >= dated.sentAt); n++) {
    const claimAt = Date.now();
    await bob.sendXml(`<message to='${a.jid}' type='chat'><body>claims an old date ${n}</body><delay xmlns='urn:xmpp:delay' from='${a.jid}' stamp='2001-01-01T00:00:00Z'/></message>`);
    await natter.waitForText(`claims an old date ${n}`);
    dated = { sentAt: claimAt, at: atOf(`claims an old date ${n}`)! };
    expect(dated.at).toBeGreaterThanOrEqual(atOf('before the stall')!);
    await sleep(250);
  }
  expect(dated!.at).toBeGreaterThanOrEqual(dated!.sentAt);
  natter.type('/quit\r');
  expect((await natter.waitForExit()).exitCode).toBe(0);
}, 90_000);
