import { spawn } from 'node:child_process';
import xml, { type Element } from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';
import { oneRunLogin } from '../support/one-run-login.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { NATTER_BIN, runNatter, spawnNatter, tempDirs } from '../support/pty.js';
import { connectPeer, type Peer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const NS_BLOCKING = 'urn:xmpp:blocking';

/** The block list the server holds for `client`'s account, read by that client (XEP-0191 §3.2). */
async function serverBlockList(client: Peer): Promise<string[]> {
  const list = await client.iqGet(client.jid, xml('blocklist', { xmlns: NS_BLOCKING }));
  return (list?.getChildren('item') ?? []).map((item) => String(item.attrs.jid)).sort();
}

/** An IQ set to the account's own server, as another client of the account would send it. */
const blockingSet = (payload: Element): Element => xml('iq', { type: 'set', id: `b-${Date.now()}-${Math.random()}` }, payload);

it("/block: bob's messages never appear nor are kept; /blocked matches what the server holds; /unblock lets him through again", async () => {
  const { a, b, bob, natter, dirs } = await natterAndBob(info, cleanup, { contacts: true, cols: 240 });
  const phone = await connectPeer(info, a, 'phone');
  cleanup.push(() => phone.stop());
  // Commands are typed in the console (results are shown there); bob's chat is tab 2.
  await bob.send(a.jid, 'before the block');
  await natter.waitForText(`[2:${b.jid}`);
  natter.type('/win 2\r');
  await natter.waitForText(`${b.jid}: before the block`);

  natter.type('/win 1\r');
  natter.type(`/block ${b.jid}\r`);
  await natter.waitForText(`blocked ${b.jid} on ${a.jid}: nothing they send is shown or kept`);
  expect(await serverBlockList(phone)).toEqual([b.jid]);
  // Sent through the server while blocked: it bounces to bob, so it was handled before the unblock below.
  await bob.send(a.jid, 'sent while blocked');
  await bob.waitForStanza((s) => s.attrs.type === 'error' && String(s.attrs.from).startsWith(a.jid));

  // Writing to him: the server refuses, and the message says it was not delivered.
  natter.type(`/msg ${b.jid} are you there?\r`);
  await natter.waitForText('not delivered: You have blocked this JID');
  expect(bob.received.map((m) => m.body)).not.toContain('are you there?');
  natter.type('/win 1\r');
  natter.type('/blocked\r');
  await natter.waitForText(`1 blocked on ${a.jid}:`);
  // The JID on a line of its own, below the count (only the roster pane's border before it).
  await natter.waitForText(new RegExp(`[┘│] +${b.jid.replace(/\./g, '\\.')}\\s*$`, 'm'));

  natter.type(`/unblock ${b.jid}\r`);
  await natter.waitForText(`unblocked ${b.jid} on ${a.jid}`);
  expect(await serverBlockList(phone)).toEqual([]);
  await bob.send(a.jid, 'after the unblock');
  natter.type('/win 2\r');
  await natter.waitForText(`${b.jid}: after the unblock`);
  expect(natter.output()).not.toContain('sent while blocked');

  natter.type('/quit\r');
  expect((await natter.waitForExit()).exitCode).toBe(0);
  const kept = await runNatter(['search', 'sent', '--with', b.jid], { env: dirs.env });
  expect(kept.stdout).not.toContain('while blocked');
  const unblocked = await runNatter(['search', 'unblock', '--with', b.jid], { env: dirs.env });
  expect(unblocked.stdout).toContain('after the');
});

it("a block or unblock made on another of the account's clients shows in natter live, and /blocked follows it", async () => {
  const { a, b, natter } = await natterAndBob(info, cleanup, { cols: 240 });
  const phone = await connectPeer(info, a, 'phone');
  cleanup.push(() => phone.stop());
  // natter asks for the list before its initial presence; once the phone sees that presence, natter will hear pushes.
  await phone.waitForPresence((p) => String(p.attrs.from ?? '').startsWith(`${a.jid}/`) && !String(p.attrs.from).endsWith('/phone'));

  await phone.request(blockingSet(xml('block', { xmlns: NS_BLOCKING }, xml('item', { jid: b.jid }), xml('item', { jid: 'spam.example' }))));
  await natter.waitForText(`${b.jid}, spam.example were blocked on another of your devices`);
  natter.type('/blocked\r');
  await natter.waitForText(`2 blocked on ${a.jid}:`);

  await phone.request(blockingSet(xml('unblock', { xmlns: NS_BLOCKING })));
  await natter.waitForText('everyone was unblocked on another of your devices (2)');
  natter.type('/blocked\r');
  await natter.waitForText(`nobody is blocked on ${a.jid}`);
});

it('a message archived before the block is not shown, kept or counted when natter catches up from the archive', async () => {
  const [a, b, c] = await Promise.all([registerAccount(info, uniqueLocal('alice')), registerAccount(info, uniqueLocal('bob')), registerAccount(info, uniqueLocal('carol'))]);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const carol = await connectPeer(info, c);
  cleanup.push(() => carol.stop());
  // While alice is offline: both messages go to her archive (and offline storage).
  await bob.send(a.jid, 'archived before the block');
  await carol.send(a.jid, 'archived from carol');
  // Her phone comes online (taking the offline copies), blocks bob, and goes away.
  const phone = await connectPeer(info, a, 'phone');
  await phone.waitForMessage((m) => m.body === 'archived from carol');
  await phone.request(blockingSet(xml('block', { xmlns: NS_BLOCKING }, xml('item', { jid: b.jid }))));
  await phone.stop();

  // A new device: it catches up the newest page of the archive, bob's message included.
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const dirs = tempDirs();
  const natter = spawnNatter({ cols: 200, rows: 30, args: login.args, env: dirs.env });
  cleanup.push(() => natter.dispose(), dirs.remove);
  await natter.waitForText('1 message from the server archive');
  natter.type('/blocked\r');
  await natter.waitForText(`1 blocked on ${a.jid}:`);
  natter.type(`/msg ${c.jid}\r`);
  await natter.waitForText(`${c.jid}: archived from carol`);
  // bob's chat, opened by hand: empty.
  natter.type(`/msg ${b.jid}\r`);
  await natter.waitForText(`online | ${b.jid}`);
  expect(natter.output()).not.toContain('archived before the block');

  natter.type('/quit\r');
  expect((await natter.waitForExit()).exitCode).toBe(0);
  const kept = await runNatter(['search', 'archived'], { env: dirs.env });
  expect(kept.stdout).toContain('from carol');
  expect(kept.stdout).not.toContain('before the block');
});

it('a message kept offline before the block is dropped when the server hands it over at login (natter reads the list first)', async () => {
  const [a, b, c] = await Promise.all([registerAccount(info, uniqueLocal('alice')), registerAccount(info, uniqueLocal('bob')), registerAccount(info, uniqueLocal('carol'))]);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const carol = await connectPeer(info, c);
  cleanup.push(() => carol.stop());
  // alice is offline: the server keeps them for her next login (XEP-0160), and archives them.
  await bob.send(a.jid, 'kept offline before the block');
  await carol.send(a.jid, 'kept offline from carol');
  // A client of hers without presence (the server hands it nothing) blocks bob meanwhile.
  const tool = await connectPeer(info, a, 'tool', { presence: false });
  cleanup.push(() => tool.stop());
  await tool.request(blockingSet(xml('block', { xmlns: NS_BLOCKING }, xml('item', { jid: b.jid }))));
  await bob.send(a.jid, 'sent after the block');
  await bob.waitForStanza((s) => s.attrs.type === 'error' && String(s.attrs.from).startsWith(a.jid));

  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const dirs = tempDirs();
  const natter = spawnNatter({ cols: 200, rows: 30, args: login.args, env: dirs.env });
  cleanup.push(() => natter.dispose(), dirs.remove);
  // The offline copies come at the initial presence, before the archive's answer (its count: carol's only).
  await natter.waitForText('1 message from the server archive');
  natter.type('/blocked\r');
  await natter.waitForText(`1 blocked on ${a.jid}:`);
  const screen = await natter.screenText();
  expect(screen).toContain(`[2:${c.jid}`);
  // No tab for bob: his message opened none.
  expect(screen).not.toMatch(new RegExp(`\\[\\d+:${b.jid.replace(/\./g, '\\.')}`));
  natter.type('/quit\r');
  expect((await natter.waitForExit()).exitCode).toBe(0);
  const kept = await runNatter(['search', 'offline'], { env: dirs.env });
  expect(kept.stdout).toContain('from carol');
  expect(kept.stdout).not.toContain('before the block');
});

it('natter listen drops a blocked sender too, the messages the server kept offline included', async () => {
  const [a, b, c] = await Promise.all([registerAccount(info, uniqueLocal('alice')), registerAccount(info, uniqueLocal('bob')), registerAccount(info, uniqueLocal('carol'))]);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const carol = await connectPeer(info, c);
  cleanup.push(() => carol.stop());
  await bob.send(a.jid, 'kept offline before the block');
  await carol.send(a.jid, 'kept offline from carol');
  const tool = await connectPeer(info, a, 'tool', { presence: false });
  cleanup.push(() => tool.stop());
  await tool.request(blockingSet(xml('block', { xmlns: NS_BLOCKING }, xml('item', { jid: b.jid }))));

  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const dirs = tempDirs();
  cleanup.push(dirs.remove);
  const child = spawn(process.execPath, [NATTER_BIN, 'listen', ...login.args], { env: { ...process.env, ...dirs.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await expect.poll(() => out, { timeout: 10_000 }).toContain(`${c.jid}: kept offline from carol`);
  // Live, after the offline ones: carol's next message comes after anything bob's could.
  await carol.send(a.jid, 'live from carol');
  await expect.poll(() => out, { timeout: 10_000 }).toContain(`${c.jid}: live from carol`);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(out).not.toContain(b.jid);
});

it('bad input is one clear line and changes nothing: not a JID, no JID, unblock without --all, a JID the server refuses', async () => {
  const { a, natter } = await natterAndBob(info, cleanup, { cols: 240 });
  const phone = await connectPeer(info, a, 'phone');
  cleanup.push(() => phone.stop());
  natter.type('/block bob@\r');
  await natter.waitForText('"bob@" is not a JID; write it as name@server, name@server/resource, or a whole server, server.example, e.g. /block bob@example.org');
  natter.type('/block\r');
  await natter.waitForText('Wrong number of arguments. Usage: /block jid [--spam]  (see /help block)');
  natter.type('/unblock\r');
  await natter.waitForText('Name whom to unblock: /unblock JID (see /blocked), or /unblock --all to unblock everyone on the list');
  // RFC 6122 nodeprep forbids ":" in a local part: Prosody refuses it with jid-malformed.
  natter.type(`/block bo:b@${a.domain}\r`);
  await natter.waitForText(`/block failed: the server refused to block bo:b@${a.domain}: it is not a JID the server accepts (jid-malformed)`);
  natter.type('/blocked\r');
  await natter.waitForText(`nobody is blocked on ${a.jid}`);
  expect(await serverBlockList(phone)).toEqual([]);
});

it('/block --spam blocks and says plainly that the report was not sent: Prosody 0.12 does not take XEP-0377 reports', async () => {
  const { a, b, natter } = await natterAndBob(info, cleanup, { cols: 240 });
  const phone = await connectPeer(info, a, 'phone');
  cleanup.push(() => phone.stop());
  natter.type(`/block ${b.jid} --spam\r`);
  await natter.waitForText(`blocked ${b.jid} on ${a.jid}: nothing they send is shown or kept; the spam report was not sent: ${a.domain} does not take reports (XEP-0377)`);
  expect(await serverBlockList(phone)).toEqual([b.jid]);
});
