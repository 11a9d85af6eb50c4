import { chmodSync, chownSync, lstatSync, mkdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, expect, inject, it } from 'vitest';
import { oneRunLogin } from '../support/one-run-login.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { runNatter, spawnNatter, tempDirs } from '../support/pty.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** The other local user of these attacks: `nobody`. The tests run as root, so chown makes it real. */
const OTHER_UID = 65534;
const ME = process.getuid?.() ?? 0;

/** A directory like /tmp: anyone may create entries in it (mode 1777). */
function sharedDir(parent: string): string {
  const dir = join(parent, 'shared');
  mkdirSync(dir);
  chmodSync(dir, 0o1777);
  return dir;
}

/**
 * Another user's socket posing as natter's at `path`: it records what it is sent and answers
 * every line with a forged success. `owner` owns the socket (and `dirOwner` its directory, made
 * with `dirMode`), as if that user had made them.
 */
async function impostor(path: string, options: { owner: number; dirOwner: number; dirMode: number }): Promise<{ received(): string }> {
  if (ME !== 0) throw new Error('these tests play another local user with chown, which needs root (the test run is root)');
  const dir = join(path, '..');
  mkdirSync(dir, { recursive: true });
  let received = '';
  const server: Server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.on('data', (data) => {
      received += data.toString();
      socket.write(`${JSON.stringify({ id: 1, ok: true, text: 'FORGED ANSWER from the impostor' })}\n`);
    });
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  chownSync(path, options.owner, options.owner);
  chmodSync(dir, options.dirMode);
  chownSync(dir, options.dirOwner, options.dirOwner);
  cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { received: () => received };
}

it('natter ctl without XDG_RUNTIME_DIR never uses the shared temp dir, where another user made natter-UID/ctl.sock first', async () => {
  const dirs = tempDirs();
  cleanup.push(dirs.remove);
  const tmp = sharedDir(dirs.home);
  // What natter used before: $TMPDIR/natter-<uid>/ctl.sock, here made first by the other user.
  const fake = await impostor(join(tmp, `natter-${ME}`, 'ctl.sock'), { owner: OTHER_UID, dirOwner: OTHER_UID, dirMode: 0o700 });

  const ctl = await runNatter(['ctl', '/msg bob@localhost the secret plan'], { env: { ...dirs.env, XDG_RUNTIME_DIR: undefined, TMPDIR: tmp } });

  expect(fake.received()).toBe('');
  expect(ctl.stdout).not.toContain('FORGED');
  expect(ctl.code).toBe(1);
  // The fallback is the user's own state dir.
  expect(ctl.stderr).toContain(`no natter is running (nothing listens on ${join(dirs.home, 'state', 'natter', 'run', 'ctl.sock')})`);
});

it('natter ctl refuses a control socket directory another user made, and sends nothing', async () => {
  const dirs = tempDirs();
  cleanup.push(dirs.remove);
  // XDG_RUNTIME_DIR pointing to a shared place, where the other user made natter/ first.
  const runtime = sharedDir(dirs.home);
  const fake = await impostor(join(runtime, 'natter', 'ctl.sock'), { owner: OTHER_UID, dirOwner: OTHER_UID, dirMode: 0o700 });

  const ctl = await runNatter(['ctl', '/msg bob@localhost the secret plan'], { env: { ...dirs.env, XDG_RUNTIME_DIR: runtime } });

  expect(fake.received()).toBe('');
  expect(ctl.stdout).not.toContain('FORGED');
  expect(ctl.code).toBe(1);
  expect(ctl.stderr).toContain(`natter: refused the control socket, nothing was sent: ${join(runtime, 'natter')} belongs to another user (uid ${OTHER_UID})`);
});

it('natter ctl refuses a socket of another user in a directory of its own that others can write, and one in a private directory', async () => {
  const dirs = tempDirs();
  cleanup.push(dirs.remove);
  const dir = join(dirs.runtime, 'natter');
  const fake = await impostor(join(dir, 'ctl.sock'), { owner: OTHER_UID, dirOwner: ME, dirMode: 0o777 });
  const env = { ...dirs.env };

  const open = await runNatter(['ctl', '/msg bob@localhost the secret plan'], { env });
  expect(fake.received()).toBe('');
  expect(open.stdout).not.toContain('FORGED');
  expect(open.code).toBe(1);
  expect(open.stderr).toContain(`${dir} is open to other users (mode 0777)`);
  expect(open.stderr).toContain(`chmod 700 ${dir}`);

  chmodSync(dir, 0o700); // private again, but the socket in it is still the other user's
  const foreign = await runNatter(['ctl', '/msg bob@localhost the secret plan'], { env });
  expect(fake.received()).toBe('');
  expect(foreign.stdout).not.toContain('FORGED');
  expect(foreign.code).toBe(1);
  expect(foreign.stderr).toContain(`${join(dir, 'ctl.sock')} belongs to another user (uid ${OTHER_UID})`);
});

it('without XDG_RUNTIME_DIR, natter and natter ctl meet in the state dir, which natter makes private and clears of a planted socket', async () => {
  const account = await registerAccount(info, uniqueLocal('ctl-state'));
  const login = oneRunLogin(info, account);
  cleanup.push(login.remove);
  const mine = tempDirs(); // the state dir, prepared before natter starts, and a shared TMPDIR
  cleanup.push(mine.remove);
  const tmp = sharedDir(mine.home);
  const stateHome = join(mine.home, 'state');
  // Before natter starts, its directory is open to all and holds another user's socket.
  const dir = join(stateHome, 'natter', 'run');
  const fake = await impostor(join(dir, 'ctl.sock'), { owner: OTHER_UID, dirOwner: ME, dirMode: 0o777 });
  const env = { XDG_RUNTIME_DIR: undefined, TMPDIR: tmp, XDG_STATE_HOME: stateHome };
  const natter = spawnNatter({ cols: 140, rows: 30, args: [...login.args], env });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${account.jid}: online`);

  expect(statSync(dir).mode & 0o777).toBe(0o700);
  const socket = lstatSync(join(dir, 'ctl.sock'));
  expect(socket.isSocket()).toBe(true);
  expect(socket.uid).toBe(ME);
  expect(socket.mode & 0o777).toBe(0o600);
  const { home, config, data } = natter.dirs;
  const listed = await runNatter(['ctl', '/account list'], { env: { HOME: home, XDG_CONFIG_HOME: config, XDG_DATA_HOME: data, ...env } });
  expect(listed.stderr).toBe('');
  expect(listed.stdout).toContain(`* ${account.jid}  online`);
  expect(fake.received()).toBe('');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it('says clearly when the control socket path is too long for a Unix socket', async () => {
  const dirs = tempDirs();
  cleanup.push(dirs.remove);
  const state = join(dirs.home, 'x'.repeat(100));
  const ctl = await runNatter(['ctl', '/account list'], { env: { ...dirs.env, XDG_RUNTIME_DIR: undefined, XDG_STATE_HOME: state } });
  expect(ctl.code).toBe(1);
  expect(ctl.stderr).toMatch(/the control socket path \S+ctl\.sock is \d+ bytes, more than the 107 a Unix socket address holds; set XDG_RUNTIME_DIR \(or XDG_STATE_HOME\) to a shorter directory/);
});
