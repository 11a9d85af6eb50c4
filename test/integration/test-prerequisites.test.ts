import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const MESSAGE = "natter's tests need gnome-keyring-daemon, which is not on PATH. Install it (Debian/Ubuntu, as root):\n  apt-get install -y gnome-keyring\n";

/** One directory holding every program of PATH (the first of each name) but `left`. */
function pathWithout(left: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'natter-path-'));
  for (const from of (process.env.PATH ?? '').split(delimiter)) {
    if (from === '' || !existsSync(from)) continue;
    for (const name of readdirSync(from)) {
      if (name !== left && !existsSync(join(dir, name))) symlinkSync(join(from, name), join(dir, name));
    }
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const running = new Set<number>();

/** Runs `program` in its own process group, which the end of the test kills if it is still there. */
function run(program: string, args: string[], path: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: root, env: { ...process.env, PATH: path, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    if (child.pid !== undefined) running.add(child.pid);
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

afterEach(() => {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // the group has ended
    }
  }
  running.clear();
});

describe('the test run on a machine without gnome-keyring', () => {
  let path: ReturnType<typeof pathWithout>;
  beforeAll(() => (path = pathWithout('gnome-keyring-daemon')));
  afterAll(() => path.remove());

  it('npm test says first, in one message, what is missing and the apt-get line, and stops', async () => {
    const { code, output } = await run('npm', ['test'], path.dir);
    expect(code).toBe(1);
    // npm's own lines for the scripts it starts ("> natter@0.1.0 pretest", the command) come
    // first; then the message, and nothing after it: no build, no test run, no stack trace.
    const said = output.split('\n').filter((line) => line !== '' && !line.startsWith('> ')).join('\n');
    expect(`${said}\n`).toBe(MESSAGE);
  }, 180_000); // before the fix, npm test went on to build, type-check and lint first

  it('vitest run (the global setup) says the same, without "No test files found" or a stack trace', async () => {
    const vitest = join(root, 'node_modules/vitest/vitest.mjs');
    const { code, output } = await run(process.execPath, [vitest, 'run', '--project', 'integration', '--reporter=default', 'test/e2e/cli.test.ts'], path.dir);
    expect(code).toBe(1);
    expect(output).toContain(MESSAGE);
    expect(output).not.toContain('No test files found');
    expect(output).not.toMatch(/Error|❯|\n\s+at /);
  });
});
