import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

it('a subscription request is shown with how to answer, runs the hook, and /accept lets bob in and asks back', async () => {
  const { a, b, bob, natter, login } = await natterAndBob(info, cleanup, {
    cols: 160,
    config: ({ loginDir }) => ({ hooks: { subscription: ['/bin/sh', '-c', `printf '%s|%s\\n' "$NATTER_PEER" "$NATTER_STATUS" >> '${join(loginDir, 'asked')}'`] } }),
  });
  await bob.sendRaw(xml('presence', { to: a.jid, type: 'subscribe' }, xml('status', {}, 'let me in $(touch pwned)')));
  await natter.waitForText(`${b.jid} asks to see your presence: "let me in $(touch pwned)". /accept`);
  await natter.waitForText(`or /decline ${b.jid}`);
  const asked = join(login.dir, 'asked');
  await expect.poll(() => (existsSync(asked) ? readFileSync(asked, 'utf8') : ''), { timeout: 10_000 }).toBe(`${b.jid}|let me in $(touch pwned)\n`);
  expect(existsSync(join(login.dir, 'pwned'))).toBe(false);

  natter.type('/accept ');
  natter.press('tab');
  await natter.waitForText(`> /accept ${b.jid} `);
  natter.press('enter');
  // Approved: bob now gets alice's presence (Prosody hands bob the effect rather than the <subscribed/>).
  await bob.waitForPresence((p) => p.attrs.from?.startsWith(`${a.jid}/`) === true && p.attrs.type === undefined);
  await bob.waitForPresence((p) => p.attrs.from === a.jid && p.attrs.type === 'subscribe');
  await natter.waitForText(`${b.jid} may now see your presence (${a.jid})`);
  // The server put bob in alice's roster (RFC 6121 §3.1.2).
  await natter.waitForText(b.jid.slice(0, 14));
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
