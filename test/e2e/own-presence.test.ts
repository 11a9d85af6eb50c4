import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import xml, { type Element } from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { makeContacts } from '../support/contacts.js';
import { natterAndBob } from '../support/natter-and-bob.js';
import { oneRunLogin } from '../support/one-run-login.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { spawnNatter, tempDirs } from '../support/pty.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { connectPeer, type Peer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const NS_MUC = 'http://jabber.org/protocol/muc';
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** What bob's client reads of one presence from natter: show, status and priority ('' when absent). */
const seen = (stanza: Element): string => [stanza.getChildText('show') ?? '', stanza.getChildText('status') ?? '', stanza.getChildText('priority') ?? ''].join('|');

/** The available presences bob has had from `jid`'s resources so far, as `seen` reads them. */
const presencesFrom = (bob: Peer, jid: string): string[] =>
  bob.presences.filter((s) => String(s.attrs.from ?? '').startsWith(`${jid}/`) && s.attrs.type === undefined).map(seen);

it('a contact sees /status away lunch, /dnd and /priority; bad input is one line and sends nothing; the status line shows the choice', async () => {
  const { a, bob, natter } = await natterAndBob(info, cleanup, { contacts: true, cols: 120 });
  await bob.waitForPresence((s) => String(s.attrs.from).startsWith(`${a.jid}/`) && s.attrs.type === undefined);

  natter.type('/status away lunch\r');
  await bob.waitForPresence((s) => String(s.attrs.from).startsWith(`${a.jid}/`) && seen(s) === 'away|lunch|');
  await natter.waitForText(`${a.jid}: online · away: lunch`);
  natter.type('/dnd\r');
  await bob.waitForPresence((s) => String(s.attrs.from).startsWith(`${a.jid}/`) && seen(s) === 'dnd||');
  await natter.waitForText(`${a.jid}: online · dnd |`);

  // Refused, each with one line: nothing is sent, nothing on the status line changes.
  natter.type('/status busy meeting\r');
  await natter.waitForText('"busy" is not a presence: write online, chat, away, xa or dnd');
  natter.type('/priority 500\r');
  await natter.waitForText('the priority is a whole number from -128 to 127, not "500"; nothing was changed');
  natter.type('/priority 7\r');
  await bob.waitForPresence((s) => String(s.attrs.from).startsWith(`${a.jid}/`) && seen(s) === 'dnd||7');
  await natter.waitForText(`${a.jid}: online · dnd · priority 7`);
  expect(presencesFrom(bob, a.jid)).toEqual(['||', 'away|lunch|', 'dnd||', 'dnd||7']);

  natter.type('/online\r');
  await bob.waitForPresence((s) => String(s.attrs.from).startsWith(`${a.jid}/`) && seen(s) === '||7');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
}, 60_000);

it('the chosen presence is sent again on a new session, and a change made while the link is down is not lost', async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('alice')), registerAccount(info, uniqueLocal('bob'))]);
  makeContacts(info, a, b);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const proxy = await startTcpProxy({ host: info.host, port: info.c2sPort });
  cleanup.push(() => proxy.stop());
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const natter = spawnNatter({ cols: 120, rows: 30, args: login.argsFor(proxy.port) });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a.jid}: online`);
  const fromNatter = (show: string) => (s: Element) => String(s.attrs.from).startsWith(`${a.jid}/`) && seen(s) === show;

  natter.type('/xa gone fishing\r');
  await bob.waitForPresence(fromNatter('xa|gone fishing|'));
  // A fresh session (logged out and in): its initial presence is the chosen one.
  natter.type(`/disconnect ${a.jid}\r`);
  await natter.waitForText(`${a.jid}: offline`);
  const before = presencesFrom(bob, a.jid).length;
  natter.type(`/connect ${a.jid}\r`);
  await natter.waitForText(`${a.jid}: online · xa: gone fishing`);
  await expect.poll(() => presencesFrom(bob, a.jid).slice(before), { timeout: 10_000 }).toEqual(['xa|gone fishing|']);

  // The link cut: a change typed while natter reconnects reaches bob once it is back, resumed or not.
  proxy.cut();
  await natter.waitForText(`${a.jid}: reconnecting`, 15_000);
  natter.type('/chat back\r');
  await natter.waitForText('sent once it is connected');
  await natter.waitForText(`${a.jid}: online`, 15_000);
  await bob.waitForPresence(fromNatter('chat|back|'));
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
}, 60_000);

it('the last presence is restored at start when the config says so, and only then', async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('alice')), registerAccount(info, uniqueLocal('bob'))]);
  makeContacts(info, a, b);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const dirs = tempDirs();
  cleanup.push(() => dirs.remove());
  const configFile = join(dirs.config, 'natter', 'config.json');
  mkdirSync(join(dirs.config, 'natter'), { recursive: true });
  const account = { host: info.host, port: info.c2sPort, caFile: info.caFile, passwordCommand: `cat '${join(login.dir, 'pw')}'` };
  const chosen = `${a.jid}: online · dnd: do not disturb · priority 3`;
  /** One natter run: bob's first presence from it, and whether the status line showed the choice. */
  const run = async (restoreLast: boolean, commands: string[]): Promise<[string, boolean]> => {
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as object;
    writeFileSync(configFile, JSON.stringify({ ...config, presence: { restoreLast } }));
    const before = presencesFrom(bob, a.jid).length;
    const natter = spawnNatter({ cols: 120, rows: 30, env: dirs.env });
    cleanup.push(() => natter.dispose());
    await natter.waitForText(`${a.jid}: online`);
    for (const command of commands) natter.type(`${command}\r`);
    if (commands.length > 0) await natter.waitForText(chosen);
    await expect.poll(() => presencesFrom(bob, a.jid).length, { timeout: 10_000 }).toBeGreaterThan(before);
    const shown = (await natter.screenText()).includes(chosen);
    natter.type('/quit\r');
    expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
    return [presencesFrom(bob, a.jid)[before] ?? '', shown];
  };
  writeFileSync(configFile, JSON.stringify({ accounts: { [a.jid]: account } }));

  // Off by default: the first run starts online; the presence chosen is kept in the config.
  expect(await run(false, ['/priority 3', '/dnd do not disturb'])).toEqual(['||', true]);
  expect((JSON.parse(readFileSync(configFile, 'utf8')) as { accounts: Record<string, { lastPresence?: object }> }).accounts[a.jid]?.lastPresence)
    .toEqual({ show: 'dnd', status: 'do not disturb', priority: 3 });
  // restoreLast on: the next start logs in with it, and shows it before anything is typed.
  expect(await run(true, [])).toEqual(['dnd|do not disturb|3', true]);
  // Off again: plain online, though the last one is still kept.
  expect(await run(false, [])).toEqual(['||', false]);
}, 90_000);

it('/invisible where the server does not offer XEP-0186 (Prosody 0.12): said plainly, nothing sent, nothing changes', async () => {
  const { a, bob, natter } = await natterAndBob(info, cleanup, { contacts: true, cols: 160 });
  const fromNatter = (): string[] => bob.presences.filter((s) => String(s.attrs.from ?? '').startsWith(`${a.jid}/`)).map((s) => String(s.attrs.type ?? seen(s)));
  await bob.waitForPresence((s) => String(s.attrs.from).startsWith(`${a.jid}/`) && s.attrs.type === undefined);

  natter.type('/invisible\r');
  await natter.waitForText('/invisible failed: localhost does not offer invisibility (XEP-0186); nothing was changed: contacts still see your presence');
  expect(await natter.screenText()).not.toContain('invisible ·');
  natter.type('/visible\r');
  await natter.waitForText(`${a.jid} is visible already`);
  // The next presence bob gets is the next one chosen: natter sent no unavailable (nor anything) meanwhile.
  natter.type('/away\r');
  await bob.waitForPresence((s) => String(s.attrs.from).startsWith(`${a.jid}/`) && seen(s) === 'away||');
  expect(fromNatter()).toEqual(['||', 'away||']);
  await natter.waitForText(`${a.jid}: online · away |`);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
}, 60_000);

it('auto-away: idle at the keyboard, a contact sees away then xa with the XEP-0319 idle time, and the chosen presence again on the first key', async () => {
  // Fractions of a minute, so the test waits seconds: the same code path as 10 and 30 minutes.
  const config = () => ({ presence: { awayAfterMinutes: 0.05, xaAfterMinutes: 0.1, awayMessage: 'auto-away' } });
  const { a, bob, natter } = await natterAndBob(info, cleanup, { contacts: true, cols: 120, config });
  const mine = (s: Element): boolean => String(s.attrs.from ?? '').startsWith(`${a.jid}/`) && s.attrs.type === undefined;
  const idleSince = (s: Element): string | undefined => s.getChild('idle', 'urn:xmpp:idle:1')?.attrs.since as string | undefined;

  const away = await bob.waitForPresence((s) => mine(s) && seen(s) === 'away|auto-away|', 20_000);
  await natter.waitForText(`${a.jid}: online · away (idle): auto-away`);
  const xa = await bob.waitForPresence((s) => mine(s) && seen(s) === 'xa|auto-away|', 20_000);
  expect(idleSince(away)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  expect(idleSince(xa)).toBe(idleSince(away));

  natter.type('x');
  await expect.poll(() => bob.presences.slice(bob.presences.indexOf(xa) + 1).filter(mine).map((s) => `${seen(s)}|${idleSince(s) ?? ''}`), { timeout: 10_000 })
    .toEqual(['|||']);
  await natter.waitForText(`${a.jid}: online |`);
  natter.press('backspace');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
}, 60_000);

it('/status --all sets every account; without it, only the current one (the default in the console)', async () => {
  const [a1, a2, b] = await Promise.all(['alice', 'work', 'bob'].map((name) => registerAccount(info, uniqueLocal(name))));
  if (!a1 || !a2 || !b) throw new Error('accounts not registered');
  makeContacts(info, b, a1, a2);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const dirs = tempDirs();
  cleanup.push(() => dirs.remove());
  const logins = [oneRunLogin(info, a1), oneRunLogin(info, a2)];
  for (const login of logins) cleanup.push(login.remove);
  const account = (dir: string) => ({ host: info.host, port: info.c2sPort, caFile: info.caFile, passwordCommand: `cat '${join(dir, 'pw')}'` });
  mkdirSync(join(dirs.config, 'natter'), { recursive: true });
  writeFileSync(join(dirs.config, 'natter', 'config.json'), JSON.stringify({
    accounts: { [a1.jid]: account(logins[0]?.dir ?? ''), [a2.jid]: account(logins[1]?.dir ?? '') }, defaultAccount: a1.jid,
  }));
  const natter = spawnNatter({ cols: 200, rows: 30, env: dirs.env });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a1.jid}: online`);
  await natter.waitForText(`${a2.jid}: online`);
  const from = (jid: string, show: string) => (s: Element) => String(s.attrs.from ?? '').startsWith(`${jid}/`) && seen(s) === show;

  natter.type('/status --all away brb\r');
  await Promise.all([bob.waitForPresence(from(a1.jid, 'away|brb|')), bob.waitForPresence(from(a2.jid, 'away|brb|'))]);
  await natter.waitForText(`${a1.jid}: online · away: brb | ${a2.jid}: online · away: brb`);
  natter.type('/dnd\r');
  await bob.waitForPresence(from(a1.jid, 'dnd||'));
  await natter.waitForText(`${a1.jid}: online · dnd | ${a2.jid}: online · away: brb`);
  expect(presencesFrom(bob, a2.jid).at(-1)).toBe('away|brb|');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
}, 60_000);

