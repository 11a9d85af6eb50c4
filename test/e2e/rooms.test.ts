import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';
import { NATTER_BIN, spawnNatter } from '../support/pty.js';
import { uniqueLocal } from '../support/prosody.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

const NS_MUC = 'http://jabber.org/protocol/muc';

it('rooms: /jo+Tab joins, the room talks, a message naming you highlights the tab and runs the hook, private messages, /leave, history after a restart', async () => {
  const room = `${uniqueLocal('ops')}@conference.localhost`;
  const { a, bob, natter, dirs, login } = await natterAndBob(info, cleanup, {
    cols: 140,
    rows: 32,
    config: ({ loginDir }) => ({ hooks: { highlight: ['/bin/sh', '-c', `printf '%s|%s|%s\\n' "$NATTER_ROOM" "$NATTER_NICK" "$NATTER_BODY" >> '${join(loginDir, 'seen')}'`] } }),
  });
  const nick = a.jid.slice(0, a.jid.indexOf('@'));
  // bob opens the room (an instant room, XEP-0045 §10.1.2) and stays in it.
  await bob.sendRaw(xml('presence', { to: `${room}/bob` }, xml('x', { xmlns: NS_MUC })));
  await bob.request(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: `${NS_MUC}#owner` }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' }))));

  const events = spawn(process.execPath, [NATTER_BIN, 'ctl', '--events'], { env: { ...process.env, ...dirs.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanup.push(() => events.kill('SIGINT'));
  let streamed = '';
  events.stdout.on('data', (d: Buffer) => (streamed += d.toString()));
  await new Promise<void>((resolve) => events.stderr.on('data', (d: Buffer) => d.toString().includes('streaming events') && resolve()));

  natter.type('/jo');
  await natter.waitForText('> /jo');
  natter.press('tab');
  await natter.waitForText('> /join ');
  natter.type(`${room}\r`);
  await natter.waitForText(`2:${room}`);
  await natter.waitForText(`joined as ${nick}; 2 people here`);
  await natter.waitForText('2 in the room'); // the side pane lists the occupants
  await bob.waitForPresence((p) => p.attrs.from === `${room}/${nick}`);

  await bob.sendRaw(xml('message', { to: room, type: 'groupchat' }, xml('body', {}, 'hello room')));
  await natter.waitForText('bob: hello room');
  // The subject is a stranger's text too: shown inert, on the line and the status line.
  await bob.sendRaw(xml('message', { to: room, type: 'groupchat' }, xml('subject', {}, 'Release\u009b31m day\u202e today')));
  await natter.waitForText('bob set the subject: Release day today');
  await natter.waitForText(`${room} | Release day today`);
  natter.type('hi all\r');
  await bob.waitForMessage((m) => m.body === 'hi all' && m.from === `${room}/${nick}`);
  await natter.waitForText('✓ me: hi all'); // the room passed it back: taken

  // Nick completion in a message: "bo" + Tab at the start of the line → "bob: ".
  natter.type('bo');
  natter.press('tab');
  await natter.waitForText('> bob: ');
  natter.type('\u0015');

  // Away from the room tab, a message naming alice marks the tab and runs the highlight hook.
  natter.press('alt-1');
  await bob.sendRaw(xml('message', { to: room, type: 'groupchat' }, xml('body', {}, `${nick}: deploy? $(touch pwned)`)));
  await natter.waitForText(`2:${room} (1)!`);
  const seen = join(login.dir, 'seen');
  await expect.poll(() => (existsSync(seen) ? readFileSync(seen, 'utf8') : ''), { timeout: 10_000 }).toBe(`${room}|bob|${nick}: deploy? $(touch pwned)\n`);
  expect(existsSync(join(dirs.home, 'pwned')) || existsSync(join(login.dir, 'pwned'))).toBe(false);
  await expect.poll(() => streamed, { timeout: 10_000 }).toContain('"event":"highlight"');
  const highlight = streamed.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>).find((e) => e.event === 'highlight');
  expect(highlight).toMatchObject({ account: a.jid, room, nick: 'bob', body: `${nick}: deploy? $(touch pwned)` });

  // A private message through the room (§7.5) opens its own tab; /msg NICK answers it.
  await bob.sendRaw(xml('message', { to: `${room}/${nick}`, type: 'chat' }, xml('body', {}, 'psst, a secret'), xml('x', { xmlns: `${NS_MUC}#user` })));
  await natter.waitForText(`3:bob (${room}) (1)`);
  natter.press('alt-2');
  await natter.waitForText(`${nick}: deploy?`);
  natter.type('/msg bob the answer\r');
  const reply = await bob.waitForMessage((m) => m.body === 'the answer');
  expect(reply.from).toBe(`${room}/${nick}`);
  expect(reply.stanza.attrs.type).toBe('chat');
  await natter.waitForText('psst, a secret');
  // Shown once, under the nick (it was shown twice, the second time as "room/bob").
  const privateTab = await natter.screenText();
  expect(privateTab.split('psst, a secret')).toHaveLength(2);
  expect(privateTab).toContain('bob: psst, a secret');
  expect(privateTab).not.toContain(`${room}/bob: psst`);

  natter.press('alt-2');
  // A new session (not a resumed one) is out of every room: natter joins them again.
  natter.type('/disconnect\r');
  await natter.waitForText('offline: not in the room until the account is back');
  await natter.waitForText('│Not joined');
  natter.type('/connect\r');
  await natter.waitForText(new RegExp(`back[\\s\\S]*joined as ${nick}; 2 people here`));
  await natter.waitForText('2 in the room');
  natter.type('/leave\r');
  await bob.waitForPresence((p) => p.attrs.from === `${room}/${nick}` && p.attrs.type === 'unavailable');
  await natter.waitForText(`you left ${room}`);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });

  // The room's history survives a restart: joining again shows it once, not again from the room.
  const again = spawnNatter({ cols: 140, rows: 32, args: login.args, env: dirs.env });
  cleanup.push(() => again.dispose());
  await again.waitForText(`${a.jid}: online`);
  again.type(`/join ${room}\r`);
  await again.waitForText(`joined as ${nick}`);
  const screen = await again.screenText();
  expect(screen.split('bob: hello room').length - 1).toBe(1);
  expect(screen).toContain('me: hi all');
  again.type('/quit\r');
  expect(await again.waitForExit()).toEqual({ exitCode: 0 });
});
