import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { registerAccount, uniqueLocal, type ProsodyAccount } from '../support/prosody.js';
import { spawnNatter, type PtySession } from '../support/pty.js';
import { connectPeer, type Peer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

/** Two fresh accounts, bob online as the test peer, alice's password in a 0600 file. */
async function aliceAndBob(): Promise<{ a: ProsodyAccount; b: ProsodyAccount; bob: Peer; passwordFile: string }> {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('alice')), registerAccount(info, uniqueLocal('bob'))]);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const secrets = mkdtempSync(join(tmpdir(), 'natter-pw-'));
  cleanup.push(() => rmSync(secrets, { recursive: true, force: true }));
  const passwordFile = join(secrets, 'alice');
  writeFileSync(passwordFile, `${a.password}\n`, { mode: 0o600 });
  return { a, b, bob, passwordFile };
}

/** natter logged in as `jid` (password from a file through --password-command), disposed after the test. */
function natterAs(jid: string, passwordFile: string, size: { cols: number; rows: number }, env?: Record<string, string>): PtySession {
  const natter = spawnNatter({
    ...size,
    args: ['--jid', jid, '--host', info.host, '--port', String(info.c2sPort), '--ca-file', info.caFile, '--password-command', `cat '${passwordFile}'`],
    ...(env ? { env } : {}),
  });
  cleanup.push(() => natter.dispose());
  return natter;
}

