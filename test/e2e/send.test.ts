import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xml from '@xmpp/xml';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { registerAccount, uniqueLocal, type ProsodyAccount } from '../support/prosody.js';
import { NATTER_BIN, runNatter, tempDirs } from '../support/pty.js';
import { connectPeer, type Peer } from '../support/xmpp-peer.js';

const info = inject('prosody');
let a: ProsodyAccount;
let b: ProsodyAccount;
let bob: Peer;
let secrets: string;
const dirs = tempDirs();

beforeAll(async () => {
  [a, b] = await Promise.all([registerAccount(info, uniqueLocal('send-a')), registerAccount(info, uniqueLocal('send-b'))]);
  bob = await connectPeer(info, b);
  secrets = mkdtempSync(join(tmpdir(), 'natter-pw-'));
  writeFileSync(join(secrets, 'pw'), `${a.password}\n`, { mode: 0o600 });
  writeFileSync(join(secrets, 'wrong'), 'not-the-password\n', { mode: 0o600 });
});
afterAll(async () => {
  await bob.stop();
  rmSync(secrets, { recursive: true, force: true });
  dirs.remove();
});

const login = (password = 'pw', ca = true) => [
  '--jid', a.jid, '--host', info.host, '--port', String(info.c2sPort),
  ...(ca ? ['--ca-file', info.caFile] : []), '--password-command', `cat '${join(secrets, password)}'`,
];
const send = (args: string[], input = '') => runNatter(['send', ...args], { env: dirs.env, input });

it('sends the text after the JID, exits 0 once the server has it, and keeps stdout clean', async () => {
  const result = await send([...login(), b.jid, 'deploy', 'started']);
  expect(result).toMatchObject({ code: 0, stdout: '' });
  await bob.waitForMessage((m) => m.body === 'deploy started');
});

it('sends stdin when no text is given, and prints a JSON result with --json', async () => {
  const result = await send([...login(), '--json', b.jid], 'from a pipe\nsecond line\n');
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ to: b.jid, ok: true, code: 0, id: expect.any(String) });
  await bob.waitForMessage((m) => m.body === 'from a pipe\nsecond line');
});

it('--follow sends each stdin line as its own message', async () => {
  const result = await send([...login(), '--follow', b.jid], 'line one\n\nline two\nline three\n');
  expect(result.code).toBe(0);
  for (const body of ['line one', 'line two', 'line three']) await bob.waitForMessage((m) => m.body === body);
});

it('exit codes: 1 refused, 2 usage, 3 authentication, 4 untrusted certificate', async () => {
  const refused = await send([...login(), '--json', `nobody-${uniqueLocal('x')}@localhost`, 'hello?']);
  expect(refused.code).toBe(1);
  expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, code: 1, error: expect.stringContaining('the server refused the message') });

  const usage = await send([...login(), 'not-a-jid']);
  expect(usage.code).toBe(2);

  const auth = await send([...login('wrong'), b.jid, 'x']);
  expect(auth.code).toBe(3);
  expect(auth.stderr).toContain('authentication failed');
  expect(auth.stderr).not.toContain('not-the-password');

  const tls = await send([...login('pw', false), b.jid, 'x']);
  expect(tls.code).toBe(4);
  expect(tls.stderr).toMatch(/SHA-256 fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  expect(tls.stderr).toContain('pinnedCertificates');
  expect(bob.received.filter((m) => m.body === 'x')).toHaveLength(0);
});

it('natter listen prints incoming messages as JSON lines until interrupted', async () => {
  const child = spawn(process.execPath, [NATTER_BIN, 'listen', ...login(), '--json', b.jid], { env: { ...process.env, ...dirs.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const ready = new Promise<void>((resolve) => {
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('listening as')) resolve();
    });
  });
  const line = new Promise<string>((resolve) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
    });
  });
  await ready;
  expect(err).toBe(`natter: listening as ${a.jid} for ${b.jid}; Ctrl-C stops.\n`);
  await bob.send(a.jid, 'ping \u009b2J 1');
  const first = await line;
  const parsed = JSON.parse(first) as { peer: string; body: string };
  expect(parsed.peer).toBe(b.jid);
  expect(parsed.body).toBe('ping \u009b2J 1');
  expect(first).not.toContain('\u009b'); // escaped in the JSON text, so a terminal never sees it
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  expect(await exited).toBe(0);
});

