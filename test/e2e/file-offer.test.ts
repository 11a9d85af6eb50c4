import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

it('a file shared with an out-of-band link (as Conversations sends uploads) runs the file hook with its address', async () => {
  const { a, b, bob, login, natter } = await natterAndBob(info, cleanup, {
    cols: 120,
    config: ({ loginDir }) => ({ hooks: { file: ['/bin/sh', '-c', `printf '%s %s\\n' "$NATTER_PEER" "$NATTER_URL" >> '${join(loginDir, 'files.txt')}'`] } }),
  });
  const seen = join(login.dir, 'files.txt');

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
