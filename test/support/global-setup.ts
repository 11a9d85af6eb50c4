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
  const { register: _r, log: _l, stop: _s, ...info } = prosody;
  project.provide('prosody', info);
  return async () => {
    await prosody.stop();
    await keyring.stop();
  };
}
