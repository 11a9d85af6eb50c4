import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, inject, it } from 'vitest';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { requirePrograms } from '../support/run.js';
import { runNatter, spawnNatter, tempDirs, type PtySession } from '../support/pty.js';

const run = promisify(execFile);
const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** Shared XDG dirs for several natter runs; the test run's private Secret Service is in process.env. */
function home() {
  const dirs = tempDirs();
  cleanup.push(() => dirs.remove());
  return dirs;
}

function start(env: Record<string, string>, size = { cols: 120, rows: 30 }): PtySession {
  const natter = spawnNatter({ ...size, env });
  cleanup.push(() => natter.dispose());
  return natter;
}

/** Files under `root` whose bytes contain `secret`. */
function filesHolding(root: string, secret: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => readFileSync(path).includes(secret));
}

const lookup = (jid: string) =>
  run('secret-tool', ['lookup', 'service', 'natter', 'username', jid]).then(
    (r) => r.stdout,
    () => null,
  );

const serverFlags = ['--host', info.host, '--port', String(info.c2sPort), '--ca-file', info.caFile];

it('natter account add keeps the password in the Secret Service only, and natter logs in with it', async () => {
  const dirs = home();
  const a = await registerAccount(info, uniqueLocal('keychain'));
  const added = await runNatter(['account', 'add', a.jid, ...serverFlags], { env: dirs.env, input: `${a.password}\n` });
  expect(added.stderr).toContain(`Password for ${a.jid} saved in the Secret Service.`);
  expect(added.code).toBe(0);
  expect(await lookup(a.jid)).toBe(a.password);
  const configText = readFileSync(join(dirs.config, 'natter', 'config.json'), 'utf8');
  expect(configText).toContain(a.jid);
  expect(configText).not.toContain(a.password);

  const listed = await runNatter(['account', 'list'], { env: dirs.env });
  expect(listed.stdout).toBe(`${a.jid}\t${info.host}:${info.c2sPort}\tdefault\n`);

  const natter = start(dirs.env);
  await natter.waitForText(`${a.jid}: online`);
  natter.type('/account\r');
  await natter.waitForText(new RegExp(`\\* ${a.jid.replaceAll('.', '\\.')} +online`));
  natter.type('/disconnect\r');
  await natter.waitForText(`${a.jid} is offline; /connect`);
  await natter.waitForText(`natter | ${a.jid}: offline |`);
  natter.type('/connect\r');
  await natter.waitForText(`natter | ${a.jid}: online |`);
  expect(natter.output()).not.toContain(a.password);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });

  const removed = await runNatter(['account', 'remove', a.jid], { env: dirs.env });
  expect(removed.stderr).toContain(`Removed ${a.jid} and its password from the Secret Service`);
  expect(await lookup(a.jid)).toBeNull();
  expect((await runNatter(['account', 'list'], { env: dirs.env })).stdout).toBe('');
});

it('first run: asks for the JID, the server and a masked password, offers to save it, and logs in', async () => {
  const dirs = home();
  const a = await registerAccount(info, uniqueLocal('firstrun'));
  const natter = start(dirs.env, { cols: 170, rows: 40 });
  await natter.waitForText('Welcome to natter. No account is set up yet.');
  natter.type(`${a.jid}\r`);
  await natter.waitForText('Server address, HOST or HOST:PORT');
  natter.type(`${info.host}:${info.c2sPort}\r`);
  // The private CA is not in this account's config: natter shows the fingerprint and asks.
  await natter.waitForText('Trust this certificate? (always/once/refuse)');
  expect(await natter.screenText()).toMatch(/SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  natter.type('always\r');
  await natter.waitForText(`Password for ${a.jid}:`);
  // While a question is open the line is an answer, never a command.
  natter.type('/account remove x');
  await natter.waitForText('*'.repeat('/account remove x'.length));
  natter.press('ctrl-u');
  natter.press('escape');
  await natter.waitForText('no password was entered');
  await natter.waitForText(`natter | ${a.jid}: failed`);
  natter.type('/connect\r');
  await natter.waitForText(`Password for ${a.jid}:`);
  natter.type(a.password);
  await natter.waitForText('*'.repeat(a.password.length));
  natter.press('enter');
  await natter.waitForText(`Save the password for ${a.jid} in the keychain? (yes/no)`);
  natter.type('yes\r');
  await natter.waitForText(`${a.jid}: password saved in the Secret Service`);
  await natter.waitForText(`${a.jid}: online`);
  expect(natter.output()).not.toContain(a.password);
  expect(await lookup(a.jid)).toBe(a.password);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });

  // The pin and the mechanism were learnt; the next start asks nothing.
  const config = JSON.parse(readFileSync(join(dirs.config, 'natter', 'config.json'), 'utf8')) as {
    accounts: Record<string, { pinnedCertificates?: string[]; mechanism?: string }>;
  };
  expect(config.accounts[a.jid]?.pinnedCertificates).toHaveLength(1);
  expect(config.accounts[a.jid]?.mechanism).toMatch(/^SCRAM-SHA-(1|256)$/);
  const again = start(dirs.env);
  await again.waitForText(`${a.jid}: online`);
  expect(await again.screenText()).not.toContain('Trust this certificate');
  again.type('/quit\r');
  expect(await again.waitForExit()).toEqual({ exitCode: 0 });
  // Nothing natter wrote (config, history database and its journal, state) holds the password.
  expect(readdirSync(join(dirs.data, 'natter')).length).toBeGreaterThan(0);
  expect(filesHolding(dirs.home, a.password)).toEqual([]);
  await runNatter(['account', 'remove', a.jid], { env: dirs.env });
});

