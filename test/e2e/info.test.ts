import xml from '@xmpp/xml';
import { afterEach, expect, inject, it, vi } from 'vitest';
import { capsVer } from '../../src/xmpp/features/disco/caps.js';
import { natterAndBob } from '../support/natter-and-bob.js';
import type { Peer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

// natter runs at UTC+05:30 (no daylight saving), so the difference to bob's -03:30 is known.
const env = { TZ: 'Asia/Kolkata' };

/** Bob's device: away with a status and caps, answering version, idle time (5 minutes) and time as a client at UTC-03:30 would. */
async function bobsDevice(bob: Peer): Promise<void> {
  bob.answerIqGet('jabber:iq:version', 'query', () => xml('query', { xmlns: 'jabber:iq:version' }, xml('name', {}, 'TestClient'), xml('version', {}, '2.0'), xml('os', {}, 'Plan 9')));
  bob.answerIqGet('jabber:iq:last', 'query', () => xml('query', { xmlns: 'jabber:iq:last', seconds: '300' }));
  bob.answerIqGet('urn:xmpp:time', 'time', () =>
    xml('time', { xmlns: 'urn:xmpp:time' }, xml('tzo', {}, '-03:30'), xml('utc', {}, new Date().toISOString().replace(/\.\d+Z$/, 'Z'))));
  await bob.sendRaw(xml('presence', {}, xml('show', {}, 'away'), xml('status', {}, 'at lunch'), xml('priority', {}, '3'),
    xml('c', { xmlns: 'http://jabber.org/protocol/caps', hash: 'sha-1', node: 'https://testclient.example', ver: 'abc=' })));
}

/** Bob publishes his vCard on his server (XEP-0054 §3.2), which Prosody's mod_vcard_legacy keeps. */
async function publishVcard(bob: Peer, ...fields: ReturnType<typeof xml>[]): Promise<void> {
  await bob.request(xml('iq', { type: 'set', id: `vcard-${Date.now()}` }, xml('vCard', { xmlns: 'vcard-temp' }, ...fields)));
}

it("/info opens a tab with the roster's say, bob's device with its client, version and time, and his vCard", async () => {
  const { bob, natter } = await natterAndBob(info, cleanup, { contacts: true, env, cols: 160, rows: 40 });
  await bobsDevice(bob);
  await publishVcard(bob, xml('FN', {}, 'Bob Example'), xml('NICKNAME', {}, 'bobby'), xml('EMAIL', {}, xml('INTERNET'), xml('USERID', {}, 'bob@example.org')),
    xml('URL', {}, 'https://bob.example'), xml('NOTE', {}, 'two\nlines \u202ereversed'));
  await natter.waitForText(/- bob/); // his away presence has reached natter
  natter.type(`/info ${bob.jid}\r`);
  await natter.waitForText(`[2:info ${bob.jid}]`);
  await natter.waitForText("roster: subscription both: you see each other's presence; no group");
  await natter.waitForText(`${bob.jid}/peer: away, "at lunch", priority 3`);
  await natter.waitForText('software (caps): https://testclient.example');
  await natter.waitForText('client: TestClient 2.0 on Plan 9');
  await natter.waitForText(/time: \d{2}:\d{2}( yesterday)? \(UTC-03:30\), 9 hours behind you/);
  await natter.waitForText(`activity: ${bob.jid}/peer has been idle for 5 minutes`);
  await natter.waitForText('name: Bob Example');
  await natter.waitForText('nickname: bobby');
  await natter.waitForText('email: bob@example.org');
  await natter.waitForText('web: https://bob.example');
  await natter.waitForText('note: two lines reversed');
  // The tab closes like any other.
  natter.type('/close\r');
  await expect.poll(() => natter.screenText()).not.toContain(`2:info ${bob.jid}`);
});

it('/info shows a vCard4 bob published on PEP (XEP-0292)', async () => {
  const { bob, natter } = await natterAndBob(info, cleanup, { contacts: true, cols: 160, rows: 40 });
  const vcard = xml('vcard', { xmlns: 'urn:ietf:params:xml:ns:vcard-4.0' }, xml('fn', {}, xml('text', {}, 'Robert Four')), xml('title', {}, xml('text', {}, 'Chief Tester')),
    xml('impp', {}, xml('uri', {}, `xmpp:${bob.jid}`)));
  await bob.request(xml('iq', { type: 'set', id: 'vcard4' }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' },
    xml('publish', { node: 'urn:xmpp:vcard4' }, xml('item', { id: 'current' }, vcard)))));
  natter.type(`/info ${bob.jid}\r`);
  await natter.waitForText('vCard (vCard4, XEP-0292):');
  await natter.waitForText('name: Robert Four');
  await natter.waitForText('title: Chief Tester');
  await natter.waitForText(`JID: ${bob.jid}`);
});

