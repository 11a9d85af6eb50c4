import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { startKeyringSession } from './keyring-session.js';
import { startProsody, type ProsodyInfo } from './prosody.js';

declare module 'vitest' {
  export interface ProvidedContext {
    prosody: ProsodyInfo;
  }
}

/**
 * One private Secret Service and one private Prosody for the whole run. The environment is
 * set before vitest forks its workers, so they inherit the private bus and XDG dirs.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  exitUnlessInstalled(['dbus-daemon', 'gnome-keyring-daemon', 'prosody', 'prosodyctl', 'openssl']);
  const keyring = await startKeyringSession();
  Object.assign(process.env, keyring.env);
  delete process.env.DISPLAY;
  let prosody;
  try {
    prosody = await startProsody();
  } catch (error) {
    await keyring.stop();
    throw error;
  }
  const { register: _r, restart: _re, log: _l, stop: _s, ...info } = prosody;
  project.provide('prosody', info);
  return async () => {
    await prosody.stop();
    await keyring.stop();
  };
}

/**
 * A program this setup starts that is missing is said in one message (which, and the apt-get
 * line) before anything else, and the run ends there: thrown from here, it came after
 * "No test files found" and with vitest's stack trace.
 */
function exitUnlessInstalled(programs: readonly string[]): void {
  const check = new URL('../../scripts/check-test-programs.mjs', import.meta.url).pathname;
  const { status } = spawnSync(process.execPath, [check, ...programs], { stdio: 'inherit' });
  if (status !== 0) process.exit(1);
}
