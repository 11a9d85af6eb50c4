import xml, { type Element } from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';
import { startProsody, type ProsodyServer } from '../support/prosody.js';

// Prosody 0.12 has no XEP-0186 (nor prosody-modules, nor ejabberd 23.01): this private server
// loads the harness's mod_invisible_command.lua (test/support/prosody-modules), which does what
// §3.1 and §3.2 ask of a server. The refusal where a server lacks it is tested against the
// plain server (own-presence.test.ts).
let server: ProsodyServer;
beforeAll(async () => {
  server = await startProsody({ invisibleCommand: true });
});
afterAll(async () => server?.stop());
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** What bob's client reads of one presence: its type, or show|status when available. */
const seen = (stanza: Element): string =>
  String(stanza.attrs.type ?? `${stanza.getChildText('show') ?? ''}|${stanza.getChildText('status') ?? ''}`);

it('/invisible: a contact sees natter go offline and nothing more while it changes its status, messages still pass both ways; /visible shows the current presence', async () => {
  const { a, b, bob, natter } = await natterAndBob(server, cleanup, { contacts: true, cols: 140 });
  const fromNatter = (s: Element): boolean => String(s.attrs.from ?? '').startsWith(`${a.jid}/`);
  /** Everything bob has had from natter's resource so far, as `seen` reads it. */
  const presencesFromNatter = (): string[] => bob.presences.filter(fromNatter).map(seen);
  await bob.waitForPresence((s) => fromNatter(s) && s.attrs.type === undefined);

  natter.type('/invisible\r');
  await natter.waitForText(`${a.jid} is invisible: contacts see you as offline`);
  await natter.waitForText(`${a.jid}: online · invisible |`);
  // XEP-0186 §3.1: the server tells the contacts that had natter's presence that it went away.
  await bob.waitForPresence((s) => fromNatter(s) && s.attrs.type === 'unavailable');
  expect(presencesFromNatter()).toEqual(['|', 'unavailable']);

  // A new status while invisible: natter says it, the status line shows it, no contact gets it.
  natter.type('/status away lunch\r');
  await natter.waitForText(`${a.jid}: online · invisible · away: lunch`);
  // Invisible is not offline: bob's message reaches natter, natter's answer reaches bob.
  await bob.send(a.jid, 'are you there?');
  natter.type(`/msg ${b.jid} quietly, yes\r`);
  await natter.waitForText('are you there?');
  await bob.waitForMessage((m) => m.body === 'quietly, yes');
  // The answer left natter after the away presence on the same stream, and the server handles a
  // stream's stanzas in order: had the presence been passed on, bob would have it by now.
  // bob's own probe is not answered either (§3.1.1 7: "as if the account were offline").
  await bob.sendRaw(xml('presence', { to: a.jid, type: 'probe' }));
  await bob.request(xml('iq', { type: 'get', to: server.domain }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
  expect(presencesFromNatter()).toEqual(['|', 'unavailable']);

  // §3.2: visible again, natter sends its presence (the server does not): the current one.
  natter.type('/visible\r');
  await natter.waitForText(`${a.jid} is visible again`);
  await bob.waitForPresence((s) => fromNatter(s) && seen(s) === 'away|lunch');
  await natter.waitForText(`${a.jid}: online · away: lunch |`);
  expect(presencesFromNatter()).toEqual(['|', 'unavailable', 'away|lunch']);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
}, 60_000);

it('/invisible lasts across a new session: natter is invisible again before its initial presence, so a contact sees nothing', async () => {
  const { a, b, bob, natter } = await natterAndBob(server, cleanup, { contacts: true, cols: 140 });
  const fromNatter = (s: Element): boolean => String(s.attrs.from ?? '').startsWith(`${a.jid}/`);
  await bob.waitForPresence((s) => fromNatter(s) && s.attrs.type === undefined);
  await natter.waitForText(`+ ${b.local}`);
  natter.type('/invisible\r');
  await bob.waitForPresence((s) => fromNatter(s) && s.attrs.type === 'unavailable');
  const before = bob.presences.length;

  // XEP-0186 §2: "Invisible mode is active only for the current session": natter asks again.
  natter.type(`/disconnect ${a.jid}\r`);
  await natter.waitForText(`${a.jid}: offline`);
  await expect.poll(async () => (await natter.screenText()).includes(`+ ${b.local}`), { timeout: 10_000 }).toBe(false);
  natter.type(`/connect ${a.jid}\r`);
  await natter.waitForText(`${a.jid}: online · invisible |`);
  // bob shown online again: the server answered the probes it sends on natter's initial
  // presence, after it broadcast (or withheld) that presence; bob's ping then flushes his stream.
  await natter.waitForText(`+ ${b.local}`);
  await bob.request(xml('iq', { type: 'get', to: server.domain }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
  expect(bob.presences.slice(before).filter(fromNatter).map(seen)).toEqual([]);

  natter.type('/visible\r');
  await bob.waitForPresence((s) => fromNatter(s) && s.attrs.type === undefined);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
}, 60_000);