it('two accounts on two hosts of the server are online at once, each on the status line', async () => {
  const dirs = home();
  const a = await registerAccount(info, uniqueLocal('one'));
  const b = await registerAccount(info, uniqueLocal('two'), undefined, 'example.localhost');
  for (const account of [a, b]) {
    const added = await runNatter(['account', 'add', account.jid, ...serverFlags], { env: dirs.env, input: `${account.password}\n` });
    expect(added.code).toBe(0);
  }
  const natter = start(dirs.env, { cols: 160, rows: 30 });
  await natter.waitForText(`${a.jid}: online`);
  await natter.waitForText(`${b.jid}: online`);
  await natter.waitForText(new RegExp(`${a.jid}: online \\| ${b.jid}: online`));
  natter.type(`/account disable ${b.jid}\r`);
  await natter.waitForText(new RegExp(`${b.jid}: offline`));
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it('a removed account leaves the status line: /account remove, and natter account remove while natter runs', async () => {
  const dirs = home();
  const a = await registerAccount(info, uniqueLocal('one'));
  const b = await registerAccount(info, uniqueLocal('two'));
  for (const account of [a, b]) {
    const added = await runNatter(['account', 'add', account.jid, ...serverFlags], { env: dirs.env, input: `${account.password}\n` });
    expect(added.code).toBe(0);
  }
  const [first, second] = [a, b].sort((x, y) => (x.jid < y.jid ? -1 : 1));
  const natter = start(dirs.env, { cols: 160, rows: 30 });
  await natter.waitForText(new RegExp(`natter \\| ${first!.jid}: online \\| ${second!.jid}: online \\| console`));
  natter.type(`/account remove ${second!.jid}\r`);
  await natter.waitForText(`removed ${second!.jid}`);
  await natter.waitForText(new RegExp(`natter \\| ${first!.jid}: online \\| console`));
  expect((await natter.screen()).find((row) => row.startsWith(' natter |'))).not.toContain(second!.jid);
  // From another terminal, while this natter runs: it hears of it, and stops the account.
  const removed = await runNatter(['account', 'remove', first!.jid], { env: dirs.env });
  await natter.waitForText(/natter \| no account \| console/);
  expect(removed).toMatchObject({ code: 0 });
  expect(removed.stderr).toContain(`natter (running): removed ${first!.jid}`);
  expect((await runNatter(['account', 'list'], { env: dirs.env })).stderr).toContain('No accounts yet');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it('without a D-Bus session (SSH) falls back to the kernel keyring and says so', async () => {
  requirePrograms(['keyctl'], 'keyutils');
  const dirs = home();
  const a = await registerAccount(info, uniqueLocal('nobus'));
  const env = { ...dirs.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dirs.home, 'no-bus')}` };
  // An SSH login has a session keyring (pam_keyinit); keyctl gives the test one of its own.
  const prefix = ['keyctl', 'session', `natter-test-${process.pid}`];
  await runNatter(['account', 'add', a.jid, ...serverFlags], { env, input: '\n', prefix });
  const saved = await runNatter(['account', 'password', a.jid], { env, input: `${a.password}\n`, prefix });
  expect(saved.stderr).toMatch(/Secret Service is not available/);
  expect(saved.stderr).toContain(`Password for ${a.jid} saved in the kernel keyring (your user's persistent keyring: it outlives this login, and is cleared at reboot`);
  expect(saved.code).toBe(0);

  const natter = spawnNatter({ env, prefix, cols: 140, rows: 30 });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a.jid}: using the password from the kernel keyring`);
  await natter.waitForText(`${a.jid}: online`);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
  const removed = await runNatter(['account', 'remove', a.jid], { env, prefix });
  expect(removed.stderr).toContain(`Removed ${a.jid} and its password from the kernel keyring;`);
});

it('natter account password reads the password in a terminal without echo', async () => {
  const dirs = home();
  const a = await registerAccount(info, uniqueLocal('noecho'));
  expect((await runNatter(['account', 'add', a.jid, ...serverFlags], { env: dirs.env, input: '\n' })).code).toBe(0);
  const natter = spawnNatter({ args: ['account', 'password', a.jid], env: dirs.env });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`Password for ${a.jid}:`);
  natter.type(`${a.password}\r`);
  await natter.waitForText(`Password for ${a.jid} saved in the Secret Service.`);
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
  expect(natter.output()).not.toContain(a.password);
  expect(await lookup(a.jid)).toBe(a.password);
  await runNatter(['account', 'remove', a.jid], { env: dirs.env });
});

it('refuses bad account commands with usage and exit code 2', async () => {
  const dirs = home();
  const bad = await runNatter(['account', 'add', 'not-a-jid'], { env: dirs.env });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('not-a-jid is not a bare JID');
  const unknown = await runNatter(['account', 'password', 'nobody@localhost'], { env: dirs.env, input: 'x\n' });
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain('nobody@localhost is not an account. Add it with: natter account add nobody@localhost');
});
