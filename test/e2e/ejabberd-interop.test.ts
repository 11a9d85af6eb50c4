import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { join } from 'node:path';
import xml from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startEjabberd, type EjabberdServer } from '../support/ejabberd.js';
import { aliceAndBobOn, secondDevice, storedBodies, STRICT_ACK_QUEUE } from '../support/ejabberd-natter.js';
import { runNatter, spawnNatter } from '../support/pty.js';

// natter against Debian's ejabberd 23.01 with a strict XEP-0198 queue (STRICT_ACK_QUEUE), one
// private node for this file: direct TLS, the refusal of an unknown CA, carbons, archive
// catch-up, a room and HTTP upload.
let ejabberd: EjabberdServer;
beforeAll(async () => {
  ejabberd = await startEjabberd({ maxAckQueue: STRICT_ACK_QUEUE });
}, 60_000);
afterAll(() => ejabberd?.stop());
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const NS_MUC = 'http://jabber.org/protocol/muc';

it('logs in over direct TLS (XEP-0368) with the private CA and chats', async () => {
  const { a, b, bob, run } = await aliceAndBobOn(ejabberd, cleanup);
  const natter = await run({ port: ejabberd.directTlsPort, extraArgs: ['--direct-tls'] });
  natter.type(`/msg ${b.jid} over direct TLS\r`);
  await bob.waitForMessage((m) => m.body === 'over direct TLS' && m.from.startsWith(`${a.jid}/`));
  await bob.send(a.jid, 'heard you');
  await natter.waitForText(`${b.jid}: heard you`);
});

it('without the CA, says the certificate is not trusted and sends no credential, over STARTTLS and direct TLS', async () => {
  const { a, bob, login } = await aliceAndBobOn(ejabberd, cleanup);
  for (const [port, extra] of [[ejabberd.c2sPort, []], [ejabberd.directTlsPort, ['--direct-tls']]] as const) {
    // The password command leaves a mark when it runs: natter asks for the password just in time.
    const mark = join(login.dir, `asked-${port}`);
    const natter = spawnNatter({
      cols: 160, rows: 30,
      args: ['--jid', a.jid, '--host', ejabberd.host, '--port', String(port), '--password-command', `touch '${mark}'; cat '${join(login.dir, 'pw')}'`, ...extra],
    });
    cleanup.push(() => natter.dispose());
    await natter.waitForText(`${a.jid}: the certificate of localhost could not be verified (SELF_SIGNED_CERT_IN_CHAIN)`, 20_000);
    await natter.waitForText('Trust this certificate? (always/once/refuse)');
    natter.type('refuse\r');
    await natter.waitForText(`natter | ${a.jid}: failed: the certificate of localhost could not be verified`);
    expect(existsSync(mark)).toBe(false);
    natter.type('/quit\r');
    expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
  }
  // Nor did ejabberd see a login attempt for alice: it logs each ("Accepted c2s PLAIN
  // authentication for bob@localhost ...", or "Failed ...").
  expect(ejabberd.log()).toMatch(new RegExp(`authentication for ${bob.jid.split('@')[0]}@localhost`));
  expect(ejabberd.log()).not.toMatch(new RegExp(`authentication for ${a.local}@localhost`));
});

it('carbons: shows what a second device of the account sends (as its own) and receives', async () => {
  const { a, b, bob, dirs, run } = await aliceAndBobOn(ejabberd, cleanup);
  const phone = await secondDevice(ejabberd, a, cleanup);
  const natter = await run();
  natter.type(`/msg ${b.jid}\r`);
  await natter.waitForText(`2:${b.jid}`);
  // Carbons are enabled right after login: send from the phone until natter shows one.
  await expect.poll(async () => {
    await phone.send(b.jid, 'sent from my phone');
    await bob.waitForMessage((m) => m.body === 'sent from my phone', 2000);
    return (await natter.screenText()).includes('me: sent from my phone');
  }, { timeout: 10_000, interval: 300 }).toBe(true);
  await bob.send(`${a.jid}/phone`, 'to your phone only');
  await natter.waitForText(`${b.jid}: to your phone only`);
  expect(storedBodies(dirs.data, b.jid, 'out')).toContain('sent from my phone');
  expect(storedBodies(dirs.data, b.jid, 'in')).toEqual(['to your phone only']);
});

