import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

export const execFileAsync = promisify(execFile);

/** Throws at once, with the line to run, when a system program the tests need is missing. */
export function requirePrograms(programs: readonly string[], aptPackages: string): void {
  const missing = programs.filter((p) => spawnSync('sh', ['-c', `command -v ${p}`], { stdio: 'ignore' }).status !== 0);
  if (missing.length > 0) {
    throw new Error(`${missing.join(', ')} not found. Install with:\n  apt-get install -y ${aptPackages}`);
  }
}

/** Polls `check` until it resolves true, or throws `describe()` after `timeoutMs`. */
export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(describe());
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 100);
  }
}
