import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import xml, { type Element } from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';
import { uniqueLocal } from '../support/prosody.js';
import { spawnNatter } from '../support/pty.js';
import { connectPeer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

const NS_DELAY = 'urn:xmpp:delay';

it('a sender\'s <delay/> on a live message neither reorders the chat nor pins the archive cursor (XEP-0203)', async () => {
  const { a, b, bob, login, dirs, natter } = await natterAndBob(info, cleanup, { cols: 120, rows: 30 });
  natter.type(`/msg ${b.jid} hello\r`);
  const hello = await bob.waitForMessage((m) => m.body === 'hello');
  const alice = String(hello.stanza.attrs.from);
  const stamped = (body: string, stamp: string): Element =>
    xml('message', { to: alice, type: 'chat', id: `d-${body}` }, xml('body', {}, body), xml('delay', { xmlns: NS_DELAY, stamp }));
  await bob.sendRaw(stamped('from the future', '2999-01-01T00:00:00Z'));
  await bob.sendRaw(stamped('from the past', '1999-01-01T00:00:00Z'));
  await bob.send(alice, 'the newest');
  await natter.waitForText(`${b.jid}: the newest`);
  // Read back from the history: in the order they arrived.
  natter.type('/close\r');
  await expect.poll(async () => (await natter.screenText()).includes(`2:${b.jid}`)).toBe(false);
  natter.type(`/msg ${b.jid}\r`);
  await natter.waitForText(`${b.jid}: the newest`);
  const screen = await natter.screenText();
  const order = ['me: hello', 'from the future', 'from the past', 'the newest'].map((text) => screen.indexOf(text));
  expect(order.every((at) => at >= 0)).toBe(true);
  expect(order).toEqual([...order].sort((x, y) => x - y));
  natter.type('/quit\r');
  expect((await natter.waitForExit()).exitCode).toBe(0);

  // The archive cursor is the newest message that arrived, not the one dated 2999.
  const db = new DatabaseSync(join(dirs.data, 'natter', 'history.sqlite'), { readOnly: true });
  try {
    const cursor = db.prepare('SELECT last_id AS id FROM archive_cursor WHERE account = ?').get(a.jid) as { id: string } | undefined;
    const newest = db.prepare("SELECT stanza_id AS id FROM messages WHERE body = 'the newest'").get() as { id: string | null } | undefined;
    expect(newest?.id).toMatch(/.+/); // the archive gave it a stanza-id
    expect(cursor?.id).toBe(newest?.id);
  } finally {
    db.close();
  }

  // What comes while natter is away (to alice's phone) is caught up at the next start, from there.
  const phone = await connectPeer(info, a, 'phone');
  cleanup.push(() => phone.stop());
  for (const i of [1, 2, 3]) await bob.send(a.jid, `while away ${i}`);
  await phone.waitForMessage((m) => m.body === 'while away 3');
  await phone.stop();
  const again = spawnNatter({ cols: 120, rows: 30, args: login.args, env: dirs.env });
  cleanup.push(() => again.dispose());
  await again.waitForText(`${a.jid}: online`);
  await again.waitForText(/\d+ messages? from the server archive/);
  expect(await again.screenText()).toContain('3 messages from the server archive');
  again.type(`/msg ${b.jid}\r`);
  await again.waitForText(`${b.jid}: while away 3`);
  const caughtUp = await again.screenText();
  expect(caughtUp.indexOf('the newest')).toBeLessThan(caughtUp.indexOf('while away 1'));
  again.type('/quit\r');
  expect((await again.waitForExit()).exitCode).toBe(0);
});

it('a <delay/> from our server dates only what it kept offline and hands over at login; on a live message it is a claim', async () => {
  const { a, b, bob, login, dirs, natter } = await natterAndBob(info, cleanup, { cols: 120, rows: 30 });
  natter.type('/quit\r');
  expect((await natter.waitForExit()).exitCode).toBe(0);
  // No client of alice's is online: the server keeps it and dates it (XEP-0160).
  const keptAt = Date.now();
  await bob.send(a.jid, 'kept offline');
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const again = spawnNatter({ cols: 120, rows: 30, args: login.args, env: dirs.env });
  cleanup.push(() => again.dispose());
  await again.waitForText(`${a.jid}: online`);
  await again.waitForText(/messages? from the server archive/);
  // Once the server has handed that over, a <delay/> "from" it is only what the sender wrote.
  await bob.sendRaw(xml('message', { to: a.jid, type: 'chat' }, xml('body', {}, 'claims to be the server'),
    xml('delay', { xmlns: NS_DELAY, from: a.domain, stamp: '1999-01-01T00:00:00Z' })));
  again.type(`/msg ${b.jid}\r`);
  await again.waitForText(`${b.jid}: claims to be the server`);
  const screen = await again.screenText();
  expect(screen.indexOf('kept offline')).toBeLessThan(screen.indexOf('claims to be the server'));
  again.type('/quit\r');
  expect((await again.waitForExit()).exitCode).toBe(0);
  const db = new DatabaseSync(join(dirs.data, 'natter', 'history.sqlite'), { readOnly: true });
  try {
    const row = (body: string) => db.prepare('SELECT at, received_at AS receivedAt FROM messages WHERE body = ?').get(body) as { at: number; receivedAt: number };
    const kept = row('kept offline');
    expect(Math.abs(kept.at - keptAt)).toBeLessThan(1500); // the server's date (whole seconds), not the login's
    expect(kept.receivedAt - kept.at).toBeGreaterThan(1500);
    const claimed = row('claims to be the server');
    expect(Math.abs(claimed.receivedAt - claimed.at)).toBeLessThan(1000);
  } finally {
    db.close();
  }
});

it('in a room, only the room\'s own <delay/> dates a message: an occupant\'s date in 2999 does not hide what comes later from the next join', async () => {
  const NS_MUC = 'http://jabber.org/protocol/muc';
  const room = `${uniqueLocal('ops')}@conference.localhost`;
  const { a, bob, login, dirs, natter } = await natterAndBob(info, cleanup, { cols: 120, rows: 30 });
  const nick = a.jid.slice(0, a.jid.indexOf('@'));
  await bob.sendRaw(xml('presence', { to: `${room}/bob` }, xml('x', { xmlns: NS_MUC })));
  await bob.request(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: `${NS_MUC}#owner` }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' }))));
  natter.type(`/join ${room}\r`);
  await natter.waitForText(`joined as ${nick}`);
  await bob.sendRaw(xml('message', { to: room, type: 'groupchat' }, xml('body', {}, 'from the future'), xml('delay', { xmlns: NS_DELAY, stamp: '2999-01-01T00:00:00Z' })));
  await natter.waitForText('bob: from the future');
  natter.type('/quit\r');
  expect((await natter.waitForExit()).exitCode).toBe(0);
  await bob.waitForPresence((p) => p.attrs.from === `${room}/${nick}` && p.attrs.type === 'unavailable');
  await bob.sendRaw(xml('message', { to: room, type: 'groupchat' }, xml('body', {}, 'said while you were away')));

  // Joining again asks the room for its history since the newest message kept: it is all there.
  const again = spawnNatter({ cols: 120, rows: 30, args: login.args, env: dirs.env });
  cleanup.push(() => again.dispose());
  await again.waitForText(`${a.jid}: online`);
  again.type(`/join ${room}\r`);
  await again.waitForText(`joined as ${nick}`);
  await again.waitForText('bob: said while you were away');
  const screen = await again.screenText();
  expect(screen.split('bob: from the future').length - 1).toBe(1);
  expect(screen.indexOf('bob: from the future')).toBeLessThan(screen.indexOf('bob: said while you were away'));
  again.type('/quit\r');
  expect((await again.waitForExit()).exitCode).toBe(0);
});
