import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { oneRunLogin } from '../support/one-run-login.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { spawnNatter } from '../support/pty.js';
import { startRewritingProxy } from '../support/rewriting-proxy.js';
import { execFileAsync } from '../support/run.js';
import { connectPeer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const NS_MUC = 'http://jabber.org/protocol/muc';
/**
 * What a hostile server puts where natter shows text: an 8-bit CSI (a colour natter never uses,
 * 256-colour 201; Ink turns it into a working 7-bit ESC [ sequence), an 8-bit OSC (sets the
 * window title) and bidi overrides. XML 1.0 can carry them all; ESC and other C0 controls it
 * cannot. The visible "evil" is what should remain.
 */
const HOSTILE = '\u202eevil\u2067\u009b38;5;201m\u009d0;pwned\u009c';
/** The colour the network asked for, however it reaches the terminal. */
const INJECTED_COLOUR = '38;5;201';
/** Bytes that must never reach the terminal from the network: C1 controls, bidi controls. */
const FORBIDDEN = /[\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** Prosody refuses these characters in JIDs (resourceprep); the hostile server puts them where this marker is. */
const MARKER = 'zqxhostile';

/** What of HOSTILE reached the terminal in `output`: forbidden characters, the injected colour, the title. */
function leaksIn(output: string): string[] {
  const characters = [...output].filter((c) => FORBIDDEN.test(c)).map((c) => `U+${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
  return [...new Set(characters), ...(output.includes(INJECTED_COLOUR) ? ['the injected colour'] : []), ...(output.includes('pwned') ? ['the title'] : [])];
}

it('JIDs, nicks and attributes from a hostile server reach the screen, the console and the command line inert', async () => {
  const [a, mallory, carol, dave] = await Promise.all([
    registerAccount(info, uniqueLocal('alice')), registerAccount(info, uniqueLocal(`mallory-${MARKER}`)),
    registerAccount(info, uniqueLocal('carol')), registerAccount(info, uniqueLocal('dave')),
  ]);
  const proxy = await startRewritingProxy(info, MARKER, HOSTILE);
  cleanup.push(() => proxy.stop());
  const login = oneRunLogin(info, a, { port: proxy.port });
  cleanup.push(login.remove);
  const natter = spawnNatter({ cols: 160, rows: 40, args: [...login.args, '--direct-tls'] });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a.jid}: online`);
  // What natter wrote to the terminal since `mark`, for each way in (soft: every leak is listed).
  const since = (mark: number): string => natter.output().slice(mark);

  // A stranger's JID in console lines: a subscription request, a forged carbon from a resource.
  const stranger = await connectPeer(info, mallory, `phone-${MARKER}`);
  cleanup.push(() => stranger.stop());
  let mark = natter.output().length;
  await stranger.sendRaw(xml('presence', { to: a.jid, type: 'subscribe' }));
  await natter.waitForText('asks to see your presence');
  expect.soft(leaksIn(since(mark)), 'the subscription request').toEqual([]);
  mark = natter.output().length;
  natter.type('/accept ');
  natter.press('tab');
  await natter.waitForText(/> \/accept mallory-evil/);
  expect.soft(leaksIn(since(mark)), 'the requester completed after /accept').toEqual([]);
  natter.type('\u0015'); // Ctrl-U: the line emptied
  mark = natter.output().length;
  const forged = xml('message', { from: a.jid, to: a.jid, type: 'chat' }, xml('body', {}, 'forged'));
  await stranger.sendRaw(xml('message', { to: a.jid }, xml('received', { xmlns: 'urn:xmpp:carbons:2' }, xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, forged))));
  await natter.waitForText('spoofed carbon from');
  expect.soft(leaksIn(since(mark)), 'the forged carbon').toEqual([]);

  // A room: two occupants with hostile nicks; one sends a private message with a hostile type.
  const room = `${uniqueLocal('den')}@conference.localhost`;
  const [c, d] = await Promise.all([connectPeer(info, carol), connectPeer(info, dave)]);
  cleanup.push(() => c.stop(), () => d.stop());
  await c.sendRaw(xml('presence', { to: `${room}/n1-${MARKER}` }, xml('x', { xmlns: NS_MUC })));
  await c.request(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: `${NS_MUC}#owner` }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' }))));
  await d.sendRaw(xml('presence', { to: `${room}/n2-${MARKER}` }, xml('x', { xmlns: NS_MUC })));
  await d.waitForPresence((p) => p.attrs.from === `${room}/n2-${MARKER}`);
  natter.type(`/join ${room}/alice\r`);
  await natter.waitForText('joined as alice; 3 people here');
  // Prosody relays a message type it does not know as it is: no rewriting needed.
  mark = natter.output().length;
  await c.sendRaw(xml('message', { to: `${room}/alice`, type: `chat${HOSTILE}` }, xml('body', {}, 'psst'), xml('x', { xmlns: `${NS_MUC}#user` })));
  await natter.waitForText('dropped a stanza from the room');
  expect.soft(leaksIn(since(mark)), "the private message's type").toEqual([]);

  // Nick completion: "n" + Tab lists both nicks (in the room's tab, where Tab was pressed),
  // "n1" + Tab puts one in the line.
  mark = natter.output().length;
  natter.type('n');
  natter.press('tab');
  await natter.waitForText(/n1-evil.* {2}n2-evil/);
  expect.soft(leaksIn(since(mark)), 'the candidates').toEqual([]);
  mark = natter.output().length;
  natter.type('1');
  natter.press('tab');
  await natter.waitForText(/> n1-evil.*: /);
  expect.soft(leaksIn(since(mark)), 'the completed nick in the command line').toEqual([]);
  mark = natter.output().length;
  natter.press('alt-1'); // the console, with the request and the carbon
  await natter.waitForText('spoofed carbon from');
  expect.soft(leaksIn(since(mark)), 'the console').toEqual([]);
  const screen = await natter.screenText();
  expect(screen).toMatch(new RegExp(`mallory-evil[^ ]*@localhost asks to see your presence`));
  expect(screen).toMatch(/spoofed carbon from mallory-evil[^ ]*@localhost\/phone-evil/);

  expect(leaksIn(natter.output()), 'the whole run').toEqual([]);
});

it("a man in the middle's certificate names (its subject and issuer) reach the console and the status line inert", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'natter-mitm-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
  await execFileAsync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-utf8',
    '-subj', `/CN=localhost${HOSTILE}`, '-keyout', key, '-out', cert]);
  const a = await registerAccount(info, uniqueLocal('alice'));
  const proxy = await startRewritingProxy(info, MARKER, HOSTILE, { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') });
  cleanup.push(() => proxy.stop());
  const login = oneRunLogin(info, a, { port: proxy.port });
  cleanup.push(login.remove);
  // Wide enough for the status line to hold the whole reason, names and all.
  const natter = spawnNatter({ cols: 400, rows: 30, args: [...login.args, '--direct-tls'] });
  cleanup.push(() => natter.dispose());
  // The certificate is not the server's: natter says why (its names in it) and asks.
  await natter.waitForText('Trust this certificate? (always/once/refuse)');
  await natter.waitForText(/issued to localhostevil by localhostevil, valid/);
  await natter.waitForText(/natter \| .*: failed: .*issued to localhostevil/);
  expect(leaksIn(natter.output())).toEqual([]);
});
