import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, inject, it } from 'vitest';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { execFileAsync, requirePrograms } from '../support/run.js';
import { runNatter, spawnNatter, tempDirs, type PtySession } from '../support/pty.js';

// natter over SSH on a machine without a Secret Service, as a person meets it: no session
// D-Bus, and a login without pam_keyinit (Debian's default), whose processes have no session
// keyring of their own: the kernel gives them the user-session keyring @us on first use.
// `keyctl session _uid_ses.UID` puts a process in exactly that state; `keyctl session -`
// is a later login that has a fresh session keyring of its own (pam_keyinit).

const info = inject('prosody');
const serverFlags = ['--host', info.host, '--port', String(info.c2sPort), '--ca-file', info.caFile];
const noKeyinit = ['keyctl', 'session', `_uid_ses.${process.getuid?.() ?? 0}`];
const newLogin = ['keyctl', 'session', '-'];
const noBus = { DBUS_SESSION_BUS_ADDRESS: undefined, DISPLAY: undefined };

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** The kernel key's description: @napi-rs/keyring names it "keyring:ACCOUNT@SERVICE". */
const keyName = (jid: string): string => `keyring:${jid}@natter`;

/**
 * Invalidates this test's key wherever it is (the user-session keyring, the persistent
 * keyring): the user's keyrings are shared with everything else this user runs, so only the
 * key named after the test's unique JID is touched.
 */
async function forgetKernelKey(jid: string): Promise<void> {
  const script = 'keyctl link @us @s && keyctl get_persistent @s >/dev/null; for i in 1 2 3 4; do id=$(keyctl search @s user "$1" 2>/dev/null) || exit 0; keyctl invalidate "$id"; done';
  await execFileAsync('keyctl', ['session', '-', 'sh', '-c', script, 'sh', keyName(jid)]);
}

/** Whether a later login (a new session keyring, with the persistent keyring linked in) finds the key. */
async function laterLoginFinds(jid: string): Promise<boolean> {
  const script = 'keyctl get_persistent @s >/dev/null && keyctl search @s user "$1"';
  return execFileAsync('keyctl', ['session', '-', 'sh', '-c', script, 'sh', keyName(jid)]).then(
    () => true,
    () => false,
  );
}

/** Whether the key was left in the user-session keyring, where the first natter put it. */
const inUserSessionKeyring = (jid: string): Promise<boolean> =>
  execFileAsync('keyctl', ['search', '@us', 'user', keyName(jid)]).then(
    () => true,
    () => false,
  );

/** How long the kernel keeps the persistent keyring unused, as natter states it. */
function persistentKeyringDays(): number {
  return Number(readFileSync('/proc/sys/kernel/keys/persistent_keyring_expiry', 'utf8')) / 86_400;
}

async function sshAccount(prefix: string) {
  requirePrograms(['keyctl'], 'keyutils');
  const dirs = tempDirs();
  cleanup.push(() => dirs.remove());
  const a = await registerAccount(info, uniqueLocal(prefix));
  cleanup.push(() => forgetKernelKey(a.jid));
  return { dirs, a, env: { ...dirs.env, ...noBus } };
}

/** Wide enough that the line saying where the password went is not wrapped. */
function start(env: Record<string, string | undefined>, prefix: string[]): PtySession {
  const natter = spawnNatter({ env, prefix, cols: 240, rows: 30 });
  cleanup.push(() => natter.dispose());
  return natter;
}

