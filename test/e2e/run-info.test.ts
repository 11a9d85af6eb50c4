import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { capsVer } from '../../src/xmpp/features/disco/caps.js';
import { makeContacts } from '../support/contacts.js';
import { oneRunLogin } from '../support/one-run-login.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { runNatter, tempDirs } from '../support/pty.js';
import { connectPeer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const NS_INFO = 'http://jabber.org/protocol/disco#info';

/** alice and bob, each other's contacts; bob online as Gajim would be (caps, version, a vCard); alice's one-run login and dirs. */
async function aliceAndBob() {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('run-a')), registerAccount(info, uniqueLocal('run-b'))]);
  makeContacts(info, a, b);
  const bob = await connectPeer(info, b, 'laptop', { presence: false });
  cleanup.push(() => bob.stop());
  const identity = { category: 'client', type: 'pc', name: 'Gajim' };
  const features = ['http://jabber.org/protocol/caps', NS_INFO];
  bob.answerIqGet(NS_INFO, 'query', (iq) => xml('query', { xmlns: NS_INFO, node: iq.getChild('query')?.attrs.node }, xml('identity', identity), ...features.map((f) => xml('feature', { var: f }))));
  bob.answerIqGet('jabber:iq:version', 'query', () => xml('query', { xmlns: 'jabber:iq:version' }, xml('name', {}, 'Gajim'), xml('version', {}, '1.8.4')));
  await bob.request(xml('iq', { type: 'set', id: 'vc' }, xml('vCard', { xmlns: 'vcard-temp' }, xml('FN', {}, 'Bob Example'), xml('NICKNAME', {}, 'bobby'))));
  await bob.sendRaw(xml('presence', {}, xml('show', {}, 'away'), xml('status', {}, 'at lunch'), xml('priority', {}, '2'),
    xml('c', { xmlns: 'http://jabber.org/protocol/caps', hash: 'sha-1', node: 'https://gajim.org', ver: capsVer([identity], features) })));
  const login = oneRunLogin(info, a);
  const dirs = tempDirs();
  cleanup.push(login.remove, dirs.remove);
  return { a, b, login, dirs };
}

it("natter run prints what /info finds (roster, device with presence, caps client, version, vCard), and /vcard and /disco their results", async () => {
  const { a, b, login, dirs } = await aliceAndBob();
  // /disco first: its answer comes after bob's presence on alice's stream (the server answered her probe before it), and asks bob's caps meanwhile.
  const run = await runNatter(['run', ...login.args, `/disco ${b.jid}/laptop`, `/info ${b.jid}`, '/vcard', '/disco localhost --node urn:example:none'], { env: dirs.env });
  expect(run.stdout).toContain(`${b.jid}/laptop is client/pc (Gajim); 2 features:`);
  expect(run.stdout).toContain(`${b.jid} (${b.local})\n  roster: subscription both: you see each other's presence; no group\n1 device online:\n`);
  expect(run.stdout).toContain(`${b.jid}/laptop: away, "at lunch", priority 2\n  software (caps): Gajim (client/pc), https://gajim.org\n  client: Gajim 1.8.4\n`);
  // Prosody's mod_vcard_legacy keeps bob's vcard-temp as a vCard4 too.
  expect(run.stdout).toContain('vCard (vCard4, XEP-0292):\n  name: Bob Example\n  nickname: bobby\n');
  expect(run.stdout).toContain(`${a.jid} has no vCard yet; /vcard set FN Your Name starts one`);
  // The last command is refused by the server: one line on stderr, exit 1.
  expect(run.stderr).toBe('natter: /disco failed: localhost has no node urn:example:none (item-not-found)\n');
  expect(run.code).toBe(1);
});

it('natter run says why a tab of the screen can not be shown, and /info of a bad JID is one line', async () => {
  const { login, dirs } = await aliceAndBob();
  const xmlConsole = await runNatter(['run', ...login.args, '/xmlconsole'], { env: dirs.env });
  expect(xmlConsole.stderr).toBe("natter: the XML console is a tab that shows stanzas as they pass, and natter run has no screen; open it in natter, or in a running one with natter ctl '/xmlconsole'\n");
  expect(xmlConsole.code).toBe(1);
  const search = await runNatter(['run', ...login.args, '/search lunch'], { env: dirs.env });
  expect(search.stderr).toBe('natter: the results of /search are a tab, and natter run has no screen; natter search lunch prints them (--json for scripts)\n');
  const bad = await runNatter(['run', ...login.args, '/info bob@'], { env: dirs.env });
  expect(bad.stderr).toBe('natter: "bob@" is not a JID. Write it as name@server, name@server/resource or server, e.g. /info bob@example.org\n');
  expect(bad.stdout).toBe('');
});
