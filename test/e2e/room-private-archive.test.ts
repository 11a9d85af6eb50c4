import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { oneRunLogin } from '../support/one-run-login.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { spawnNatter } from '../support/pty.js';
import { connectPeer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

const NS_MUC = 'http://jabber.org/protocol/muc';

it('a private message through a room, received on another device, comes from the archive into the private tab, not a chat with the room', async () => {
  const room = `${uniqueLocal('pm')}@conference.localhost`;
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('alice')), registerAccount(info, uniqueLocal('bob'))]);
  const bob = await connectPeer(info, b);
  const phone = await connectPeer(info, a, 'phone'); // alice's phone is in the room
  cleanup.push(() => bob.stop(), () => phone.stop());
  await bob.sendRaw(xml('presence', { to: `${room}/bob` }, xml('x', { xmlns: NS_MUC })));
  await bob.request(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: `${NS_MUC}#owner` }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' }))));
  await phone.sendRaw(xml('presence', { to: `${room}/alice` }, xml('x', { xmlns: NS_MUC })));
  await bob.waitForPresence((p) => p.attrs.from === `${room}/alice`);
  await bob.sendRaw(xml('message', { to: `${room}/alice`, type: 'chat' }, xml('body', {}, 'psst, only for you'), xml('x', { xmlns: `${NS_MUC}#user` })));
  await phone.waitForMessage((m) => m.body === 'psst, only for you');

  // Later, natter on the terminal catches up from the account's archive (XEP-0313).
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const natter = spawnNatter({ cols: 140, rows: 30, args: login.args });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`2:bob (${room})`);
  expect(await natter.screenText()).not.toContain(`:${room}]`); // no chat tab with the room itself
  natter.press('alt-2');
  await natter.waitForText('bob: psst, only for you');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
