import { afterEach, expect, inject, it } from 'vitest';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { oneRunLogin } from '../support/one-run-login.js';
import { spawnNatter } from '../support/pty.js';
import { connectPeer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

it('scrolling back past the local history reads older pages from the server archive (MAM), down to the first message', async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('alice')), registerAccount(info, uniqueLocal('bob'))]);
  // 180 messages that alice's phone received: they are in her server archive, not on this device.
  const phone = await connectPeer(info, a, 'phone');
  cleanup.push(() => phone.stop());
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const body = (i: number): string => `old ${String(i).padStart(3, '0')}`;
  for (let i = 1; i <= 180; i++) await bob.send(a.jid, body(i));
  await phone.waitForMessage((m) => m.body === body(180));
  await phone.stop();

  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const natter = spawnNatter({ cols: 100, rows: 30, args: login.args });
  cleanup.push(() => natter.dispose());
  // A new device catches up the newest page only (Prosody gives 50), so the older ones are still on the server.
  await natter.waitForText(/\d+ messages from the server archive/);
  natter.type(`/msg ${b.jid}\r`);
  await natter.waitForText(`${b.jid}: ${body(180)}`);
  // PageUp like a person: press, look, press again until the text is there.
  const scrollUntil = async (text: string): Promise<void> => {
    for (let press = 0; press < 40; press++) {
      natter.press('pageup');
      if (await natter.waitForText(text, 400).then(() => true, () => false)) return;
    }
    throw new Error(`"${text}" never came into view:\n${await natter.screenText()}`);
  };
  await scrollUntil(`${b.jid}: ${body(60)}`);
  await scrollUntil('── start of the conversation in the server archive ──');
  await natter.waitForText(`${b.jid}: ${body(1)}`);
  expect(await natter.screenText()).not.toContain('Could not read older messages');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
