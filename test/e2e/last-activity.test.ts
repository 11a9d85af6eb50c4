import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { connectPeer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const LAST = xml('query', { xmlns: 'jabber:iq:last' });

it('answers a contact the seconds since the last key (XEP-0012), advertises it, and refuses a stranger', async () => {
  const { a, bob, natter } = await natterAndBob(info, cleanup, { contacts: true });
  const presence = await bob.waitForPresence((p) => String(p.attrs.from ?? '').startsWith(`${a.jid}/`) && p.attrs.type === undefined);
  const full = String(presence.attrs.from);
  const stranger = await connectPeer(info, await registerAccount(info, uniqueLocal('stranger')));
  cleanup.push(() => stranger.stop());

  const idle = async (from = bob): Promise<number> => Number((await from.iqGet(full, LAST))?.attrs.seconds);
  // Nobody has typed yet: the idle time grows (whole seconds, XEP-0012 §4).
  await expect.poll(() => idle(), { timeout: 15_000, interval: 500 }).toBeGreaterThanOrEqual(3);
  const before = await idle();
  natter.type('x');
  await natter.waitForText(/^> x/m);
  // Counted again from the key just typed.
  expect(await idle()).toBeLessThan(before);
  const features = (await bob.iqGet(full, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })))?.getChildren('feature').map((f) => f.attrs.var);
  expect(features).toContain('jabber:iq:last');

  // Whether someone sits at the keyboard is for contacts only.
  await expect(stranger.iqGet(full, LAST)).rejects.toMatchObject({ condition: 'service-unavailable' });
});

it("/last: a contact's idle time from their device, their logout and last words from their server (Prosody's mod_lastactivity), a refusal in one line", async () => {
  const { b, bob, natter } = await natterAndBob(info, cleanup, { contacts: true, cols: 160 });
  bob.answerIqGet('jabber:iq:last', 'query', () => xml('query', { xmlns: 'jabber:iq:last', seconds: '903' }));
  await natter.waitForText(`+ ${b.local}`);
  natter.type(`/last ${b.jid}\r`);
  await natter.waitForText(`${b.jid}/peer has been idle for 15 minutes`);

  // Bob leaves with a word; his server tells natter (a contact) when and what.
  await bob.sendRaw(xml('presence', { type: 'unavailable' }, xml('status', {}, 'gone home')));
  await natter.waitForText(new RegExp(`│  ${b.local}`));
  natter.type(`/last ${b.jid}\r`);
  await natter.waitForText(new RegExp(`${b.jid} went offline \\d+ seconds? ago: gone home`));

  // The server itself does not say how long it has been up: said in one line.
  natter.type('/last localhost\r');
  await natter.waitForText('/last failed: localhost does not tell its last activity (service-unavailable)');
  natter.type('/last not a jid\r');
  await natter.waitForText('Wrong number of arguments. Usage: /last jid');
});

it('tells last activity to contacts only: someone natter wrote to gets its time, not its idle time', async () => {
  const { a, natter } = await natterAndBob(info, cleanup, { cols: 120 });
  const carol = await connectPeer(info, await registerAccount(info, uniqueLocal('carol')));
  cleanup.push(() => carol.stop());
  natter.type(`/msg ${carol.jid} hello\r`);
  const message = await carol.waitForMessage((m) => m.body === 'hello');
  // Written to: she may learn natter is online (time, receipts), not whether anyone is at the keyboard.
  expect((await carol.iqGet(message.from, xml('time', { xmlns: 'urn:xmpp:time' })))?.getChildText('tzo')).toMatch(/^[+-]\d\d:\d\d$/);
  await expect(carol.iqGet(message.from, LAST)).rejects.toMatchObject({ condition: 'service-unavailable' });
  expect(message.from.startsWith(`${a.jid}/`)).toBe(true);
});
