import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { makeContacts } from '../support/contacts.js';
import { oneRunLogin } from '../support/one-run-login.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { spawnNatter, tempDirs, type PtySession } from '../support/pty.js';
import { connectPeer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** Fresh alice and bob, contacts, bob online; `run()` starts natter as alice on the same data each time. */
async function aliceAndBob() {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('alice')), registerAccount(info, uniqueLocal('bob'))]);
  makeContacts(info, a, b);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const login = oneRunLogin(info, a);
  const dirs = tempDirs();
  cleanup.push(login.remove, dirs.remove);
  const run = async (): Promise<PtySession> => {
    const natter = spawnNatter({ cols: 120, rows: 40, args: login.args, env: dirs.env });
    cleanup.push(() => natter.dispose());
    await natter.waitForText(`${a.jid}: online`);
    return natter;
  };
  const quit = async (natter: PtySession): Promise<void> => {
    natter.type('/quit\r');
    expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
  };
  /**
   * alice's phone is online while natter is not, and reads the archive itself (as Conversations
   * does): what bob sends then is only in her server archive. (Prosody's mod_smacks puts what a
   * phone that never asked the archive had not acknowledged into offline storage.)
   */
  const whilePhoneOnline = async (what: () => Promise<void>, last: string): Promise<void> => {
    const phone = await connectPeer(info, a, 'phone');
    try {
      await phone.request(xml('iq', { type: 'set' }, xml('query', { xmlns: 'urn:xmpp:mam:2' },
        xml('set', { xmlns: 'http://jabber.org/protocol/rsm' }, xml('max', {}, '0')))));
      await what();
      await phone.waitForMessage((m) => m.body === last);
    } finally {
      await phone.stop();
    }
  };
  return { a, b, bob, run, quit, whilePhoneOnline };
}

it('receipts and chat states bob sent while natter was away: no red line at login, the message reaches ✓✓ on screen and after a restart', async () => {
  const { a, b, bob, run, quit, whilePhoneOnline } = await aliceAndBob();
  const first = await run();
  first.type(`/msg ${b.jid} did you get this\r`);
  const sent = await bob.waitForMessage((m) => m.body === 'did you get this');
  await first.waitForText('✓ me: did you get this');
  await quit(first);

  const id = String(sent.stanza.attrs.id);
  await whilePhoneOnline(async () => {
    // What a client like Profanity or Poezio sends when bob reads it later; Prosody archives the
    // message, the receipt and the marker (mod_mam should_store), not a bare chat state.
    const chatState = (state: string) => bob.sendRaw(xml('message', { to: a.jid, type: 'chat' }, xml(state, { xmlns: 'http://jabber.org/protocol/chatstates' })));
    await chatState('composing');
    await bob.send(a.jid, 'sorry, I was away');
    await chatState('active');
    await bob.sendRaw(xml('message', { to: a.jid }, xml('received', { xmlns: 'urn:xmpp:receipts', id })));
    await bob.sendRaw(xml('message', { to: a.jid, type: 'chat' }, xml('displayed', { xmlns: 'urn:xmpp:chat-markers:0', id }),
      xml('active', { xmlns: 'http://jabber.org/protocol/chatstates' })));
    // The last one in the archive: once natter has it, it has read all of the above.
    await bob.send(a.jid, 'last one');
  }, 'last one');

  const second = await run();
  await second.waitForText(/\d+ messages? from the server archive/);
  const consoleText = await second.screenText();
  expect(consoleText).not.toContain('forged');
  expect(consoleText).not.toContain('archive result');
  second.type(`/msg ${b.jid}\r`);
  await second.waitForText(`${b.jid}: last one`);
  await second.waitForText('✓✓ me: did you get this');
  await quit(second);

  // Stored delivered: the next start shows it so, and reads none of it again.
  const third = await run();
  third.type(`/msg ${b.jid}\r`);
  await third.waitForText(`${b.jid}: last one`);
  await third.waitForText('✓✓ me: did you get this');
  third.press('alt-1');
  await third.waitForText(`${a.jid}: online`);
  const again = await third.screenText();
  expect(again).not.toContain('archive result');
  expect(again).not.toContain('from the server archive');
  await quit(third);
});

/** Waits for the clock's next second: archive and offline stamps have whole seconds. */
const nextSecond = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1001 - (Date.now() % 1000)));

it("a message caught up from the archive that is older than one kept offline is shown before it, on screen and after a restart", async () => {
  const { a, b, bob, run, quit, whilePhoneOnline } = await aliceAndBob();
  const first = await run();
  await bob.send(a.jid, 'seen live');
  await first.waitForText(`2:${b.jid} (1)`);
  first.type(`/msg ${b.jid}\r`);
  await first.waitForText(`${b.jid}: seen live`);
  await quit(first);

  // Bob writes while alice's phone is on (only the archive keeps it), then while all is off (the
  // server also keeps it offline, and hands that over at the next login before the archive answers).
  await whilePhoneOnline(() => bob.send(a.jid, 'one while your phone was on'), 'one while your phone was on');
  await nextSecond();
  await bob.send(a.jid, 'two while everything was off');

  const inOrder = async (natter: PtySession): Promise<void> => {
    natter.type(`/msg ${b.jid}\r`);
    await natter.waitForText(`${b.jid}: two while everything was off`);
    await natter.waitForText(`${b.jid}: one while your phone was on`);
    const screen = await natter.screenText();
    const places = ['seen live', 'one while your phone was on', 'two while everything was off'].map((text) => screen.indexOf(`${b.jid}: ${text}`));
    expect(places, screen).toEqual([...places].sort((x, y) => x - y));
    expect(screen.split('two while everything was off')).toHaveLength(2);
  };
  const second = await run();
  await second.waitForText(/\d+ messages? from the server archive/);
  await inOrder(second);
  await quit(second);
  const third = await run();
  await inOrder(third);
  await quit(third);
});
