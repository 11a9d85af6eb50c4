import xml, { type Element } from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { makeContacts } from '../support/contacts.js';
import { oneRunLogin } from '../support/one-run-login.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { spawnNatter } from '../support/pty.js';
import { connectPeer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

/** RFC 6120 §8.3: an error about the message `id`, addressed to natter's full JID, with `text` as its description. */
const messageError = (to: string, id: string, text: string): Element =>
  xml('message', { to, type: 'error', id }, xml('error', { type: 'cancel' }, xml('service-unavailable', { xmlns: NS_STANZAS }), xml('text', { xmlns: NS_STANZAS }, text)));

/** The screen's rows that contain `text`. */
const rowsWith = (screen: string, text: string): string[] => screen.split('\n').filter((row) => row.includes(text));

it('an error about our message counts only from its recipient (or the recipient\'s server), on one line', async () => {
  const [a, b, c] = await Promise.all(['alice', 'bob', 'carol'].map((name) => registerAccount(info, uniqueLocal(name))));
  makeContacts(info, a!, b!, c!);
  const [bob, carol] = await Promise.all([connectPeer(info, b!), connectPeer(info, c!)]);
  cleanup.push(() => bob.stop(), () => carol.stop());
  const login = oneRunLogin(info, a!);
  cleanup.push(login.remove);
  const natter = spawnNatter({ cols: 120, rows: 30, args: login.args });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a!.jid}: online`);

  // carol learns natter's id (here from bob) and claims the message failed, with a text that
  // would write a line of its own under it. She answers the moment bob has it: before natter's
  // server acknowledges the message (XEP-0198 asks 250 ms after a send), and again after.
  bob.onMessage((m) => {
    if (m.body === 'hello bob') void carol.sendRaw(messageError(String(m.stanza.attrs.from), String(m.stanza.attrs.id), 'line1\nFORGED line 2'));
  });
  natter.type(`/msg ${b!.jid} hello bob\r`);
  const sent = await bob.waitForMessage((m) => m.body === 'hello bob');
  await natter.waitForText('✓ me: hello bob');
  await carol.sendRaw(messageError(String(sent.stanza.attrs.from), String(sent.stanza.attrs.id), 'line1\nFORGED line 3'));
  // carol's stanzas reach natter in the order she sent them: once her message is shown, her errors were handled.
  await carol.send(a!.jid, 'carol is done');
  await natter.waitForText(`[3:${c!.jid}`);
  let screen = await natter.screenText();
  expect(screen).toContain('✓ me: hello bob');
  expect(screen).not.toContain('✗');
  expect(screen).not.toContain('FORGED');

  // bob's own refusal counts, on one line: its newlines are spaces, its length bounded.
  natter.type('second try\r');
  const second = await bob.waitForMessage((m) => m.body === 'second try');
  await bob.sendRaw(messageError(String(second.stanza.attrs.from), String(second.stanza.attrs.id), `line1\nFORGED line 4\n${'x'.repeat(5000)}`));
  await natter.waitForText('✗ me: second try [not delivered: line1 FORGED line 4 x');
  screen = await natter.screenText();
  expect(rowsWith(screen, 'FORGED')).toHaveLength(1);
  expect(screen.split('x'.repeat(100)).length - 1).toBeLessThan(5); // not 5,000 x's over the screen
  expect(screen).toContain('✓ me: hello bob');
  // The console says what was ignored, in a line of natter's own words.
  natter.press('alt-1');
  await natter.waitForText(`ignored a delivery error from ${c!.jid}:`);
  expect(await natter.screenText()).not.toContain('FORGED');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
