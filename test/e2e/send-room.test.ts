import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xml from '@xmpp/xml';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { registerAccount, uniqueLocal, type ProsodyAccount } from '../support/prosody.js';
import { runNatter, tempDirs } from '../support/pty.js';
import { connectPeer, type Peer } from '../support/xmpp-peer.js';

const info = inject('prosody');
let a: ProsodyAccount;
let bob: Peer;
let dir: string;
let room: string;
const dirs = tempDirs();

beforeAll(async () => {
  const [alice, b] = await Promise.all([registerAccount(info, uniqueLocal('room-a')), registerAccount(info, uniqueLocal('room-b'))]);
  a = alice;
  bob = await connectPeer(info, b);
  dir = mkdtempSync(join(tmpdir(), 'natter-room-'));
  writeFileSync(join(dir, 'pw'), `${a.password}\n`, { mode: 0o600 });
  // bob makes the room (XEP-0045 §10.1.2, an instant room) and stays in it, under alice's
  // usual nickname, so natter has to take another one.
  room = `${uniqueLocal('ops')}@conference.localhost`;
  await bob.sendRaw(xml('presence', { to: `${room}/${a.local}` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' })));
  await bob.request(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: 'http://jabber.org/protocol/muc#owner' }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' }))));
});
afterAll(async () => {
  await bob.stop();
  rmSync(dir, { recursive: true, force: true });
  dirs.remove();
});

const login = () => ['--jid', a.jid, '--host', info.host, '--port', String(info.c2sPort), '--ca-file', info.caFile, '--password-command', `cat '${join(dir, 'pw')}'`];
const send = (args: string[], input = '') => runNatter(['send', ...login(), ...args], { env: dirs.env, input });
const inRoom = (body: string) => bob.waitForMessage((m) => m.body === body && m.stanza.attrs.type === 'groupchat');

it('natter send --room joins, says it, and exits 0 once the room passed it on', async () => {
  const result = await send(['--json', '--room', room, 'deploy', 'done']);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ to: room, ok: true, code: 0 });
  const said = await inRoom('deploy done');
  // The nickname alice would use was taken by bob: natter took another one, not bob's.
  expect(said.from).toMatch(new RegExp(`^${room}/${a.local}-[0-9a-f]{4}$`));
  // Kept as the screen keeps a room message of ours (through the same outbox): groupchat, sent, under our nick there.
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(join(dirs.data, 'natter', 'history.sqlite'), { readOnly: true });
  const row = db.prepare("SELECT kind, delivery, sender, direction FROM messages WHERE peer = ? AND body = 'deploy done'").get(room);
  db.close();
  expect(row).toEqual({ kind: 'groupchat', delivery: 'sent', sender: said.from.slice(room.length + 1), direction: 'out' });
});

it('natter send --room --follow says each stdin line; stdin works without --follow too', async () => {
  expect((await send(['--room', room, '--follow'], 'first line\nsecond line\n')).code).toBe(0);
  await inRoom('first line');
  await inRoom('second line');
  expect((await send(['--room', room], 'from a pipe\n')).code).toBe(0);
  await inRoom('from a pipe');
});

it('a room that does not exist is refused (exit 1) and not created; a bad room JID is a usage error (exit 2)', async () => {
  const nowhere = `${uniqueLocal('nowhere')}@conference.localhost`;
  const missing = await send(['--room', nowhere, 'hello?']);
  expect(missing.code).toBe(1);
  expect(missing.stderr.trim()).toBe(`natter: there is no room ${nowhere}`);
  await expect(bob.request(xml('iq', { type: 'get', to: nowhere }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })))).rejects.toThrow(/item-not-found/);

  const usage = await send(['--room', 'not a room', 'hi']);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('--room not a room is not a room JID');
});
