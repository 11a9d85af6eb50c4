import xml from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startEjabberd, type EjabberdServer } from '../support/ejabberd.js';
import { oneRunLogin } from '../support/one-run-login.js';
import { uniqueLocal } from '../support/prosody.js';
import { spawnNatter } from '../support/pty.js';
import { connectPeer, type Peer } from '../support/xmpp-peer.js';

// natter against ejabberd 23.01 (Debian's), the server the issue was seen on: its own private node.
let ejabberd: EjabberdServer;
beforeAll(async () => {
  ejabberd = await startEjabberd();
}, 60_000);
afterAll(() => ejabberd?.stop());
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const NS_MUC = 'http://jabber.org/protocol/muc';

/** alice in natter (a PTY) and bob as a peer, both on ejabberd; bob has made `room` and is in it. */
async function aliceAndBobInRoom() {
  const [a, b] = [await ejabberd.register(uniqueLocal('alice')), await ejabberd.register(uniqueLocal('bob'))];
  const room = `${uniqueLocal('ops')}@conference.localhost`;
  const bob = await connectPeer(ejabberd, b);
  cleanup.push(() => bob.stop());
  await bob.sendRaw(xml('presence', { to: `${room}/bob` }, xml('x', { xmlns: NS_MUC })));
  await bob.waitForPresence((p) => p.attrs.from === `${room}/bob`);
  // XEP-0045 §10.1.2: the new room is locked until its owner accepts the default configuration.
  await bob.request(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: `${NS_MUC}#owner` }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' }))));
  const login = oneRunLogin(ejabberd, a);
  cleanup.push(login.remove);
  const natter = spawnNatter({ cols: 120, rows: 40, args: login.args });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a.jid}: online`, 20_000);
  natter.type(`/join ${room}/alice\r`);
  await natter.waitForText('joined as alice; 2 people here');
  return { a, b, bob, room, natter };
}

/** bob says `text` in the room and natter shows it: everything the room sent before it has been read. */
async function roomSays(bob: Peer, room: string, natter: ReturnType<typeof spawnNatter>, text: string): Promise<void> {
  await bob.sendRaw(xml('message', { to: room, type: 'groupchat' }, xml('body', {}, text)));
  await natter.waitForText(`bob: ${text}`);
}

it("joins an ejabberd room without a word about the room's own presence or an empty subject, and again after a reconnect", async () => {
  const { a, bob, room, natter } = await aliceAndBobInRoom();
  await roomSays(bob, room, natter, 'first');
  // ejabberd sends the room's caps presence from the bare room JID, and <subject/> when none is set.
  let shown = await natter.screenText();
  expect(shown).not.toContain('dropped a stanza');
  expect(shown).not.toContain('subject');

  natter.type('/disconnect\r');
  await natter.waitForText(`${a.jid}: offline |`);
  natter.type('/connect\r');
  await natter.waitForText(/joined as alice; 2 people here[\s\S]*joined as alice; 2 people here/, 20_000);
  await roomSays(bob, room, natter, 'second');
  shown = await natter.screenText();
  expect(shown).not.toContain('dropped a stanza');
  expect(shown).not.toContain('subject');
});

it('shows a subject set in an ejabberd room once, not again at each rejoin, and a real change', async () => {
  const { a, bob, room, natter } = await aliceAndBobInRoom();
  await bob.sendRaw(xml('message', { to: room, type: 'groupchat' }, xml('subject', {}, 'plans')));
  await natter.waitForText('bob set the subject: plans');
  natter.type('/disconnect\r');
  await natter.waitForText(`${a.jid}: offline |`);
  natter.type('/connect\r');
  await natter.waitForText(/joined as alice; 2 people here[\s\S]*joined as alice; 2 people here/, 20_000);
  await roomSays(bob, room, natter, 'back');
  const count = (text: string, screen: string): number => screen.split(text).length - 1;
  let shown = await natter.screenText();
  expect(count('subject', shown)).toBe(1);

  await bob.sendRaw(xml('message', { to: room, type: 'groupchat' }, xml('subject', {})));
  await natter.waitForText('bob cleared the subject');
  await roomSays(bob, room, natter, 'done');
  shown = await natter.screenText();
  expect(count('subject', shown)).toBe(2);
});

it('comes back after `ejabberdctl restart` without errors for the requests the restart cut short', async () => {
  const { a, b, room, natter } = await aliceAndBobInRoom();
  await ejabberd.restart();
  // ejabberd keeps neither the streams (natter logs in anew) nor the room (natter makes it again).
  await natter.waitForText('created the room and joined it as alice', 30_000);
  const bob = await connectPeer(ejabberd, b);
  cleanup.push(() => bob.stop());
  await bob.sendRaw(xml('presence', { to: `${room}/bob` }, xml('x', { xmlns: NS_MUC })));
  await roomSays(bob, room, natter, 'after the restart');
  natter.press('alt-1');
  await natter.waitForText('system-shutdown');
  const shown = await natter.screenText();
  expect(shown).toContain(`${a.jid}: online`);
  // RFC 6120 §4.9.3.19, said as what it means: the lines that explain the reconnect.
  const joined = shown.replace(/\s*\n[│ ]+│\s+/g, ' '); // a long line wraps: join its rows
  expect(joined).toContain(`${a.jid}: the server ended the session: it is shutting down or restarting (system-shutdown)`);
  // Asked on a session the restart ended, answered by nobody: the session after it asks again.
  expect(shown).not.toContain('before the answer came');
  expect(shown).not.toContain('not available');
}, 60_000);
