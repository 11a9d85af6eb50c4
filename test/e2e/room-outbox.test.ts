import xml from '@xmpp/xml';
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

const NS_MUC = 'http://jabber.org/protocol/muc';

/** alice in a room bob made, natter through a proxy whose link the test can stall. */
async function aliceInRoom() {
  const room = `${uniqueLocal('ops')}@conference.localhost`;
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('alice')), registerAccount(info, uniqueLocal('bob'))]);
  makeContacts(info, a, b);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  await bob.sendRaw(xml('presence', { to: `${room}/bob` }, xml('x', { xmlns: NS_MUC })));
  await bob.request(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: `${NS_MUC}#owner` }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' }))));
  const proxy = await startTcpProxy({ host: info.host, port: info.c2sPort });
  cleanup.push(() => proxy.stop());
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const natter = spawnNatter({ cols: 160, rows: 40, args: login.argsFor(proxy.port) });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a.jid}: online`);
  natter.type(`/join ${room}\r`);
  await natter.waitForText('people here');
  return { a, bob, room, proxy, natter };
}

/**
 * Logs out while the link is stalled (`drop`: and what waits in it is lost with it), then back in
 * with the XML console in front, so what the new session sends is drawn.
 */
async function reconnect({ a, room, proxy, natter }: Awaited<ReturnType<typeof aliceInRoom>>, drop = false) {
  natter.type('/disconnect\r');
  await natter.waitForText(`${a.jid}: offline |`);
  if (drop) proxy.cut();
  proxy.release();
  natter.type('/xmlconsole\r');
  await natter.waitForText(`3:xml ${a.jid}`);
  natter.press('alt-3');
  natter.type('/connect\r');
  await natter.waitForText(new RegExp(`→ <presence[^\\n]*to="${room}`));
  natter.press('alt-2');
}

/** The outbox sent room messages still pending again as one-to-one chat messages to the room's JID. */
const sentAsChat = (output: string, room: string): boolean =>
  new RegExp(`<message[^>]*type="chat"[^>]*to="${room}"|<message[^>]*to="${room}"[^>]*type="chat"`).test(output);

it('a room message whose echo was lost is confirmed by the room\'s history after reconnecting, never resent as a chat', async () => {
  const setup = await aliceInRoom();
  const { bob, room, proxy, natter } = setup;
  proxy.hold('down'); // the room gets the message; its echo (§7.4) never reaches natter
  natter.type('said while the link stalls\r');
  await bob.waitForMessage((m) => m.body === 'said while the link stalls');
  await natter.waitForText('… me: said while the link stalls');
  await reconnect(setup);
  await natter.waitForText('✓ me: said while the link stalls');
  expect(sentAsChat(natter.output(), room)).toBe(false);
  expect(bob.received.filter((m) => m.body === 'said while the link stalls')).toHaveLength(1);
  natter.type('/quit\r');
  expect((await natter.waitForExit()).exitCode).toBe(0);
});

it('a room message the room never got is marked failed after reconnecting, visibly, never resent as a chat', async () => {
  const setup = await aliceInRoom();
  const { bob, room, proxy, natter } = setup;
  proxy.hold('both'); // the message never reaches the room
  natter.type('lost in the stall\r');
  await natter.waitForText('… me: lost in the stall');
  await reconnect(setup, true);
  await natter.waitForText('✗ me: lost in the stall [not delivered: the connection dropped before the room passed it on');
  expect(sentAsChat(natter.output(), room)).toBe(false);
  expect(bob.received.filter((m) => m.body === 'lost in the stall')).toEqual([]);
  natter.type('/quit\r');
  expect((await natter.waitForExit()).exitCode).toBe(0);
});
