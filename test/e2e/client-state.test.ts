import xml from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';
import { oneRunLogin } from '../support/one-run-login.js';
import { registerAccount, startProsody, uniqueLocal, type ProsodyServer } from '../support/prosody.js';
import { spawnNatter, type PtySession } from '../support/pty.js';
import { startTcpProxy } from '../support/tcp-proxy.js';

// A private Prosody logging at debug level: its log says when it received natter's <inactive/>
// and when it held a stanza back for natter (mod_csi_simple), so the test knows, rather than
// waits, that a presence not on the screen was held by the server.
let server: ProsodyServer;
beforeAll(async () => {
  server = await startProsody({ logLevel: 'debug' });
});
afterAll(async () => server?.stop());
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** How Prosody's debug log shows natter's <inactive/> and <active/> arriving (in either order of attributes). */
const INACTIVE = /Received\[c2s\]: <inactive [^>]*xmlns='urn:xmpp:csi:0'/g;
const ACTIVE = /Received\[c2s\]: <active [^>]*xmlns='urn:xmpp:csi:0'/g;
const HELD_PRESENCE = /Holding buffer \(presence update/g;
const FOCUS_OUT = '\u001b[O';
const FOCUS_IN = '\u001b[I';
const count = (text: string, part: RegExp): number => text.match(part)?.length ?? 0;
/** Waits until the server's log holds `part` `times` times (at least). */
const serverLogged = (part: RegExp, times = 1) => expect.poll(() => count(server.log(), part), { timeout: 10_000 }).toBeGreaterThanOrEqual(times);
const commandLine = async (natter: PtySession): Promise<string> => (await natter.screen()).findLast((row) => row.startsWith('>'))?.trimEnd() ?? '';

it('says inactive when the terminal loses focus: the server holds back presence, not messages, until focus is back', async () => {
  const { a, b, bob, natter } = await natterAndBob(server, cleanup, { contacts: true });
  await natter.waitForText(`+ ${b.local}`);
  expect(natter.output()).toContain('\u001b[?1004h');

  natter.write(FOCUS_OUT);
  await serverLogged(INACTIVE);
  await natter.waitForText(`${a.jid}: online · inactive`); // the status line says so, discreetly
  const held = count(server.log(), HELD_PRESENCE);
  await bob.sendRaw(xml('presence', {}, xml('show', {}, 'away'), xml('status', {}, 'lunch')));
  await serverLogged(HELD_PRESENCE, held + 1);
  expect(await natter.screenText()).toContain(`+ ${b.local}`); // still shown online: the change waits at the server
  expect(await natter.screenText()).not.toContain(`- ${b.local}`);

  natter.write(FOCUS_IN);
  await natter.waitForText(`- ${b.local}`);
  expect(count(server.log(), ACTIVE)).toBe(1);
  await expect.poll(async () => (await natter.screenText()).includes('· inactive'), { timeout: 5_000 }).toBe(false);

  // Inactive again: a message with a body is important, and arrives at once.
  natter.write(FOCUS_OUT);
  await serverLogged(INACTIVE, 2);
  await bob.send(a.jid, 'are you there?');
  await natter.waitForText(`[2:${b.jid} (1)]`); // its tab, unread

  // No report ever reached the command line, also one split in two writes; keys still type.
  natter.write('\u001b[');
  natter.write('I');
  natter.type('typed');
  await expect.poll(() => commandLine(natter), { timeout: 5_000 }).toBe('> typed');
  for (const _ of 'typed') natter.press('backspace');
  await expect.poll(() => commandLine(natter), { timeout: 5_000 }).toBe('>');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
  const output = natter.output();
  expect(output.lastIndexOf('\u001b[?1004l')).toBeGreaterThan(output.lastIndexOf('\u001b[?1004h'));
});

it('with ui.focusReporting off asks the terminal for no reports and tells the server nothing', async () => {
  const { b, bob, natter } = await natterAndBob(server, cleanup, { contacts: true, config: () => ({ ui: { focusReporting: false } }) });
  await natter.waitForText(`+ ${b.local}`);
  const inactiveBefore = count(server.log(), INACTIVE);
  natter.write(FOCUS_OUT);
  await bob.sendRaw(xml('presence', {}, xml('show', {}, 'away')));
  await natter.waitForText(`- ${b.local}`);
  expect(count(server.log(), INACTIVE)).toBe(inactiveBefore);
  expect(await commandLine(natter)).toBe('>');
  expect(natter.output()).not.toContain('\u001b[?1004h');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it('says inactive again on the stream resumed after a dropped link (XEP-0352: the state is not kept)', async () => {
  const a = await registerAccount(server, uniqueLocal('alice'));
  const proxy = await startTcpProxy({ host: server.host, port: server.c2sPort });
  cleanup.push(() => proxy.stop());
  const login = oneRunLogin(server, a);
  cleanup.push(login.remove);
  const natter = spawnNatter({ args: login.argsFor(proxy.port) });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a.jid}: online`);
  const before = count(server.log(), INACTIVE);
  natter.write(FOCUS_OUT);
  await serverLogged(INACTIVE, before + 1);
  proxy.cut();
  await natter.waitForText(`${a.jid}: online again (stream resumed)`, 20_000);
  await serverLogged(INACTIVE, before + 2);
  await natter.waitForText(new RegExp(`${a.jid}: online[^|]* · inactive`));
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it('turns focus reporting off when natter is ended by SIGTERM', async () => {
  const { natter } = await natterAndBob(server, cleanup);
  expect(natter.output()).toContain('\u001b[?1004h');
  natter.kill('SIGTERM');
  await natter.waitForExit();
  const output = natter.output();
  expect(output.lastIndexOf('\u001b[?1004l')).toBeGreaterThan(output.lastIndexOf('\u001b[?1004h'));
  expect(natter.bufferType()).toBe('normal');
});
