import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { MAX_STRANGER_TABS } from '../../src/client/conversations/chat-tabs.js';
import { MAX_NOTE_CHARS } from '../../src/xmpp/features/presence/subscription.js';
import { natterAndBob } from '../support/natter-and-bob.js';
import { registerAccount, uniqueLocal, type ProsodyAccount, type ProsodyInfo } from '../support/prosody.js';
import { connectPeer, type Peer } from '../support/xmpp-peer.js';
import type { PtySession } from '../support/pty.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const NS_MUC = 'http://jabber.org/protocol/muc';

/** `count` fresh accounts, registered a few at a time (prosodyctl is a process each). */
async function accounts(server: ProsodyInfo, prefix: string, count: number): Promise<ProsodyAccount[]> {
  const made: ProsodyAccount[] = [];
  for (let i = 0; i < count; i += 6) {
    made.push(...(await Promise.all(Array.from({ length: Math.min(6, count - i) }, () => registerAccount(server, uniqueLocal(prefix))))));
  }
  return made;
}

let asked = 900;
/** How many tabs natter has open, as /win says when asked for one past the last (a new number each time). */
async function tabCount(natter: PtySession): Promise<number> {
  const past = ++asked;
  natter.type(`/win ${past}\r`);
  const pattern = new RegExp(`There is no tab ${past}; there (?:is 1 tab|are (\\d+) tabs)`);
  await natter.waitForText(pattern);
  return Number(pattern.exec(await natter.screenText())?.[1] ?? 1);
}

/**
 * Waits for `text`, the sign that natter has handled a burst; without it (the limit not kept)
 * waits a few seconds instead, so the assertions after it see the burst handled either way.
 */
async function settled(natter: PtySession, text: RegExp): Promise<void> {
  await natter.waitForText(text, 5000).catch(() => undefined);
}

/** `phrase` as a pattern that matches it wrapped over several rows of the screen (beside the roster pane's borders, whose bottom row the messages share). */
const wrapped = (phrase: string): RegExp => new RegExp(phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll(' ', '[\\s│└┘─]+'));

it(`messages from more strangers than ${MAX_STRANGER_TABS} open that many tabs; the rest are kept, counted, and readable with /msg`, async () => {
  const { a, bob, natter } = await natterAndBob(info, cleanup, { cols: 160, rows: 40, contacts: true });
  const strangers = await accounts(info, 'stranger', MAX_STRANGER_TABS + 5);
  const peers: Peer[] = [];
  for (const account of strangers) {
    const peer = await connectPeer(info, account);
    cleanup.push(() => peer.stop());
    peers.push(peer);
  }
  // The first MAX_STRANGER_TABS write (and get their tabs), then 5 more.
  for (const [i, peer] of peers.slice(0, MAX_STRANGER_TABS).entries()) await peer.send(a.jid, `hello from stranger ${i}`);
  await expect.poll(() => tabCount(natter), { timeout: 15_000 }).toBe(1 + MAX_STRANGER_TABS);
  for (const [i, peer] of peers.slice(MAX_STRANGER_TABS).entries()) await peer.send(a.jid, `hello from stranger ${MAX_STRANGER_TABS + i}`);
  const note = wrapped(`who is not in your roster, is kept in the history without a tab: ${MAX_STRANGER_TABS} tabs opened by strangers are open`);
  await settled(natter, note);
  expect(await tabCount(natter)).toBe(1 + MAX_STRANGER_TABS);
  await natter.waitForText(note);
  // One note for the first; the other 4 are counted in one line later (untabbed-notes.test.ts), not 4 lines.
  expect((await natter.screenText()).split('is kept in the history').length - 1).toBe(1);

  // A contact is never held back, and a kept message is there when its chat is opened.
  await bob.send(a.jid, 'bob still gets through');
  await expect.poll(() => tabCount(natter), { timeout: 10_000 }).toBe(2 + MAX_STRANGER_TABS);
  natter.type(`/msg ${strangers.at(-1)!.jid}\r`);
  await natter.waitForText(`hello from stranger ${strangers.length - 1}`);
}, 90_000);