it('logs in with a password command, chats with a peer both ways, and shows hostile text inert', async () => {
  const { a, b, bob, passwordFile } = await aliceAndBob();
  const natter: PtySession = spawnNatter({
    cols: 110,
    rows: 30,
    args: ['--jid', a.jid, '--host', info.host, '--port', String(info.c2sPort), '--ca-file', info.caFile, '--password-command', 'cat "$NATTER_TEST_PW"'],
    env: { NATTER_TEST_PW: passwordFile },
  });
  cleanup.push(() => natter.dispose());
  // The password reaches natter only through the command's stdout, never its argv.
  await natter.waitForText(`${a.jid}: online`);
  expect(natter.output()).not.toContain(a.password);

  natter.type(`/msg ${b.jid} hello bob`);
  natter.press('enter');
  await bob.waitForMessage((m) => m.body === 'hello bob');
  await natter.waitForText('me: hello bob');
  expect(await natter.screenText()).toContain(`2:${b.jid}`);

  // XML 1.0 forbids ESC and most C0 controls, but carries C1 controls (8-bit CSI U+009B,
  // OSC U+009D) and bidi overrides: what a hostile peer can really send.
  await bob.send(a.jid, 'hi \u009b2J\u009d0;pwned\u009calice \u202egnirts');
  await natter.waitForText(`${b.jid}: hi alice gnirts`);
  expect(natter.output()).not.toMatch(/\u009b|\u009d|\u202e|pwned/);

  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it('brings the conversation back from the history database after a restart', async () => {
  const { a, b, bob, passwordFile } = await aliceAndBob();
  const first = natterAs(a.jid, passwordFile, { cols: 110, rows: 30 });
  await first.waitForText(`${a.jid}: online`);
  first.type(`/msg ${b.jid} remember the milk\r`);
  await bob.waitForMessage((m) => m.body === 'remember the milk');
  await bob.send(a.jid, 'noted: milk');
  await first.waitForText(`${b.jid}: noted: milk`);
  first.type('/quit\r');
  expect((await first.waitForExit()).exitCode).toBe(0);

  // Same HOME and XDG dirs: the same history database.
  const second = natterAs(a.jid, passwordFile, { cols: 110, rows: 30 }, { HOME: first.dirs.home, XDG_DATA_HOME: first.dirs.data, XDG_CONFIG_HOME: first.dirs.config });
  await second.waitForText(`${a.jid}: online`);
  second.type(`/msg ${b.jid}\r`);
  await second.waitForText(`${b.jid}: noted: milk`);
  const text = await second.screenText();
  expect(text).toContain('me: remember the milk');
  expect(text.indexOf('me: remember the milk')).toBeLessThan(text.indexOf('noted: milk'));
  second.type('/quit\r');
  expect((await second.waitForExit()).exitCode).toBe(0);
});

it('what is on the screen is in the history database, even when natter is killed the moment it is drawn', async () => {
  const { a, b, bob, passwordFile } = await aliceAndBob();
  const natter = natterAs(a.jid, passwordFile, { cols: 110, rows: 30 });
  await natter.waitForText(`${a.jid}: online`);
  natter.type(`/msg ${b.jid}\r`);
  await natter.waitForText(`2:${b.jid}`);
  const bodies = Array.from({ length: 40 }, (_, i) => `burst ${i} of 40`);
  for (const body of bodies) await bob.send(a.jid, body);
  await natter.waitForText(`${b.jid}: burst 39 of 40`);
  natter.kill('SIGKILL'); // no exit handler runs: only what was committed survives
  await natter.waitForExit();
  const db = new DatabaseSync(join(natter.dirs.data, 'natter', 'history.sqlite'), { readOnly: true });
  try {
    const stored = (db.prepare("SELECT body FROM messages WHERE direction = 'in' AND peer = ? ORDER BY id").all(b.jid) as { body: string }[]).map((r) => r.body);
    expect(stored).toEqual(bodies);
  } finally {
    db.close();
  }
});

it('shows what the account sends and receives on another device (carbons) and ignores a spoofed carbon', async () => {
  const { a, b, bob, passwordFile } = await aliceAndBob();
  const phone = await connectPeer(info, a, 'phone');
  cleanup.push(() => phone.stop());
  const natter = natterAs(a.jid, passwordFile, { cols: 120, rows: 30 });
  await natter.waitForText(`${a.jid}: online`);
  natter.type(`/msg ${b.jid}\r`);
  await natter.waitForText(`2:${b.jid}`);
  // Carbons are enabled right after login; give the server the time to answer the IQ by
  // waiting for the phone's message to reach bob first.
  await expect
    .poll(async () => {
      await phone.send(b.jid, 'sent from my phone');
      await bob.waitForMessage((m) => m.body === 'sent from my phone', 2000);
      return (await natter.screenText()).includes('me: sent from my phone');
    }, { timeout: 10_000, interval: 300 })
    .toBe(true);

  await bob.send(`${a.jid}/phone`, 'to your phone only');
  await natter.waitForText(`${b.jid}: to your phone only`);

  await bob.sendRaw(
    xml('message', { to: a.jid, type: 'chat' },
      xml('received', { xmlns: 'urn:xmpp:carbons:2' },
        xml('forwarded', { xmlns: 'urn:xmpp:forward:0' },
          xml('message', { from: `${b.jid}/x`, to: a.jid, type: 'chat' }, xml('body', {}, 'forged by bob'))))),
  );
  natter.press('alt-1');
  await natter.waitForText('dropped a message (spoofed carbon from');
  expect(await natter.screenText()).toContain(`${b.jid}/peer)`);
  expect(await natter.screenText()).not.toContain('forged by bob');
  natter.press('alt-2');
  await natter.waitForText('to your phone only');
  expect(await natter.screenText()).not.toContain('forged by bob');
});

it('delivery receipts (XEP-0184): a confirmed message shows ✓✓, and a request from a correspondent is answered', async () => {
  const { a, b, bob, passwordFile } = await aliceAndBob();
  const natter = natterAs(a.jid, passwordFile, { cols: 120, rows: 30 });
  await natter.waitForText(`${a.jid}: online`);
  natter.type(`/msg ${b.jid}\r`); // opens the tab; nothing written yet
  await natter.waitForText(`2:${b.jid}`);
  // A stranger's request is not answered: a receipt would tell them natter is online.
  await bob.sendRaw(xml('message', { to: a.jid, type: 'chat', id: 'before' }, xml('body', {}, 'who are you'), xml('request', { xmlns: 'urn:xmpp:receipts' })));
  await natter.waitForText(`${b.jid}: who are you`);

  natter.type(`/msg ${b.jid} did you get this\r`);
  const sent = await bob.waitForMessage((m) => m.body === 'did you get this');
  expect(sent.stanza.getChild('request', 'urn:xmpp:receipts')).toBeDefined();
  await natter.waitForText('✓ me: did you get this');
  await bob.sendRaw(xml('message', { to: String(sent.stanza.attrs.from) }, xml('received', { xmlns: 'urn:xmpp:receipts', id: String(sent.stanza.attrs.id) })));
  await natter.waitForText('✓✓ me: did you get this');

  await bob.sendRaw(xml('message', { to: a.jid, type: 'chat', id: 'r-1' }, xml('body', {}, 'and this?'), xml('request', { xmlns: 'urn:xmpp:receipts' })));
  const receipt = await bob.waitForStanza((s) => s.getChild('received', 'urn:xmpp:receipts')?.attrs.id === 'r-1');
  expect(String(receipt.attrs.from)).toMatch(new RegExp(`^${a.jid}/`));
  expect(bob.received.length).toBeGreaterThan(0);
  // Stanzas arrive in order: had the stranger's request been answered, it would be here already.
  const before = await bob.waitForStanza((s) => s.getChild('received', 'urn:xmpp:receipts')?.attrs.id === 'before', 1).catch(() => undefined);
  expect(before).toBeUndefined();
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it('catches up from the server archive (MAM) after a restart: what came and what another device sent, each once', async () => {
  const { a, b, bob, passwordFile } = await aliceAndBob();
  const first = natterAs(a.jid, passwordFile, { cols: 120, rows: 30 });
  await first.waitForText(`${a.jid}: online`);
  first.type(`/msg ${b.jid}\r`);
  await bob.send(a.jid, 'before the break');
  await first.waitForText(`${b.jid}: before the break`);
  first.type('/quit\r');
  expect((await first.waitForExit()).exitCode).toBe(0);

  // While natter is away: bob writes, and alice answers from her phone.
  await bob.send(a.jid, 'while you were out 1');
  await bob.send(a.jid, 'while you were out 2');
  const phone = await connectPeer(info, a, 'phone');
  await phone.send(b.jid, 'answered from the phone');
  await phone.stop();

  const second = natterAs(a.jid, passwordFile, { cols: 120, rows: 30 }, { HOME: first.dirs.home, XDG_DATA_HOME: first.dirs.data, XDG_CONFIG_HOME: first.dirs.config });
  await second.waitForText(`${a.jid}: online`);
  await second.waitForText(/\d+ messages? from the server archive/);
  second.type(`/msg ${b.jid}\r`);
  await second.waitForText('me: answered from the phone');
  await second.waitForText('── new messages'); // they came while the console was in front
  const text = await second.screenText();
  for (const body of ['before the break', 'while you were out 1', 'while you were out 2', 'answered from the phone']) {
    expect(text.split(body), body).toHaveLength(2);
  }
  expect(text.indexOf('while you were out 2')).toBeLessThan(text.indexOf('answered from the phone'));
  second.type('/quit\r');
  expect((await second.waitForExit()).exitCode).toBe(0);
});

it('chat states (XEP-0085): typing tells the peer once, the peer typing shows on the status line and tab bar', async () => {
  const { a, b, bob, passwordFile } = await aliceAndBob();
  const natter = natterAs(a.jid, passwordFile, { cols: 140, rows: 30 });
  await natter.waitForText(`${a.jid}: online`);
  natter.type(`/msg ${b.jid} hi bob\r`);
  const first = await bob.waitForMessage((m) => m.body === 'hi bob');
  expect(first.stanza.getChild('active', 'http://jabber.org/protocol/chatstates')).toBeDefined();
  const NS = 'http://jabber.org/protocol/chatstates';
  const composing = (s: { getChild(name: string, ns: string): unknown }) => s.getChild('composing', NS) !== undefined;

  natter.type('I am wri');
  await bob.waitForStanza((s) => composing(s) && s.getChild('body') === undefined);
  natter.type('ting more');
  natter.press('enter');
  await bob.waitForMessage((m) => m.body === 'I am writing more');
  // Seventeen keys, one notification: composing is sent on the change only.
  expect(bob.stanzas.filter((s) => composing(s))).toHaveLength(1);

  await bob.sendRaw(xml('message', { to: a.jid, type: 'chat' }, xml('composing', { xmlns: NS })));
  await natter.waitForText(`${b.jid} is typing…`);
  await natter.waitForText(`2:${b.jid}…`);
  await bob.sendRaw(xml('message', { to: a.jid, type: 'chat' }, xml('paused', { xmlns: NS })));
  await natter.waitForText(`${b.jid} stopped typing`);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it('corrections (XEP-0308): Up on an empty line corrects the last message; the peer corrects theirs; nobody corrects someone else\'s', async () => {
  const { a, b, bob, passwordFile } = await aliceAndBob();
  const natter = natterAs(a.jid, passwordFile, { cols: 140, rows: 30 });
  await natter.waitForText(`${a.jid}: online`);
  natter.type(`/msg ${b.jid} see you at 5\r`);
  const original = await bob.waitForMessage((m) => m.body === 'see you at 5');
  await natter.waitForText('me: see you at 5');
  natter.press('up');
  await natter.waitForText('> /correct see you at 5');
  natter.press('backspace');
  natter.type('6\r');
  const correction = await bob.waitForMessage((m) => m.body === 'see you at 6');
  expect(correction.stanza.getChild('replace', 'urn:xmpp:message-correct:0')?.attrs.id).toBe(original.stanza.attrs.id);
  await natter.waitForText('me: see you at 6 (edited)');
  expect(await natter.screenText()).not.toContain('see you at 5');

  const NS = 'urn:xmpp:message-correct:0';
  await bob.sendRaw(xml('message', { to: a.jid, type: 'chat', id: 'b-1' }, xml('body', {}, 'helo')));
  await natter.waitForText(`${b.jid}: helo`);
  await bob.sendRaw(xml('message', { to: a.jid, type: 'chat', id: 'b-2' }, xml('body', {}, 'hello'), xml('replace', { xmlns: NS, id: 'b-1' })));
  await natter.waitForText(`${b.jid}: hello (edited)`);
  // bob tries to "correct" alice's message: it is not hers to replace, so it shows as new.
  await bob.sendRaw(xml('message', { to: a.jid, type: 'chat', id: 'b-3' }, xml('body', {}, 'I never said 6'), xml('replace', { xmlns: NS, id: String(original.stanza.attrs.id) })));
  await natter.waitForText(`${b.jid}: I never said 6`);
  expect(await natter.screenText()).toContain('me: see you at 6 (edited)');
  // Reopened from the history database: corrections shown in place, originals kept but not shown.
  natter.type('/close\r');
  await expect.poll(async () => (await natter.screenText()).includes(`2:${b.jid}`)).toBe(false);
  natter.type(`/msg ${b.jid}\r`);
  await natter.waitForText(`[2:${b.jid}]`);
  await natter.waitForText(`${b.jid}: hello (edited)`);
  const reopened = await natter.screenText();
  expect(reopened).toContain('me: see you at 6 (edited)');
  expect(reopened).not.toContain('helo');
  natter.type('/me waves goodbye\r');
  await natter.waitForText('* me waves goodbye').catch(async (error: unknown) => {
    natter.press('alt-1'); // on failure, say what the console says
    await natter.waitForText('Type /help for the commands');
    const stat = (() => { try { return readFileSync(`/proc/${natter.pid}/stat`, 'utf8'); } catch { return 'gone'; } })();
    throw new Error(`${String(error)}\n--- proc ---\n${stat}\n--- console ---\n${await natter.screenText()}`);
  }); // shown as soon as it is stored
  // In its own style: italic (SGR 3) and the action colour (yellow, SGR 33), whichever comes first.
  // eslint-disable-next-line no-control-regex
  expect(natter.output()).toMatch(/(\u001b\[(3|33)m){2}(\S+ )?\* me waves goodbye/);
  await bob.waitForMessage((m) => m.body === '/me waves goodbye');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it('unread messages stay unread across a restart: the tab comes back with its count, Alt-A goes to it', async () => {
  const { a, b, bob, passwordFile } = await aliceAndBob();
  const first = natterAs(a.jid, passwordFile, { cols: 120, rows: 30 });
  await first.waitForText(`${a.jid}: online`);
  await bob.send(a.jid, 'read me later');
  await first.waitForText(`[2:${b.jid} (1)]`);
  first.type('/quit\r');
  expect((await first.waitForExit()).exitCode).toBe(0);

  const second = natterAs(a.jid, passwordFile, { cols: 120, rows: 30 }, { HOME: first.dirs.home, XDG_DATA_HOME: first.dirs.data, XDG_CONFIG_HOME: first.dirs.config });
  await second.waitForText(`[2:${b.jid} (1)]`); // from the database, before the login is done
  second.press('alt-a');
  await second.waitForText('── new messages');
  await second.waitForText(`${b.jid}: read me later`);
  second.type('/quit\r');
  expect((await second.waitForExit()).exitCode).toBe(0);

  // Read now: a third start shows the tab without a count (it is not reopened at all).
  const third = natterAs(a.jid, passwordFile, { cols: 120, rows: 30 }, { HOME: first.dirs.home, XDG_DATA_HOME: first.dirs.data, XDG_CONFIG_HOME: first.dirs.config });
  await third.waitForText(`${a.jid}: online`);
  expect(await third.screenText()).not.toContain(`${b.jid} (1)`);
  third.type('/quit\r');
  expect((await third.waitForExit()).exitCode).toBe(0);
});