it('natter listen stores a correction linked to its original, as the screen does, and says what it corrects', async () => {
  const child = spawn(process.execPath, [NATTER_BIN, 'listen', ...login(), '--json', b.jid], { env: { ...process.env, ...dirs.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve) => child.stderr.on('data', (d: Buffer) => d.toString().includes('listening as') && resolve()));
  await bob.sendRaw(xml('message', { to: a.jid, type: 'chat', id: 'orig-1' }, xml('body', {}, 'teh typo')));
  await bob.sendRaw(xml('message', { to: a.jid, type: 'chat', id: 'fix-1' }, xml('body', {}, 'the typo'), xml('replace', { xmlns: 'urn:xmpp:message-correct:0', id: 'orig-1' })));
  await expect.poll(() => out.split('\n').length, { timeout: 10_000 }).toBe(3);
  const [first, second] = out.trim().split('\n').map((l) => JSON.parse(l) as { body: string; corrects?: string });
  expect(first).toMatchObject({ body: 'teh typo' });
  expect(first?.corrects).toBeUndefined();
  expect(second).toMatchObject({ body: 'the typo', corrects: 'orig-1' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  expect(await exited).toBe(0);
  // The screen shows the corrected text in place of the original: the rows are linked.
  const shown = await runNatter(['search', 'typo', '--json'], { env: dirs.env });
  const hits = shown.stdout.trim().split('\n').map((l) => JSON.parse(l) as { body: string });
  expect(hits.map((h) => h.body).sort()).toEqual(['teh typo', 'the typo']);
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(join(dirs.data, 'natter', 'history.sqlite'), { readOnly: true });
  const rows = db.prepare("SELECT id, body, replaces FROM messages WHERE body LIKE '%typo' ORDER BY id").all() as Array<{ id: number; body: string; replaces: number | null }>;
  db.close();
  expect(rows).toEqual([{ id: rows[0]!.id, body: 'teh typo', replaces: null }, { id: rows[1]!.id, body: 'the typo', replaces: rows[0]!.id }]);
});

it("natter listen prints what the user sends from another device (a carbon) marked as outgoing", async () => {
  // Each with a history of its own: one that has stored a message does not print it again.
  const textDirs = tempDirs();
  const listen = (json: boolean) => {
    const env = { ...process.env, ...(json ? dirs : textDirs).env };
    const child = spawn(process.execPath, [NATTER_BIN, 'listen', ...login(), ...(json ? ['--json'] : []), b.jid], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = { text: '' };
    child.stdout.on('data', (d: Buffer) => (output.text += d.toString()));
    const ready = new Promise<void>((resolve) => child.stderr.on('data', (d: Buffer) => d.toString().includes('listening as') && resolve()));
    return { child, output, ready };
  };
  const [json, text] = [listen(true), listen(false)];
  await Promise.all([json.ready, text.ready]);
  // alice's phone: another session of the same account.
  const phone = await connectPeer(info, a, 'phone');
  try {
    await phone.send(b.jid, 'sent from the phone');
    await bob.waitForMessage((m) => m.body === 'sent from the phone');
    await bob.send(a.jid, 'answer to the phone');
    await expect.poll(() => json.output.text.split('\n').length, { timeout: 10_000 }).toBe(3);
    await expect.poll(() => text.output.text.split('\n').length, { timeout: 10_000 }).toBe(3);
  } finally {
    await phone.stop();
  }
  const [sent, received] = json.output.text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
  expect(sent).toMatchObject({ direction: 'out', from: a.jid, peer: b.jid, body: 'sent from the phone' });
  expect(received).toMatchObject({ direction: 'in', peer: b.jid, body: 'answer to the phone' });
  expect(text.output.text).toBe(`to ${b.jid}: sent from the phone\n${b.jid}: answer to the phone\n`);
  for (const { child } of [json, text]) {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }
  textDirs.remove();
});

it('natter listen prints a message of 65,536 spaces and a multi-line one each as one line', async () => {
  const child = spawn(process.execPath, [NATTER_BIN, 'listen', ...login(), b.jid], { env: { ...process.env, ...dirs.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve) => child.stderr.on('data', (d: Buffer) => d.toString().includes('listening as') && resolve()));
  // A run of white space without a line break is where the old pattern was quadratic (seconds of CPU).
  const spaces = ' '.repeat(65_534);
  await bob.send(a.jid, `a${spaces}b`);
  const run = ' '.repeat(30_000);
  await bob.send(a.jid, `first line  \n\n  second line${run}\n${run}third`);
  await expect.poll(() => out.split('\n').length, { timeout: 20_000 }).toBe(3);
  expect(out).toBe(`${b.jid}: a${spaces}b\n${b.jid}: first line second line third\n`);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  expect(await exited).toBe(0);
});

it('natter run logs in, runs commands in order with their results on stdout, and stops at the first failure', async () => {
  const ok = await runNatter(['run', ...login(), '/account list', `/msg ${b.jid} sent by natter run`], { env: dirs.env });
  expect(ok.stderr).toBe('');
  expect(ok.code).toBe(0);
  expect(ok.stdout).toMatch(new RegExp(`^Accounts:\\n\\* ${a.jid.replaceAll('.', '\\.')}  online`));
  await bob.waitForMessage((m) => m.body === 'sent by natter run');

  const failed = await runNatter(['run', ...login(), '/frobnicate', `/msg ${b.jid} never from run`], { env: dirs.env });
  expect(failed.code).toBe(1);
  expect(failed.stderr).toContain('Unknown command /frobnicate');
  expect(failed.stderr.split('Unknown command /frobnicate'), 'the error printed once').toHaveLength(2);
  await bob.waitForMessage((m) => m.body === 'sent by natter run');
  expect(bob.received.map((m) => m.body)).not.toContain('never from run');

  const usage = await runNatter(['run', 'msg bob'], { env: dirs.env });
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('is not a slash command');
});