it('an occupant of a room sees natter join as away, and each later change (XEP-0045 §7.2.1, §7.7)', async () => {
  const room = `${uniqueLocal('ops')}@conference.localhost`;
  const { a, bob, natter } = await natterAndBob(info, cleanup, { cols: 120 });
  const nick = a.jid.slice(0, a.jid.indexOf('@'));
  // bob opens the room (an instant room, XEP-0045 §10.1.2) and stays in it; he is not alice's contact.
  await bob.sendRaw(xml('presence', { to: `${room}/bob` }, xml('x', { xmlns: NS_MUC })));
  await bob.request(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: `${NS_MUC}#owner` }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' }))));
  // Away before the join: the join presence says so (§7.2.1 carries show and status).
  natter.type('/status away lunch\r');
  await natter.waitForText(`${a.jid}: online · away: lunch`);
  natter.type(`/join ${room}\r`);
  await natter.waitForText(`joined as ${nick}; 2 people here`);
  const fromAliceInRoom = (s: Element): boolean => s.attrs.from === `${room}/${nick}` && s.attrs.type === undefined;
  await bob.waitForPresence((s) => fromAliceInRoom(s) && seen(s) === 'away|lunch|');
  // A change while in the room reaches it too (§7.7).
  natter.type('/dnd\r');
  await bob.waitForPresence((s) => fromAliceInRoom(s) && seen(s) === 'dnd||');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
}, 60_000);