it('over SSH without pam_keyinit, account add keeps the password where the next login finds it', async () => {
  const { dirs, a, env } = await sshAccount('ssh-add');
  const days = persistentKeyringDays();
  const added = await runNatter(['account', 'add', a.jid, ...serverFlags], { env, input: `${a.password}\n`, prefix: noKeyinit });
  expect(added.code).toBe(0);
  expect(await laterLoginFinds(a.jid)).toBe(true);
  expect(await inUserSessionKeyring(a.jid)).toBe(false);
  expect(added.stderr).toContain('Secret Service is not available');
  expect(added.stderr).toContain(
    `Password for ${a.jid} saved in the kernel keyring (your user's persistent keyring: it outlives this login, ` +
      `and is cleared at reboot or when natter has not used it for ${days} days).`,
  );

  // The next login, with a session keyring of its own (pam_keyinit), logs in without asking.
  const natter = start(env, newLogin);
  await natter.waitForText(`${a.jid}: using the password from the kernel keyring`);
  await natter.waitForText(`${a.jid}: online`);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });

  // And one more without pam_keyinit, as the first one was.
  const again = await runNatter(['run', '/account'], { env, prefix: noKeyinit });
  expect(again.code).toBe(0);
  for (const out of [added.stdout, added.stderr, natter.output(), again.stdout, again.stderr]) expect(out).not.toContain(a.password);
  expect(readFileSync(join(dirs.config, 'natter', 'config.json'), 'utf8')).not.toContain(a.password);

  const removed = await runNatter(['account', 'remove', a.jid], { env, prefix: noKeyinit });
  expect(removed.stderr).toContain(`Removed ${a.jid} and its password from the kernel keyring`);
  expect(await laterLoginFinds(a.jid)).toBe(false);
});

it('over SSH the full-screen client saves a typed password so that the next start does not ask', async () => {
  const { a, env } = await sshAccount('ssh-screen');
  // Enter at the prompt: the account is added, its password is asked at login.
  const added = await runNatter(['account', 'add', a.jid, ...serverFlags], { env, input: '\n', prefix: noKeyinit });
  expect(added.code).toBe(0);

  const first = start(env, noKeyinit);
  await first.waitForText(`Password for ${a.jid}:`);
  first.type(`${a.password}\r`);
  await first.waitForText(`Save the password for ${a.jid} in the keychain? (yes/no)`);
  first.type('yes\r');
  await first.waitForText(`${a.jid}: password saved in the kernel keyring`);
  const said = await first.screenText();
  await first.waitForText(`${a.jid}: online`);
  first.type('/quit\r');
  expect(await first.waitForExit()).toEqual({ exitCode: 0 });
  expect(await laterLoginFinds(a.jid)).toBe(true);
  // Where it went, in the words the CLI uses.
  expect(said).toContain(
    `${a.jid}: password saved in the kernel keyring (your user's persistent keyring: it outlives this login, ` +
      `and is cleared at reboot or when natter has not used it for ${persistentKeyringDays()} days)`,
  );

  const next = start(env, noKeyinit);
  await next.waitForText(`${a.jid}: online`);
  expect(await next.screenText()).not.toContain(`Password for ${a.jid}:`);
  next.type('/quit\r');
  expect(await next.waitForExit()).toEqual({ exitCode: 0 });
  expect(first.output() + next.output()).not.toContain(a.password);
});

it('account add adds nothing when the password cannot be kept anywhere, and says what to do', async () => {
  const { dirs, a, env } = await sshAccount('ssh-none');
  // A kernel that refuses keys to natter (as in a container whose seccomp profile denies
  // keyctl): a session keyring natter may not write to.
  const refusing = ['keyctl', 'session', '-', 'sh', '-c', 'keyctl setperm @s 0x0b0b0000 && exec "$@"', 'sh'];
  const added = await runNatter(['account', 'add', a.jid, ...serverFlags], { env, input: `${a.password}\n`, prefix: refusing });
  expect((await runNatter(['account', 'list'], { env })).stderr).toContain('No accounts yet.');
  expect(added.code).toBe(1);
  expect(added.stderr).toContain(`natter: ${a.jid} was not added: its password could not be kept.`);
  expect(added.stderr).toContain('Secret Service is not available');
  expect(added.stderr).toContain('kernel keyring is not available');
  const again = `natter account add ${a.jid} ${serverFlags.join(' ')}`;
  expect(added.stderr).toContain(`with a password command (here from pass): ${again} --password-command 'pass show xmpp/${a.jid}'\n`);
  expect(added.stderr).toContain(`with no stored password (natter asks at every login): ${again}, then press Enter at the password prompt\n`);
  expect(added.stderr).not.toContain(a.password);
  expect(existsSync(join(dirs.config, 'natter', 'config.json')) && readFileSync(join(dirs.config, 'natter', 'config.json'), 'utf8')).not.toContain(a.jid);
});