it('catches up from the archive (MAM) at login: what came while natter was away, in order, once', async () => {
  const { a, b, bob, dirs, run } = await aliceAndBobOn(ejabberd, cleanup);
  const first = await run();
  first.type('/quit\r');
  expect(await first.waitForExit()).toEqual({ exitCode: 0 });

  // While alice's phone is online, what bob sends reaches the phone and the archive only.
  const toPhone = Array.from({ length: 3 }, (_, i) => `while your phone was on ${i}`);
  const phone = await secondDevice(ejabberd, a, []);
  for (const body of toPhone) await bob.send(a.jid, body);
  await phone.waitForMessage((m) => m.body === toPhone.at(-1));
  await phone.stop();
  // With no device online, ejabberd keeps them offline too, and hands them over at login as
  // well as in the archive: natter must store and show each once.
  const offline = Array.from({ length: 3 }, (_, i) => `while you were away ${i}`);
  for (const body of offline) await bob.send(a.jid, body);

  const second = await run();
  await second.waitForText(/\d+ messages? from the server archive/);
  second.type(`/msg ${b.jid}\r`);
  await second.waitForText(`${b.jid}: ${offline.at(-1)}`);
  const away = [...toPhone, ...offline];
  const shown = await second.screenText();
  const at = away.map((body) => shown.indexOf(body));
  expect(at.every((i) => i >= 0), shown).toBe(true);
  expect([...at].sort((x, y) => x - y)).toEqual(at);
  for (const body of away) expect(shown.split(body).length - 1).toBe(1);
  expect(storedBodies(dirs.data, b.jid, 'in')).toEqual(away);
});

it('joins a room, talks in it and lists its people', async () => {
  const { a, bob, run } = await aliceAndBobOn(ejabberd, cleanup);
  const room = `room-${randomBytes(3).toString('hex')}@conference.localhost`;
  await bob.sendRaw(xml('presence', { to: `${room}/bob` }, xml('x', { xmlns: NS_MUC })));
  await bob.waitForPresence((p) => p.attrs.from === `${room}/bob`);
  // XEP-0045 §10.1.2: the new room is locked until its owner accepts the default configuration.
  await bob.request(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: `${NS_MUC}#owner` }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' }))));
  const natter = await run();
  natter.type(`/join ${room}/alice\r`);
  await natter.waitForText('joined as alice; 2 people here');
  await bob.sendRaw(xml('message', { to: room, type: 'groupchat' }, xml('body', {}, 'welcome alice')));
  await natter.waitForText('bob: welcome alice');
  natter.type('thanks bob\r');
  await bob.waitForMessage((m) => m.body === 'thanks bob' && m.from === `${room}/alice`);
  natter.type('/who\r');
  // ejabberd makes every occupant of this room a moderator; the order is the nicks' then.
  await natter.waitForText(`2 in ${room}: alice (moderator), bob (moderator)`);
  expect(await natter.screenText()).toContain(`natter | ${a.jid}: online | ${room}`);
});

/** What a recipient's client does with the link: download it over TLS, verified against the test CA. */
function download(url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    get(url, { ca: ejabberd.caPem }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`HTTP ${res.statusCode}`))));
    }).on('error', reject);
  });
}

it('uploads a file to ejabberd (XEP-0363, natter send --file): the peer gets the link and the same bytes', async () => {
  const { b, bob, login, dirs } = await aliceAndBobOn(ejabberd, cleanup);
  const content = randomBytes(200_000);
  const path = join(login.dir, 'notes 1.bin');
  writeFileSync(path, content);
  const result = await runNatter(['send', ...login.args, '--json', '--file', path, b.jid, 'the', 'notes'], { env: dirs.env });
  expect(result.code, result.stdout + result.stderr).toBe(0);
  const answer = JSON.parse(result.stdout) as { ok: boolean; url: string };
  expect(answer).toMatchObject({ ok: true, url: expect.stringMatching(/^https:\/\/localhost:\d+\/upload\/.*notes(%20| |_)1\.bin$/) });
  await bob.waitForMessage((m) => m.body === 'the notes');
  const link = await bob.waitForMessage((m) => m.body === answer.url);
  expect(link.stanza.getChild('x', 'jabber:x:oob')?.getChildText('url')).toBe(answer.url);
  expect((await download(answer.url)).equals(content)).toBe(true);
});
