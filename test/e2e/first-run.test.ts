import { afterEach, expect, inject, it } from 'vitest';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { spawnNatter, type PtySession } from '../support/pty.js';

const info = inject('prosody');
const sessions: PtySession[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.dispose()));

it('first run: /help or a non-JID at "Your JID:" is refused at once, saying what to type; the password prompt starts empty', async () => {
  const a = await registerAccount(info, uniqueLocal('firstask'));
  const natter = spawnNatter({ cols: 170, rows: 40 });
  sessions.push(natter);
  await natter.waitForText('Welcome to natter. No account is set up yet.');
  const promptRow = async (): Promise<string> => (await natter.screen()).at(-1) ?? '';

  // What a new user tries first: refused before any other question, and asked again.
  natter.type('/help\r');
  await natter.waitForText('natter is asking for your JID, not a command: Type your JID as name@server');
  expect(await promptRow()).toMatch(/^Your JID: /);
  expect(await natter.screenText()).not.toContain('Server address');
  natter.type('alice\r');
  await natter.waitForText('"alice" is not a JID. Type your JID as name@server (e.g. alice@example.org)');
  expect(await promptRow()).toMatch(/^Your JID: /);

  natter.type(`${a.jid}\r`);
  await natter.waitForText('Server address, HOST or HOST:PORT');
  natter.type(`${info.host}:${info.c2sPort}\r`);
  await natter.waitForText('Trust this certificate? (always/once/refuse)');
  natter.type('once\r');
  await natter.waitForText(`Password for ${a.jid}:`);
  // Nothing typed yet: no `*` (the cursor is a blank cell); one per character once typed.
  expect((await promptRow()).trimEnd()).toBe(`Password for ${a.jid}:`);
  natter.type('abc');
  await natter.waitForText(`Password for ${a.jid}: ***`);
  expect((await promptRow()).trimEnd()).toBe(`Password for ${a.jid}: ***`);
  natter.press('ctrl-u');
  natter.press('escape');
  await natter.waitForText('no password was entered');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
