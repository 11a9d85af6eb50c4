import xml from '@xmpp/xml';
import type { Element } from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, expect, it, onTestFailed } from 'vitest';
import { startFederation, type Federation } from '../support/federation.js';
import { oneRunLogin } from '../support/one-run-login.js';
import { uniqueLocal } from '../support/prosody.js';
import { spawnNatter } from '../support/pty.js';
import { connectPeer } from '../support/xmpp-peer.js';

// natter on alpha.test talks with bob on beta.test: every stanza crosses a server-to-server
// link over TLS verified against the test CA (see test/support/federation.ts).
let fed: Federation;
beforeAll(async () => {
  fed = await startFederation();
}, 60_000);
afterAll(() => fed?.stop());
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const NS_MUC = 'http://jabber.org/protocol/muc';
const NS_CORRECT = 'urn:xmpp:message-correct:0';
const available = (from: string) => (p: Element) => String(p.attrs.from ?? '').startsWith(`${from}/`) && p.attrs.type === undefined;

/** alice on alpha.test in natter (a PTY), bob on beta.test online as a peer. */
async function aliceOnAlphaBobOnBeta(options: { cols?: number } = {}) {
  // A failure here is most often a link between the servers: say what their logs say.
  onTestFailed(() => {
    for (const server of [fed.alpha, fed.beta]) console.error(`--- ${server.domain} log (end) ---\n${server.log().slice(-3000)}`);
  });
  const [a, b] = await Promise.all([fed.alpha.register(uniqueLocal('alice')), fed.beta.register(uniqueLocal('bob'))]);
  const bob = await connectPeer(fed.beta, b);
  cleanup.push(() => bob.stop());
  const login = oneRunLogin(fed.alpha, a);
  cleanup.push(login.remove);
  const natter = spawnNatter({ cols: options.cols ?? 140, rows: 32, args: login.args });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a.jid}: online`);
  return { a, b, bob, natter };
}

it('1:1 across servers both ways, and corrections (XEP-0308) both ways', async () => {
  const { a, b, bob, natter } = await aliceOnAlphaBobOnBeta();
  natter.type(`/msg ${b.jid} see you at 5\r`);
  const original = await bob.waitForMessage((m) => m.body === 'see you at 5');
  expect(original.from.startsWith(`${a.jid}/`)).toBe(true);
  await natter.waitForText('me: see you at 5');
  await bob.send(a.jid, 'hello from beta');
  await natter.waitForText(`${b.jid}: hello from beta`);

  natter.press('up');
  await natter.waitForText('> /correct see you at 5');
  natter.press('backspace');
  natter.type('6\r');
  const correction = await bob.waitForMessage((m) => m.body === 'see you at 6');
  expect(correction.stanza.getChild('replace', NS_CORRECT)?.attrs.id).toBe(original.stanza.attrs.id);
  await natter.waitForText('me: see you at 6 (edited)');

  await bob.sendRaw(xml('message', { to: a.jid, type: 'chat', id: 'b-1' }, xml('body', {}, 'helo')));
  await natter.waitForText(`${b.jid}: helo`);
  await bob.sendRaw(xml('message', { to: a.jid, type: 'chat', id: 'b-2' }, xml('body', {}, 'hello'), xml('replace', { xmlns: NS_CORRECT, id: 'b-1' })));
  await natter.waitForText(`${b.jid}: hello (edited)`);
  const screen = await natter.screenText();
  expect(screen).not.toContain('see you at 5');
  expect(screen.split('\n').filter((row) => row.trimEnd().endsWith(`${b.jid}: helo`))).toEqual([]);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it('subscription across servers: bob asks, natter accepts and asks back, bob approves; each sees the other online', async () => {
  const { a, b, bob, natter } = await aliceOnAlphaBobOnBeta({ cols: 160 });
  await bob.sendRaw(xml('presence', { to: a.jid, type: 'subscribe' }));
  await natter.waitForText(`${b.jid} asks to see your presence`);
  natter.type(`/accept ${b.jid}\r`);
  await natter.waitForText(`${b.jid} may now see your presence (${a.jid})`);
  // alice's presence crosses to beta.test, and so does her request back (/accept asks back).
  await bob.waitForPresence(available(a.jid));
  await bob.waitForPresence((p) => p.attrs.from === a.jid && p.attrs.type === 'subscribe');
  await bob.sendRaw(xml('presence', { to: a.jid, type: 'subscribed' }));
  // bob's approval and his presence cross back: the roster pane shows him online.
  await natter.waitForText(`+ ${b.local}`);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it("joins a room on the other server's MUC service and talks with an occupant there", async () => {
  const { a, bob, natter } = await aliceOnAlphaBobOnBeta();
  const room = `${uniqueLocal('ops')}@${fed.beta.muc}`;
  const nick = a.local;
  await bob.sendRaw(xml('presence', { to: `${room}/bob` }, xml('x', { xmlns: NS_MUC })));
  await bob.waitForPresence((p) => p.attrs.from === `${room}/bob`);
  // XEP-0045 §10.1.2: the new room is locked until its owner accepts the default configuration.
  await bob.request(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: `${NS_MUC}#owner` }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' }))));
  natter.type(`/join ${room}\r`);
  await natter.waitForText(`joined as ${nick}; 2 people here`);
  await bob.waitForPresence((p) => p.attrs.from === `${room}/${nick}`);
  await bob.sendRaw(xml('message', { to: room, type: 'groupchat' }, xml('body', {}, 'hello from beta')));
  await natter.waitForText('bob: hello from beta');
  natter.type('hello from alpha\r');
  await bob.waitForMessage((m) => m.body === 'hello from alpha' && m.from === `${room}/${nick}`);
  await natter.waitForText('✓ me: hello from alpha'); // the room on beta.test passed it back
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it('catches up on what bob wrote from the other server while natter was offline, each message once', async () => {
  const { a, b, bob, natter } = await aliceOnAlphaBobOnBeta();
  natter.type(`/msg ${b.jid}\r`);
  await natter.waitForText(`[2:${b.jid}]`);
  await bob.send(a.jid, 'before the break');
  await natter.waitForText(`${b.jid}: before the break`);
  natter.type('/disconnect\r');
  await natter.waitForText(`${a.jid}: offline |`);
  await bob.send(a.jid, 'while you were away');
  // alpha.test answers the ping over the same s2s stream, after it has stored the message.
  await bob.request(xml('iq', { type: 'get', to: fed.alpha.domain }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
  natter.type('/connect\r');
  await natter.waitForText(`${b.jid}: while you were away`);
  await bob.send(a.jid, 'welcome back');
  await natter.waitForText(`${b.jid}: welcome back`);
  const screen = await natter.screenText();
  expect(screen.split('while you were away').length - 1).toBe(1);
  expect(screen.split('before the break').length - 1).toBe(1);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it('refuses a server whose certificate the test CA did not issue, or issued for another name: nothing arrives and natter says why on the line', async () => {
  const { natter } = await aliceOnAlphaBobOnBeta();
  const [s, m] = await Promise.all([fed.stranger.register(uniqueLocal('sam')), fed.misnamed.register(uniqueLocal('mel'))]);
  // sam is online to show nothing reaches him (mel cannot be: his server's certificate is for beta.test).
  const sam = await connectPeer(fed.stranger, s);
  cleanup.push(() => sam.stop());
  natter.type(`/msg ${s.jid} are you there\r`);
  // Prosody's bounce (remote-server-not-found) carries its reason; natter shows it on the line.
  await natter.waitForText("✗ me: are you there [not delivered: Server-to-server connection failed: Remote server's certificate is not");
  natter.type(`/msg ${m.jid} and you\r`);
  await natter.waitForText("✗ me: and you [not delivered: Server-to-server connection failed: Remote server's certificate is not valid");
  expect(sam.received).toEqual([]);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
