import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';
import type { Peer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** Bob's device answers version queries as a client would, with what it says in `fields`. */
function answerVersion(peer: Peer, fields: Record<string, string>): void {
  peer.answerIqGet('jabber:iq:version', 'query', () => xml('query', { xmlns: 'jabber:iq:version' }, ...Object.entries(fields).map(([name, text]) => xml(name, {}, text))));
}

it('/ping, /version and /disco show their answers where typed: a contact\'s device, the server', async () => {
  const { bob, natter } = await natterAndBob(info, cleanup, { contacts: true, cols: 160, rows: 40 });
  answerVersion(bob, { name: 'TestClient', version: '2.0', os: 'Plan 9' });
  // bob's presence has reached natter: his bare JID is asked at his device.
  await natter.waitForText('Contacts (1/1)');
  natter.type(`/ping ${bob.jid}\r`);
  await natter.waitForText(new RegExp(`pong from ${bob.jid}/peer in \\d+ ms`));
  natter.type('/ping localhost\r');
  await natter.waitForText(/pong from localhost in \d+ ms/);
  natter.type(`/version ${bob.jid}\r`);
  await natter.waitForText(`${bob.jid}/peer runs TestClient 2.0 on Plan 9`);
  // Prosody's mod_version answers for the server.
  natter.type('/version localhost\r');
  await natter.waitForText(/localhost runs Prosody \S+/);
  natter.type('/disco localhost\r');
  await natter.waitForText(/localhost is server\/im \(Prosody\); \d+ features:/);
  await natter.waitForText(/ {3}urn:xmpp:ping\s/);
  natter.type('/disco localhost --items\r');
  await natter.waitForText(/localhost has \d+ items:/);
  await natter.waitForText(/ {3}conference\.localhost/);
});

it("what a peer says of its software is shown inert and bounded", async () => {
  const { bob, natter } = await natterAndBob(info, cleanup, { contacts: true, cols: 200 });
  // XML carries no C0 controls (a stanza with one ends the sender's stream); bidi overrides and newlines it does.
  answerVersion(bob, { name: 'Evil\u202eClient\u2066', version: `9${'9'.repeat(5000)}`, os: 'line\none' });
  natter.type(`/version ${bob.jid}/peer\r`);
  await natter.waitForText(`${bob.jid}/peer runs EvilClient 9${'9'.repeat(78)}… on line one`);
  expect(await natter.screenText()).not.toContain('9'.repeat(80));
});

it('bad input is one clear line and changes nothing: not a JID, no JID, a device that is not there, a server refusal, a timeout', async () => {
  const { a, bob, natter } = await natterAndBob(info, cleanup, { contacts: true, cols: 200 });
  natter.type('/ping bob@\r');
  await natter.waitForText('"bob@" is not a JID. Write it as name@server, name@server/resource or server, e.g. /ping bob@example.org');
  natter.type('/version\r');
  await natter.waitForText('Wrong number of arguments. Usage: /version jid  (see /help version)');
  natter.type('/disco\r');
  await natter.waitForText('Wrong number of arguments. Usage: /disco jid [--items] [--node NODE...]  (see /help disco)');
  natter.type('/disco --items\r');
  await natter.waitForText('Name one JID to ask. Usage: /disco JID [--items] [--node NODE]');
  // bob's xmpp.js answers no disco#info: service-unavailable, as a stranger's client would.
  natter.type(`/disco ${bob.jid}/peer\r`);
  await natter.waitForText(`/disco failed: ${bob.jid}/peer does not answer service discovery queries (service-unavailable)`);
  // A device that is not there: its server says so for it (RFC 6121 §8.5.3.1).
  natter.type(`/version ${bob.jid}/gone\r`);
  await natter.waitForText(`/version failed: ${bob.jid}/gone does not answer software version queries (service-unavailable)`);
  // A server refusal: another server, which the test Prosody (s2s off) will not reach.
  natter.type('/ping nowhere.invalid\r');
  await natter.waitForText('/ping failed: nowhere.invalid could not be pinged (not-allowed)');
  // A device that never answers.
  bob.answerIqGet('jabber:iq:version', 'query', () => new Promise(() => undefined) as never);
  natter.type(`/version ${bob.jid}/peer\r`);
  await natter.waitForText(`/version failed: ${bob.jid}/peer did not answer the version query within 10 s`, 15_000);
  // Nothing else changed: the console is still the only tab, the account still online.
  const screen = await natter.screenText();
  expect(screen).toContain(a.jid);
  expect(screen).not.toMatch(/\[2\]/);
});

it('/disco --node asks about one node: a device answers for it, the server refuses one it does not have', async () => {
  const { bob, natter } = await natterAndBob(info, cleanup, { contacts: true, cols: 200, rows: 40 });
  const NS_INFO = 'http://jabber.org/protocol/disco#info';
  const NS_ITEMS = 'http://jabber.org/protocol/disco#items';
  // bob's device has ad-hoc commands (XEP-0050 §2.2): the node's identity, and one command under it.
  bob.answerIqGet(NS_INFO, 'query', (iq) => {
    const node = iq.getChild('query')?.attrs.node;
    return node === 'http://jabber.org/protocol/commands'
      ? xml('query', { xmlns: NS_INFO, node }, xml('identity', { category: 'automation', type: 'command-list', name: 'Commands' }))
      : xml('error', { type: 'cancel' }, xml('item-not-found', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }));
  });
  bob.answerIqGet(NS_ITEMS, 'query', (iq) => xml('query', { xmlns: NS_ITEMS, node: iq.getChild('query')?.attrs.node }, xml('item', { jid: `${bob.jid}/peer`, node: 'reboot', name: 'Reboot the toaster' })));
  await natter.waitForText('Contacts (1/1)');
  natter.type(`/disco ${bob.jid}/peer --node http://jabber.org/protocol/commands\r`);
  await natter.waitForText(`${bob.jid}/peer node http://jabber.org/protocol/commands is automation/command-list (Commands); 0 features`);
  natter.type(`/disco ${bob.jid}/peer --items --node http://jabber.org/protocol/commands\r`);
  await natter.waitForText(`${bob.jid}/peer node http://jabber.org/protocol/commands has 1 item:`);
  await natter.waitForText(`   ${bob.jid}/peer node reboot (Reboot the toaster)`);
  // Bad input: a missing node value is one line, and nothing is asked.
  natter.type(`/disco ${bob.jid}/peer --node\r`);
  await natter.waitForText('Give --node a node to ask about. Usage: /disco JID [--items] [--node NODE]');
  // A refusal: Prosody has no such node on the server.
  natter.type('/disco localhost --node urn:example:nothing-here\r');
  await natter.waitForText('/disco failed: localhost has no node urn:example:nothing-here (item-not-found)');
  const screen = await natter.screenText();
  expect(screen).not.toMatch(/\[2\]/);
});
