import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { makeContacts } from '../support/contacts.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { oneRunLogin } from '../support/one-run-login.js';
import { NATTER_BIN, spawnNatter, tempDirs } from '../support/pty.js';
import { connectPeer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

it("a contact's presence changes run the presence hook (status text as data, never as a command), reach ctl --events, and show their status on demand", async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('alice')), registerAccount(info, uniqueLocal('bob'))]);
  makeContacts(info, a, b);
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const dirs = tempDirs();
  cleanup.push(() => dirs.remove());
  const seen = join(login.dir, 'seen.txt');
  mkdirSync(join(dirs.config, 'natter'), { recursive: true });
  writeFileSync(join(dirs.config, 'natter', 'config.json'), JSON.stringify({
    hooks: { presence: ['/bin/sh', '-c', `printf '%s %s [%s]\\n' "$NATTER_PEER" "$NATTER_SHOW" "$NATTER_STATUS" >> '${seen}'`] },
  }));
  const natter = spawnNatter({ cols: 120, rows: 30, env: dirs.env, args: login.args });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a.jid}: online`);

  const events = spawn(process.execPath, [NATTER_BIN, 'ctl', '--events'], { env: { ...process.env, ...dirs.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanup.push(() => events.kill('SIGINT'));
  let streamed = '';
  events.stdout.on('data', (d: Buffer) => (streamed += d.toString()));
  await new Promise<void>((resolve) => {
    let err = '';
    events.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('streaming events')) resolve();
    });
  });

  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  await natter.waitForText(`+ ${b.local}`);
  await bob.sendRaw(xml('presence', {}, xml('show', {}, 'away'), xml('status', {}, 'lunch $(touch pwned)')));
  await natter.waitForText(`- ${b.local}`);
  const lines = (): string[] => (existsSync(seen) ? readFileSync(seen, 'utf8').trim().split('\n') : []);
  await expect.poll(lines, { timeout: 10_000 }).toEqual([`${b.jid} online []`, `${b.jid} away [lunch $(touch pwned)]`]);
  expect(existsSync(join(dirs.home, 'pwned'))).toBe(false);
  expect(existsSync(join(login.dir, 'pwned'))).toBe(false);

  // Status texts on demand: Alt-S shows them beside the names, /roster status off hides them.
  expect(await natter.screenText()).not.toContain('lunch $(touch');
  natter.type('/roster size 60\r');
  natter.press('alt-s');
  await natter.waitForText(`- ${b.local} lunch $(touch`);
  natter.type('/roster status off\r');
  await expect.poll(async () => (await natter.screenText()).includes('lunch $(touch'), { timeout: 5_000 }).toBe(false);

  await expect.poll(() => streamed.split('\n').filter((l) => l.includes('"event":"presence"')).map((l) => JSON.parse(l) as Record<string, string>), { timeout: 5_000 })
    .toEqual([
      expect.objectContaining({ account: a.jid, peer: b.jid, show: 'online' }),
      expect.objectContaining({ account: a.jid, peer: b.jid, show: 'away', status: 'lunch $(touch pwned)' }),
    ]);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
