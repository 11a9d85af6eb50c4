import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { registerAccount, uniqueLocal, type ProsodyAccount } from '../support/prosody.js';
import { runNatter, tempDirs } from '../support/pty.js';
import { connectPeer, type Peer } from '../support/xmpp-peer.js';

const info = inject('prosody');
let a: ProsodyAccount;
let b: ProsodyAccount;
let bob: Peer;
let dir: string;
const dirs = tempDirs();

beforeAll(async () => {
  [a, b] = await Promise.all([registerAccount(info, uniqueLocal('file-a')), registerAccount(info, uniqueLocal('file-b'))]);
  bob = await connectPeer(info, b);
  dir = mkdtempSync(join(tmpdir(), 'natter-file-'));
  writeFileSync(join(dir, 'pw'), `${a.password}\n`, { mode: 0o600 });
});
afterAll(async () => {
  await bob.stop();
  rmSync(dir, { recursive: true, force: true });
  dirs.remove();
});

const login = () => ['--jid', a.jid, '--host', info.host, '--port', String(info.c2sPort), '--ca-file', info.caFile, '--password-command', `cat '${join(dir, 'pw')}'`];
const send = (args: string[]) => runNatter(['send', ...login(), ...args], { env: dirs.env });

/** What a recipient's client does with the link: download it (over TLS, verified against the test CA). */
function download(url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    get(url, { ca: info.caPem }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`HTTP ${res.statusCode}`))));
    }).on('error', reject);
  });
}

it('natter send --file uploads the file (XEP-0363) and sends its link, after the text; the peer can download it', async () => {
  const content = randomBytes(300_000);
  const path = join(dir, 'build log 7.tar.gz');
  writeFileSync(path, content);
  const result = await send(['--json', '--file', path, b.jid, 'the', 'build', 'log']);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  const answer = JSON.parse(result.stdout) as { ok: boolean; url: string };
  expect(answer).toMatchObject({ ok: true, url: expect.stringMatching(/^https:\/\/.*build(%20| )log(%20| )7\.tar\.gz$/) });

  await bob.waitForMessage((m) => m.body === 'the build log');
  const link = await bob.waitForMessage((m) => m.body === answer.url);
  // XEP-0066 out-of-band data beside the body, so clients show it as a file.
  expect(link.stanza.getChild('x', 'jabber:x:oob')?.getChildText('url')).toBe(answer.url);
  expect((await download(answer.url)).equals(content)).toBe(true);
});

it('refuses a missing file before logging in (exit 2) and a file over the service limit (exit 1), each with one clear line', async () => {
  const missing = await send(['--file', join(dir, 'nope.txt'), b.jid]);
  expect(missing.code).toBe(2);
  expect(missing.stderr.trim()).toBe(`natter: can not read ${join(dir, 'nope.txt')}: no such file`);

  const big = join(dir, 'big.iso');
  writeFileSync(big, '');
  truncateSync(big, 11 * 1024 * 1024); // the test server takes up to 10 MiB
  const tooBig = await send(['--file', big, b.jid]);
  expect(tooBig.code).toBe(1);
  expect(tooBig.stderr.trim()).toBe('natter: big.iso is 11534336 bytes; upload.localhost takes files up to 10485760 bytes');

  const usage = await send(['--file', big, '--follow', b.jid]);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('--file and --follow do not go together.');
});
