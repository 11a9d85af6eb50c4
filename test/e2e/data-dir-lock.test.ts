import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, expect, inject, it } from 'vitest';
import { oneRunLogin } from '../support/one-run-login.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { runNatter, spawnNatter, tempDirs } from '../support/pty.js';
import { connectPeer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

it('a second natter on the same data directory is refused naming the first; after the first is SIGKILLed a new one starts', async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('lock-a')), registerAccount(info, uniqueLocal('lock-b'))]);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const dirs = tempDirs();
  cleanup.push(() => dirs.remove());

  const first = spawnNatter({ args: login.args, env: dirs.env, cols: 160 });
  cleanup.push(() => first.dispose());
  await first.waitForText(`${a.jid}: online`);
  first.type(`/msg ${b.jid} before the second start\r`);
  await bob.waitForMessage((m) => m.body === 'before the second start');

  const second = spawnNatter({ args: login.args, env: dirs.env, cols: 160, rows: 30 });
  cleanup.push(() => second.dispose());
  expect(await second.waitForExit()).toEqual({ exitCode: 1 });
  const refusal = second.output().replace(/\r?\n/g, ' ');
  expect(refusal).toContain(`natter: another natter (PID ${first.pid}) is running on the data directory ${join(dirs.data, 'natter')}`);
  expect(refusal).toContain(`delete ${join(dirs.data, 'natter', 'natter.lock')}`);

  // The first one is untouched: still online, still chatting, and natter ctl reaches it.
  await bob.send(a.jid, 'after the refused start');
  await first.waitForText('after the refused start');
  const ctl = await runNatter(['ctl', `/msg ${b.jid} through ctl`], { env: dirs.env });
  expect(ctl).toMatchObject({ code: 0 });
  await bob.waitForMessage((m) => m.body === 'through ctl');

  // A natter that dies without letting go (SIGKILL) leaves its lock: the next start takes it over.
  first.kill('SIGKILL');
  await first.waitForExit();
  const third = spawnNatter({ args: login.args, env: dirs.env, cols: 160 });
  cleanup.push(() => third.dispose());
  await third.waitForText(`${a.jid}: online`);
  third.type(`/msg ${b.jid}\r`);
  await third.waitForText('after the refused start');
  third.type('/quit\r');
  expect(await third.waitForExit()).toEqual({ exitCode: 0 });

  const db = new DatabaseSync(join(dirs.data, 'natter', 'history.sqlite'), { readOnly: true });
  try {
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    const bodies = (db.prepare('SELECT body FROM messages ORDER BY id').all() as { body: string }[]).map((r) => r.body);
    expect(bodies).toEqual(['before the second start', 'after the refused start', 'through ctl']);
  } finally {
    db.close();
  }
}, 60_000);