it(`private messages from more room occupants than ${MAX_STRANGER_TABS} open that many tabs`, async () => {
  const { natter } = await natterAndBob(info, cleanup, { cols: 160, rows: 40 });
  const room = `${uniqueLocal('crowd')}@conference.localhost`;
  const [owner] = await accounts(info, 'crowd', 1);
  const occupants: Peer[] = [];
  for (let i = 0; i < MAX_STRANGER_TABS + 2; i++) {
    const peer = await connectPeer(info, owner!, `r${i}`);
    cleanup.push(() => peer.stop());
    await peer.sendRaw(xml('presence', { to: `${room}/o${i}` }, xml('x', { xmlns: NS_MUC })));
    await peer.waitForPresence((p) => p.attrs.from === `${room}/o${i}`);
    if (i === 0) await peer.request(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: `${NS_MUC}#owner` }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' }))));
    occupants.push(peer);
  }
  natter.type(`/join ${room}/alice\r`);
  await natter.waitForText('joined as alice');
  for (const [i, peer] of occupants.entries()) {
    await peer.sendRaw(xml('message', { to: `${room}/alice`, type: 'chat' }, xml('body', {}, `psst ${i}`), xml('x', { xmlns: `${NS_MUC}#user` })));
  }
  natter.press('alt-1'); // the console, where the note is
  const note = wrapped(`is kept in the history without a tab: ${MAX_STRANGER_TABS} tabs opened by strangers are open`);
  await settled(natter, note);
  expect(await tabCount(natter)).toBe(2 + MAX_STRANGER_TABS);
  await natter.waitForText(note);
});

it("a stranger's presence is not kept: accepted as a contact later, they show offline until they share it", async () => {
  const { a, natter } = await natterAndBob(info, cleanup, { cols: 160, rows: 30 });
  const [carol] = await accounts(info, 'carol', 1);
  const stranger = await connectPeer(info, carol!);
  cleanup.push(() => stranger.stop());
  // A directed presence (RFC 6121 §4.6) to natter, then a subscription request behind it.
  await stranger.sendRaw(xml('presence', { to: a.jid }, xml('status', {}, 'carol-was-here')));
  await stranger.sendRaw(xml('presence', { to: a.jid, type: 'subscribe' }));
  await natter.waitForText(`${carol!.jid} asks to see your presence`);
  natter.type('/roster size 60\r');
  natter.type('/roster status on\r');
  natter.type(`/accept ${carol!.jid}\r`);
  await natter.waitForText(`${carol!.jid} may now see your presence`);
  const jid = carol!.jid;
  await natter.waitForText(new RegExp(`^│. ${jid}`, 'm'));
  // Its roster row: not online (/accept asked back, so "?": natter waits for their approval)
  // and without the status text the stranger sent before.
  const row = (await natter.screen()).find((l) => l.startsWith('│') && l.slice(0, l.indexOf('│', 1)).includes(jid)) ?? '';
  expect(row.slice(1, row.indexOf('│', 1)).trimEnd()).toBe(`? ${jid}`);
  expect(await natter.screenText()).not.toContain('carol-was-here');
});

it(`a subscription request's note of 100 KB is cut to ${MAX_NOTE_CHARS} characters`, async () => {
  const { a, b, bob, natter } = await natterAndBob(info, cleanup, { cols: 160, rows: 40 });
  await bob.sendRaw(xml('presence', { to: a.jid, type: 'subscribe' }, xml('status', {}, `${'A'.repeat(100_000)}-the-end`)));
  await natter.waitForText('AAAA');
  const tail = wrapped(`…". /accept ${b.jid} or /decline ${b.jid}`);
  await settled(natter, tail);
  const screen = await natter.screenText();
  // The note's start, over the rows it wraps to: MAX_NOTE_CHARS - 1 characters and "…".
  expect((screen.match(/A{2,}/g) ?? []).join('').length).toBe(MAX_NOTE_CHARS - 1);
  expect(screen).not.toContain('-the-end');
  expect(screen).toMatch(wrapped(`${b.jid} asks to see your presence: "AAAA`));
  expect(screen).toMatch(tail);
});
