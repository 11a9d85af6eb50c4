import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { requirePrograms } from './run.js';

export interface KeyringSession {
  /** Variables to export so every process of the test run uses this bus and these dirs. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * A private D-Bus session bus with an unlocked gnome-keyring (Secret Service) and fresh
 * HOME/XDG dirs, so tests never reach the developer's keyring or files.
 */
export async function startKeyringSession(): Promise<KeyringSession> {
  requirePrograms(['dbus-daemon', 'gnome-keyring-daemon'], 'gnome-keyring dbus');
  const root = mkdtempSync(join(tmpdir(), 'natter-keyring-'));
  const dirs = {
    HOME: root,
    XDG_CONFIG_HOME: join(root, 'config'),
    XDG_DATA_HOME: join(root, 'data'),
    XDG_STATE_HOME: join(root, 'state'),
    XDG_CACHE_HOME: join(root, 'cache'),
    XDG_RUNTIME_DIR: join(root, 'run'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, ...dirs };
  delete baseEnv.DISPLAY;
  delete baseEnv.DBUS_SESSION_BUS_ADDRESS;

  const bus: ChildProcess = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { env: baseEnv, stdio: ['ignore', 'pipe', 'ignore'] });
  const address = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: bus.stdout! });
    lines.once('line', (line) => resolve(line.trim()));
    bus.once('exit', (code) => reject(new Error(`dbus-daemon exited with ${code}`)));
  });
  const env = { ...dirs, DBUS_SESSION_BUS_ADDRESS: address };
  // --unlock reads the login password from stdin and creates an unlocked "login" keyring.
  const keyring = spawn('gnome-keyring-daemon', ['--unlock', '--components=secrets'], { env: { ...baseEnv, ...env }, stdio: ['pipe', 'pipe', 'ignore'] });
  keyring.stdin.end('natter-test-keyring');
  const printed = await new Promise<string>((resolve) => {
    let out = '';
    keyring.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    keyring.once('exit', () => resolve(out));
  });
  const pid = /GNOME_KEYRING_PID=(\d+)/.exec(printed)?.[1];

  return {
    env,
    async stop() {
      if (pid) process.kill(Number(pid), 'SIGTERM');
      const exited = new Promise((resolve) => bus.once('exit', resolve));
      bus.kill('SIGTERM');
      await exited;
      rmSync(root, { recursive: true, force: true });
    },
  };
}
