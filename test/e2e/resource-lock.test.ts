import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { makeContacts } from '../support/contacts.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { oneRunLogin } from '../support/one-run-login.js';
import { spawnNatter } from '../support/pty.js';
import { connectPeer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

it('writes to the bare JID, follows the resource that replies, and lets go when its presence changes', async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('alice')), registerAccount(info, uniqueLocal('bob'))]);
  makeContacts(info, a, b);
  const laptop = await connectPeer(info, b, 'laptop');
  cleanup.push(() => laptop.stop());
  await laptop.sendRaw(xml('presence', {}, xml('show', {}, 'dnd')));
  const phone = await connectPeer(info, b, 'phone');
  cleanup.push(() => phone.stop());
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const natter = spawnNatter({ cols: 100, rows: 30, args: login.args });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a.jid}: online`);
  await natter.waitForText(`+ ${b.local}`); // the roster shows bob's most available device

  const say = async (text: string): Promise<void> => {
    natter.type(text);
    natter.press('enter');
    await natter.waitForText(`me: ${text.replace(/^\/msg \S+ /, '')}`);
  };
  // First message: to the bare JID, so the server gives it to both of bob's devices.
  await say(`/msg ${b.jid} anyone there?`);
  await Promise.all([laptop, phone].map((device) => device.waitForMessage((m) => m.body === 'anyone there?')));

  // bob answers from his phone: natter's next messages go to the phone only.
  await phone.send(a.jid, 'on my phone');
  await natter.waitForText('on my phone');
  await say('good, the phone then');
  await say('and once more');
  await phone.waitForMessage((m) => m.body === 'and once more');
  expect(phone.received.find((m) => m.body === 'good, the phone then')).toBeDefined();

  // The phone's presence changes: back to the bare JID, both devices again.
  await phone.sendRaw(xml('presence', {}, xml('show', {}, 'xa')));
  await natter.waitForText(`! ${b.local}`); // now the laptop (busy) is the best one shown
  await say('back to everyone');
  await Promise.all([laptop, phone].map((device) => device.waitForMessage((m) => m.body === 'back to everyone')));
  // What the laptop got, in order: nothing that was meant for the phone alone.
  expect(laptop.received.map((m) => m.body)).toEqual(['anyone there?', 'back to everyone']);
  const to = (body: string) => phone.received.find((m) => m.body === body)?.stanza.attrs.to;
  expect(to('good, the phone then')).toMatch(/\/phone$/);
  natter.type('/quit');
  natter.press('enter');
  expect((await natter.waitForExit()).exitCode).toBe(0);
});
