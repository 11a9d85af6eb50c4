import xml from '@xmpp/xml';
import type { Element } from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';
import { connectPeer, type Peer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const NS_ROSTER = 'jabber:iq:roster';
/** The roster item of `jid` as `peer`'s server holds it now. */
async function itemOf(peer: Peer, jid: string): Promise<Element | undefined> {
  const result = await peer.request(xml('iq', { type: 'get', id: `r${Date.now()}` }, xml('query', { xmlns: NS_ROSTER })));
  return result.getChild('query', NS_ROSTER)?.getChildren('item').find((item) => item.attrs.jid === jid);
}
/** The roster pane's column of the screen (the console beside it repeats names in its lines). */
const pane = async (natter: { screen(): Promise<string[]> }): Promise<string> => (await natter.screen()).map((row) => row.slice(0, 24)).join('\n');
const available = (from: string) => (p: Element) => String(p.attrs.from ?? '').startsWith(`${from}/`) && p.attrs.type === undefined;

it('/roster add: bob approves and each sees the other; rename and group show in the pane and on the server; remove cancels both ways', async () => {
  const { a, b, bob, natter } = await natterAndBob(info, cleanup, { cols: 200 });
  natter.type(`/roster add ${b.jid} Bobby --group Friends\r`);
  // Prosody offers pre-approval (RFC 6121 §3.4.1): bob will see alice as soon as he asks.
  await natter.waitForText(`added ${b.jid} to ${a.jid}'s roster as "Bobby" in "Friends"; asked to see their presence;`);
  await natter.waitForText('(pre-approved)');
  await natter.waitForText('▾ Friends (0/1)');
  // Until bob answers, the pane marks him as waiting for his approval.
  await natter.waitForText('│? Bobby');
  await bob.waitForPresence((p) => p.attrs.from === a.jid && p.attrs.type === 'subscribe');
  // bob approves, and asks back as clients do: the server answers for alice (pre-approved).
  await bob.sendRaw(xml('presence', { to: a.jid, type: 'subscribed' }));
  await bob.sendRaw(xml('presence', { to: a.jid, type: 'subscribe' }));
  await natter.waitForText('▾ Friends (1/1)');
  await natter.waitForText('+ Bobby');
  await bob.waitForPresence(available(a.jid));
  expect(await natter.screenText()).not.toContain(`${b.jid} asks to see your presence`);
  expect((await itemOf(bob, a.jid))?.attrs.subscription).toBe('both');

  natter.type(`/roster rename ${b.jid} Bob the Builder\r`);
  await natter.waitForText(`renamed ${b.jid} to "Bob the Builder"`);
  await natter.waitForText('+ Bob the Builder');
  natter.type(`/roster group add ${b.jid} Work\r`);
  await natter.waitForText('▾ Work (1/1)');
  natter.type('/roster group rename Friends "Old friends"\r');
  await natter.waitForText('▾ Old friends (1/1)');
  // Another client of alice's reads the same roster from the server.
  const other = await connectPeer(info, a, 'other', { presence: false });
  cleanup.push(() => other.stop());
  const item = await itemOf(other, b.jid);
  expect(item?.attrs.name).toBe('Bob the Builder');
  expect(item?.getChildren('group').map((g) => g.getText()).sort()).toEqual(['Old friends', 'Work']);

  natter.type(`/roster remove ${b.jid}\r`);
  await natter.waitForText(`removed ${b.jid} from your roster; neither of you sees the other's presence any more`);
  await expect.poll(async () => (await pane(natter)).includes('Bob the Builder'), { timeout: 10_000 }).toBe(false);
  // RFC 6121 §2.5.2: bob's server hears both cancellations; alice goes offline for bob.
  await bob.waitForPresence((p) => p.attrs.from?.startsWith(`${a.jid}/`) === true && p.attrs.type === 'unavailable');
  await expect.poll(async () => (await itemOf(bob, a.jid))?.attrs.subscription, { timeout: 10_000 }).toBe('none');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it('bob adds alice: natter approves with /roster approve and asks back with /roster subscribe; each sees the other', async () => {
  const { a, b, bob, natter } = await natterAndBob(info, cleanup, { cols: 200 });
  await bob.sendRaw(xml('presence', { to: a.jid, type: 'subscribe' }));
  await natter.waitForText(`${b.jid} asks to see your presence`);
  natter.type(`/roster approve ${b.jid}\r`);
  await natter.waitForText(`${b.jid} had asked to see your presence, and now may`);
  await bob.waitForPresence(available(a.jid));
  natter.type(`/roster subscribe ${b.jid}\r`);
  await natter.waitForText(`asked to see ${b.jid}'s presence`);
  await natter.waitForText(`│? ${b.local}`);
  await bob.waitForPresence((p) => p.attrs.from === a.jid && p.attrs.type === 'subscribe');
  await bob.sendRaw(xml('presence', { to: a.jid, type: 'subscribed' }));
  await natter.waitForText(`+ ${b.local}`);
  natter.type(`/roster unsubscribe ${b.jid}\r`);
  await natter.waitForText(`you no longer see ${b.jid}'s presence (they still see yours`);
  await natter.waitForText(`│  ${b.local}`);
  expect((await itemOf(bob, a.jid))?.attrs.subscription).toBe('to');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it("a change made by another client of the same account shows live in natter's roster pane", async () => {
  const { a, b, natter } = await natterAndBob(info, cleanup, { cols: 200 });
  const other = await connectPeer(info, a, 'phone', { presence: false });
  cleanup.push(() => other.stop());
  const set = (attrs: Record<string, string>, ...groups: string[]) =>
    other.request(xml('iq', { type: 'set', id: `s${Date.now()}` }, xml('query', { xmlns: NS_ROSTER }, xml('item', attrs, ...groups.map((g) => xml('group', {}, g))))));
  await set({ jid: b.jid, name: 'Added elsewhere' }, 'Phone');
  await natter.waitForText('▾ Phone (0/1)');
  await natter.waitForText('Added elsewhere');
  await set({ jid: b.jid, name: 'Renamed elsewhere' }, 'Phone');
  await natter.waitForText('Renamed elsewhere');
  await set({ jid: b.jid, subscription: 'remove' });
  await expect.poll(async () => (await pane(natter)).includes('Renamed elsewhere'), { timeout: 10_000 }).toBe(false);
  expect(await natter.screenText()).toContain('(no contacts)');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it('bad input and a server refusal: one clear line, and the roster stays as it was', async () => {
  const { a, b, natter } = await natterAndBob(info, cleanup, { cols: 200, contacts: true });
  await natter.waitForText(`+ ${b.local}`);
  // alice's roster as her server holds it, read by another client of hers.
  const other = await connectPeer(info, a, 'check', { presence: false });
  cleanup.push(() => other.stop());
  const roster = async () => String((await other.request(xml('iq', { type: 'get', id: `r${Date.now()}` }, xml('query', { xmlns: NS_ROSTER })))).getChild('query', NS_ROSTER));
  const before = await roster();
  natter.type('/roster add bob\r');
  await natter.waitForText('"bob" is not a JID; write it as name@server, e.g. /roster add bob@example.org');
  natter.type('/roster rename\r');
  await natter.waitForText('Wrong number of arguments. Usage: /roster rename jid name...');
  natter.type('/roster remove nobody@localhost\r');
  await natter.waitForText(`nobody@localhost is not in ${a.jid}'s roster; /roster add nobody@localhost first`);
  natter.type(`/roster rename ${b.jid} ${'n'.repeat(1024)}\r`);
  await natter.waitForText('the name is longer than 1023 characters');
  // A colon may not be in a local part (RFC 7622 §3.3.1, nodeprep): Prosody refuses the roster set.
  natter.type('/roster add a:b@localhost\r');
  await natter.waitForText('the server refused to change a:b@localhost in the roster: not a JID it accepts (bad-request); nothing was changed');
  expect(await roster()).toBe(before);
  expect(await natter.screenText()).toContain(`+ ${b.local}`);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it('/roster approve before bob asks (Prosody offers pre-approval): his later request is approved by the server, natter is not asked', async () => {
  const { a, b, bob, natter } = await natterAndBob(info, cleanup, { cols: 200 });
  natter.type(`/roster approve ${b.jid}\r`);
  await natter.waitForText(`pre-approved ${b.jid}: when they ask to see your presence, your server lets them at once`);
  // RFC 6121 §3.4.2: alice's server keeps the approval and grants bob's request itself.
  await bob.sendRaw(xml('presence', { to: a.jid, type: 'subscribe' }));
  await expect.poll(async () => (await itemOf(bob, a.jid))?.attrs.subscription, { timeout: 10_000 }).toBe('to');
  const other = await connectPeer(info, a, 'check', { presence: false });
  cleanup.push(() => other.stop());
  expect((await itemOf(other, b.jid))?.attrs.subscription).toBe('from');
  await bob.waitForPresence(available(a.jid));
  expect(await natter.screenText()).not.toContain(`${b.jid} asks to see your presence`);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
