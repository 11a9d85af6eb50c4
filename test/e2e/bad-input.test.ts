import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function aliceWithBob() {
  const { a, b, bob, natter } = await natterAndBob(info, cleanup);
  natter.type(`/msg ${b.jid} hi`);
  natter.press('enter');
  await bob.waitForMessage((m) => m.body === 'hi');
  return { a, b, bob, natter };
}

it('a flood of 2,000 messages from one JID: the input line keeps working while it lasts, the last is shown, the first is in the history', async () => {
  const { a, b, bob, natter } = await aliceWithBob();
  const flood = Promise.all(Array.from({ length: 2000 }, (_, i) => bob.send(a.jid, `flood ${String(i + 1).padStart(4, '0')}`)));
  natter.type('typed during the flood');
  await natter.waitForText('> typed during the flood');
  natter.press('enter');
  await flood;
  await bob.waitForMessage((m) => m.body === 'typed during the flood', 30_000);
  await natter.waitForText('flood 2000', 30_000);
  const screen = await natter.screen();
  expect(screen).toHaveLength(30);
  // The first of them is in the history too.
  natter.type('/search 0001');
  natter.press('enter');
  await natter.waitForText('1 message with "0001"');
  await natter.waitForText(`${b.jid} < flood [0001]`);
  natter.type('/quit');
  natter.press('enter');
  expect((await natter.waitForExit()).exitCode).toBe(0);
});

it('stanzas no client should send (empty bodies, unknown namespaces, bogus types and stamps, junk IQs) are shrugged off', async () => {
  const { a, b, bob, natter } = await aliceWithBob();
  const raw = [
    xml('message', { to: a.jid, type: 'chat' }, xml('body', {})),
    xml('message', { to: a.jid, type: 'chat' }, xml('x', { xmlns: 'urn:example:unknown' }, xml('deep', {}, 'x'.repeat(10_000)))),
    xml('message', { to: a.jid, type: 'bogus' }, xml('body', {}, 'of a bogus type')),
    xml('message', { to: a.jid, type: 'chat' }, xml('body', {}, 'stamped nonsense'), xml('delay', { xmlns: 'urn:xmpp:delay', stamp: 'yesterday-ish' })),
    xml('message', { to: a.jid, type: 'error' }, xml('error', { type: 'cancel' })),
    xml('message', { to: a.jid, type: 'chat' }, xml('received', { xmlns: 'urn:xmpp:carbons:2' }, xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }))),
    xml('iq', { to: `${a.jid}/nope`, type: 'get', id: 'junk1' }, xml('query', { xmlns: 'urn:example:nothing' })),
    xml('presence', { to: a.jid, type: 'no-such-type' }, xml('status', {}, '\u009b2J junk')),
  ];
  for (const stanza of raw) await bob.sendRaw(stanza);
  await bob.send(a.jid, 'still there?');
  await natter.waitForText(`${b.jid}: still there?`);
  natter.type('yes');
  natter.press('enter');
  await bob.waitForMessage((m) => m.body === 'yes');
  const screen = await natter.screenText();
  expect(screen).toContain('stamped nonsense');
  expect(screen).not.toContain('2J');
  expect(screen).toContain(`${a.jid}`); // still on the status line, still online
  natter.type('/quit');
  natter.press('enter');
  expect((await natter.waitForExit()).exitCode).toBe(0);
});