it('/info of someone without a vCard, not in the roster, says so in the tab', async () => {
  const { bob, natter } = await natterAndBob(info, cleanup, { cols: 160, rows: 40 });
  natter.type(`/info ${bob.jid}\r`);
  await natter.waitForText(`roster: not in the roster of`);
  await natter.waitForText(`no device of ${bob.jid} is online`);
  await natter.waitForText('vCard: none published');
});

it('bad input is one clear line and opens nothing: not a JID, no JID; a server refusal is a line in the tab', async () => {
  const { a, natter } = await natterAndBob(info, cleanup, { cols: 200 });
  natter.type('/info bob@\r');
  await natter.waitForText('"bob@" is not a JID. Write it as name@server, name@server/resource or server, e.g. /info bob@example.org');
  natter.type('/info\r');
  await natter.waitForText('Wrong number of arguments. Usage: /info jid  (see /help info)');
  expect(await natter.screenText()).not.toContain('[2:');
  // Another server, which the test Prosody (s2s off) will not reach.
  natter.type('/info bob@nowhere.invalid\r');
  await natter.waitForText('vCard: bob@nowhere.invalid could not be asked for a vCard (not-allowed)');
  expect(await natter.screenText()).toContain(a.jid);
});

it("/info names the client bob's caps say he runs (their disco identity), shown inert", async () => {
  const { a, bob, natter } = await natterAndBob(info, cleanup, { contacts: true, cols: 160, rows: 40 });
  // bob's client answers disco#info for its caps ver as Gajim would (XEP-0115 §6.2), with a name that tries to reach the terminal.
  const identity = { category: 'client', type: 'pc', name: 'Gajim\u202e\u2066' };
  const features = ['http://jabber.org/protocol/caps', 'http://jabber.org/protocol/disco#info'];
  const ver = capsVer([identity], features);
  const asked: string[] = [];
  bob.answerIqGet('http://jabber.org/protocol/disco#info', 'query', (iq) => {
    if (iq.attrs.from?.startsWith(`${a.jid}/`)) asked.push(String(iq.getChild('query')?.attrs.node));
    return xml('query', { xmlns: 'http://jabber.org/protocol/disco#info', node: iq.getChild('query')?.attrs.node }, xml('identity', identity), ...features.map((f) => xml('feature', { var: f })));
  });
  await bob.sendRaw(xml('presence', {}, xml('c', { xmlns: 'http://jabber.org/protocol/caps', hash: 'sha-1', node: 'https://gajim.org', ver })));
  await vi.waitFor(() => expect(asked).toContain(`https://gajim.org#${ver}`), { timeout: 10_000 });
  // The answer is taken as it comes: /info again (a refresh) shows it once it is in.
  await vi.waitFor(async () => {
    natter.type(`/info ${bob.jid}\r`);
    await natter.waitForText('software (caps): Gajim (client/pc), https://gajim.org', 2_000);
  }, { timeout: 10_000 });
  expect(await natter.screenText()).toContain(`${bob.jid}/peer: online, priority 0`);
});
