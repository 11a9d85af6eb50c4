import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { consistentColour } from '../../src/ui/theme/consistent-colour.js';
import { makeContacts } from '../support/contacts.js';
import { oneRunLogin } from '../support/one-run-login.js';
import { natterAndBob } from '../support/natter-and-bob.js';
import { registerAccount, uniqueLocal, type ProsodyAccount } from '../support/prosody.js';
import { spawnNatter, tempDirs, type PtySession } from '../support/pty.js';
import { connectPeer, type Peer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** xterm's palette index of each of the 16 colours, by the name chalk gives it. */
const ANSI16 = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'].flatMap((n, i) => [[n, i], [`${n}Bright`, i + 8]] as const);
const palette16 = (name: string | undefined): string => `palette ${new Map<string, number>(ANSI16).get(name ?? '')}`;

/**
 * alice with bob and carol as contacts, both online, and natter logged in as alice in a
 * terminal with `env` (TERM, COLORTERM, NO_COLOR; spawnNatter leaves the test run's own
 * colour variables out, so the terminal's depth is what the test says).
 */
async function aliceWithTwoContacts(env: Record<string, string | undefined>): Promise<{ a: ProsodyAccount; b: ProsodyAccount; c: ProsodyAccount; natter: PtySession; bob: Peer }> {
  const [a, b, c] = await Promise.all(['alice', 'bob', 'carol'].map((name) => registerAccount(info, uniqueLocal(name))));
  makeContacts(info, a!, b!, c!);
  const [bob, carol] = await Promise.all([connectPeer(info, b!), connectPeer(info, c!)]);
  cleanup.push(() => bob.stop(), () => carol.stop());
  const login = oneRunLogin(info, a!);
  const dirs = tempDirs();
  cleanup.push(login.remove, dirs.remove);
  const natter = spawnNatter({ cols: 140, rows: 30, args: login.args, env: { ...dirs.env, ...env } });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a!.jid}: online`);
  // Both online in the roster pane ("+ name"): names are coloured only while online.
  await natter.waitForText(`+ ${b!.local}`);
  await natter.waitForText(`+ ${c!.local}`);
  return { a: a!, b: b!, c: c!, natter, bob };
}

/** Writes to bob (his chat comes in front) and waits for his answer there. */
async function chatWithBob(natter: PtySession, a: ProsodyAccount, b: ProsodyAccount, bob: Peer): Promise<void> {
  natter.type(`/msg ${b.jid} hi bob\r`);
  await bob.waitForMessage((m) => m.body === 'hi bob');
  await bob.send(a.jid, 'hello alice');
  await natter.waitForText(`${b.jid}: hello alice`);
}

it("draws two contacts' names in the roster and bob's name on his chat lines in their XEP-0392 colours (truecolor)", async () => {
  const { a, b, c, natter, bob } = await aliceWithTwoContacts({ TERM: 'xterm-256color', COLORTERM: 'truecolor' });
  const bobColour = consistentColour(b.jid, 3);
  const carolColour = consistentColour(c.jid, 3);
  expect(await natter.lookOf(b.local)).toEqual({ fg: bobColour, inverse: false });
  expect(await natter.lookOf(c.local)).toEqual({ fg: carolColour, inverse: false });

  await chatWithBob(natter, a, b, bob);
  expect(await natter.lookOf(`${b.jid}: hello alice`)).toEqual({ fg: bobColour, inverse: false });
  // The text after the name keeps the terminal's colour (the theme's "incoming").
  expect(await natter.lookOf(': hello alice')).toEqual({ fg: 'default', inverse: false });
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it('maps the colours to the nearest of the 16 on a 16-colour terminal (TERM=xterm)', async () => {
  const { a, b, c, natter, bob } = await aliceWithTwoContacts({ TERM: 'xterm' });
  expect(await natter.lookOf(b.local)).toEqual({ fg: palette16(consistentColour(b.jid, 1)), inverse: false });
  expect(await natter.lookOf(c.local)).toEqual({ fg: palette16(consistentColour(c.jid, 1)), inverse: false });
  await chatWithBob(natter, a, b, bob);
  expect(await natter.lookOf(`${b.jid}: hello alice`)).toEqual({ fg: palette16(consistentColour(b.jid, 1)), inverse: false });
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it('draws no colour at all with NO_COLOR', async () => {
  const { a, b, c, natter, bob } = await aliceWithTwoContacts({ TERM: 'xterm-256color', COLORTERM: 'truecolor', NO_COLOR: '1' });
  expect(await natter.lookOf(b.local)).toEqual({ fg: 'default', inverse: false });
  expect(await natter.lookOf(c.local)).toEqual({ fg: 'default', inverse: false });
  await chatWithBob(natter, a, b, bob);
  expect(await natter.lookOf(`${b.jid}: hello alice`)).toEqual({ fg: 'default', inverse: false });
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

const NS_MUC = 'http://jabber.org/protocol/muc';

it('draws two nicks of a room, in the occupants pane and on their lines, in their XEP-0392 colours', async () => {
  const room = `${uniqueLocal('verona')}@conference.localhost`;
  const { bob, natter } = await natterAndBob(info, cleanup, { cols: 140, env: { COLORTERM: 'truecolor' } });
  const c = await registerAccount(info, uniqueLocal('carol'));
  const carol = await connectPeer(info, c);
  cleanup.push(() => carol.stop());
  // Nicks from the XEP's test vectors: "Romeo" is rgb(0.865, 0.000, 0.686) there.
  await bob.sendRaw(xml('presence', { to: `${room}/Romeo` }, xml('x', { xmlns: NS_MUC })));
  await bob.request(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: `${NS_MUC}#owner` }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' }))));
  await carol.sendRaw(xml('presence', { to: `${room}/Board` }, xml('x', { xmlns: NS_MUC })));
  await carol.waitForPresence((p) => p.attrs.from === `${room}/Board`);
  natter.type(`/join ${room}\r`);
  await natter.waitForText('3 in the room');
  expect(await natter.lookOf('Romeo')).toEqual({ fg: '#dd00af', inverse: false });
  expect(await natter.lookOf('Board')).toEqual({ fg: consistentColour('Board', 3), inverse: false });

  await bob.sendRaw(xml('message', { to: room, type: 'groupchat' }, xml('body', {}, 'wherefore art thou')));
  await carol.sendRaw(xml('message', { to: room, type: 'groupchat' }, xml('body', {}, 'the board agrees')));
  await natter.waitForText('Board: the board agrees');
  expect(await natter.lookOf('Romeo: wherefore art thou')).toEqual({ fg: '#dd00af', inverse: false });
  expect(await natter.lookOf('Board: the board agrees')).toEqual({ fg: consistentColour('Board', 3), inverse: false });
  expect(await natter.lookOf(': wherefore art thou')).toEqual({ fg: 'default', inverse: false });
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
