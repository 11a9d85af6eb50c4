import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import xml from '@xmpp/xml';
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

it('a file shared with an out-of-band link (as Conversations sends uploads) runs the file hook with its address', async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('alice')), registerAccount(info, uniqueLocal('bob'))]);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const dirs = tempDirs();
  cleanup.push(() => dirs.remove());
  const seen = join(login.dir, 'files.txt');
  mkdirSync(join(dirs.config, 'natter'), { recursive: true });
  writeFileSync(join(dirs.config, 'natter', 'config.json'), JSON.stringify({
    hooks: { file: ['/bin/sh', '-c', `printf '%s %s\\n' "$NATTER_PEER" "$NATTER_URL" >> '${seen}'`] },
  }));
  const natter = spawnNatter({ cols: 120, rows: 30, env: dirs.env, args: login.args });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a.jid}: online`);

  const url = 'https://upload.example.org/f/3a7/holiday%20photo.jpg';
  await bob.sendRaw(xml('message', { to: a.jid, type: 'chat', id: 'f1' }, xml('body', {}, url), xml('x', { xmlns: 'jabber:x:oob' }, xml('url', {}, url))));
  // A link that is not http(s) is not a file offer; a plain message is none either.
  await bob.sendRaw(xml('message', { to: a.jid, type: 'chat', id: 'f2' }, xml('body', {}, 'see this'), xml('x', { xmlns: 'jabber:x:oob' }, xml('url', {}, 'file:///etc/passwd'))));
  await bob.send(a.jid, 'that was all');
  await natter.waitForText(`2:${b.jid}`);
  natter.press('alt-2');
  await natter.waitForText('that was all');
  expect(await natter.screenText()).toContain(url); // the link is the message, shown as such
  await expect.poll(() => (existsSync(seen) ? readFileSync(seen, 'utf8') : ''), { timeout: 10_000 }).toBe(`${b.jid} ${url}\n`);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
