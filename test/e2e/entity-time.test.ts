import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { connectPeer, type Peer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

// natter runs at UTC+05:30 (no daylight saving), so offsets and differences are known.
const env = { TZ: 'Asia/Kolkata' };
const TIME = xml('time', { xmlns: 'urn:xmpp:time' });

/** The full JID natter is online as, from its available presence to a contact. */
async function natterFullJid(contact: Peer, account: string): Promise<string> {
  const presence = await contact.waitForPresence((p) => String(p.attrs.from ?? '').startsWith(`${account}/`) && p.attrs.type === undefined);
  return String(presence.attrs.from);
}

/** Bob's device answers time queries as a client at UTC-03:30 with a right clock would. */
function answerTimeAtMinus0330(peer: Peer): void {
  peer.answerIqGet('urn:xmpp:time', 'time', () =>
    xml('time', { xmlns: 'urn:xmpp:time' }, xml('tzo', {}, '-03:30'), xml('utc', {}, new Date().toISOString().replace(/\.\d+Z$/, 'Z'))));
}

it("answers a contact's time query with its offset and UTC time, advertises it, and refuses a stranger", async () => {
  const { a, bob } = await natterAndBob(info, cleanup, { contacts: true, env });
  const full = await natterFullJid(bob, a.jid);
  const stranger = await connectPeer(info, await registerAccount(info, uniqueLocal('stranger')));
  cleanup.push(() => stranger.stop());

  const before = Date.now() - 1000;
  const time = await bob.iqGet(full, TIME);
  expect(time?.getChildText('tzo')).toBe('+05:30');
  const utc = time?.getChildText('utc') ?? '';
  expect(utc).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  expect(Date.parse(utc)).toBeGreaterThanOrEqual(before);
  expect(Date.parse(utc)).toBeLessThanOrEqual(Date.now());
  const features = (await bob.iqGet(full, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })))?.getChildren('feature').map((f) => f.attrs.var);
  expect(features).toContain('urn:xmpp:time');

  // A time answer says natter is online and where on Earth, roughly: not to a stranger.
  await expect(stranger.iqGet(full, TIME)).rejects.toMatchObject({ condition: 'service-unavailable' });
});

it("/time shows a contact's local time, offset and difference: a full JID as written, a bare JID at their device", async () => {
  const { bob, natter } = await natterAndBob(info, cleanup, { contacts: true, env, cols: 160 });
  answerTimeAtMinus0330(bob);
  natter.type(`/time ${bob.jid}/peer\r`);
  await natter.waitForText(new RegExp(`${bob.jid}/peer: \\d{2}:\\d{2}( yesterday)? \\(UTC-03:30\\), 9 hours behind you`));
  // The same with their bare JID: natter asks the device the roster shows them by.
  natter.type(`/time ${bob.jid}\r`);
  await natter.waitForText(new RegExp(`/time ${bob.jid}\\s*\\n.*${bob.jid}/peer: \\d{2}:\\d{2}`));
});

it("/time asks the server (Prosody's mod_time), and says so when a contact's device does not answer", async () => {
  const { bob, natter } = await natterAndBob(info, cleanup, { contacts: true, env, cols: 160 });
  natter.type('/time localhost\r');
  // From 18:30 UTC on, the server's date is the day before Kolkata's.
  await natter.waitForText(/localhost: \d{2}:\d{2}( yesterday)? \(UTC\+00:00\), 5 hours 30 minutes behind you/);
  // This bob answers no time queries: xmpp.js says service-unavailable for him.
  natter.type(`/time ${bob.jid}/peer\r`);
  await natter.waitForText(`/time failed: ${bob.jid}/peer does not answer time queries (service-unavailable)`);
});
