import { afterEach, expect, inject, it } from 'vitest';
import { startHostileTlsServer } from '../support/hostile-tls-server.js';
import { oneRunLogin } from '../support/one-run-login.js';
import { SERVER_STREAM_HEADER, startPlainFakeServer } from '../support/plain-fake-server.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { runNatter, spawnNatter, tempDirs } from '../support/pty.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

// What a certificate's maker can write in its names (64 characters each; no '/', which openssl
// -subj splits on): an OSC 52 clipboard write, an OSC 0 window title, SGR 8 (hidden text) in
// the server's name, an OSC 8 link in its issuer's.
const EVIL_CN = 'evil\u001b]52;c;aGVsbG8=\u0007\u001b]0;pwned\u0007\u001b[8mhidden';
const EVIL_ISSUER = '\u001b]8;;https:x.example\u0007link\u001b]8;;\u0007 CA';
const INJECTED = ['\u001b]52;', '\u001b]0;pwned', '\u001b]8;;', '\u001b[8m'];

async function login() {
  const account = await registerAccount(info, uniqueLocal('alice'));
  const mitm = await startHostileTlsServer('', undefined, { cn: EVIL_CN, caCn: EVIL_ISSUER });
  cleanup.push(() => mitm.stop());
  const creds = oneRunLogin(info, account);
  cleanup.push(creds.remove);
  const dirs = tempDirs();
  cleanup.push(dirs.remove);
  return { account, dirs, args: [...creds.argsFor(mitm.port), '--direct-tls'] };
}

it('natter send: a certificate name with escape sequences reaches stderr inert (issue 17, item 3)', async () => {
  const { dirs, args } = await login();
  const result = await runNatter(['send', ...args, 'bob@localhost', 'hi'], { env: dirs.env });
  expect(result.code).toBe(4);
  expect(result.stderr).toContain('could not be verified');
  expect(result.stderr).toContain('issued to evilhidden by link CA');
  // eslint-disable-next-line no-control-regex -- the point: no control character at all
  expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
});

it('the trust prompt on the screen shows a hostile certificate name inert (issue 17, item 3)', async () => {
  const { dirs, args } = await login();
  const natter = spawnNatter({ cols: 160, rows: 30, args, env: dirs.env });
  cleanup.push(() => natter.dispose());
  await natter.waitForText('Trust this certificate? (always/once/refuse)');
  await natter.waitForText('issued to evilhidden by link CA');
  for (const sequence of INJECTED) expect(natter.output()).not.toContain(sequence);
  natter.type('refuse\r');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

// XML can not carry ESC, but it carries C1 controls (U+009D is OSC in 8-bit terminals) and bidi overrides.
const C1_TEXT = 'go away\u009d0;c1 title\u009c \u202eevil\u202c\nsecond line';

it('a stream error text with C1 controls and bidi overrides reaches stderr and the screen inert (issue 17, item 3)', async () => {
  const account = await registerAccount(info, uniqueLocal('alice'));
  const server = await startPlainFakeServer(
    `${SERVER_STREAM_HEADER('localhost')}<stream:error><policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>` +
      `<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>${C1_TEXT}</text></stream:error></stream:stream>`,
    { end: true },
  );
  cleanup.push(() => server.stop());
  const port = server.port;
  const creds = oneRunLogin(info, account);
  cleanup.push(creds.remove);
  const dirs = tempDirs();
  cleanup.push(dirs.remove);
  const sent = await runNatter(['send', ...creds.argsFor(port), 'bob@localhost', 'hi'], { env: dirs.env });
  expect(sent.code).not.toBe(0);
  expect(sent.stderr).toContain('go away');
  expect(sent.stderr).not.toMatch(/[\u0080-\u009f\u202a-\u202e]/);

  const natter = spawnNatter({ cols: 160, rows: 30, args: creds.argsFor(port), env: dirs.env });
  cleanup.push(() => natter.dispose());
  await natter.waitForText('go away');
  expect(natter.output()).not.toMatch(/[\u0080-\u009f\u202a-\u202e]/);
  expect(await natter.screenText()).not.toContain('\nsecond line');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
