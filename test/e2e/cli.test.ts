import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runNatter, tempDirs } from '../support/pty.js';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function withConfig(content: string) {
  const dirs = tempDirs();
  cleanups.push(dirs.remove);
  const dir = join(dirs.config, 'natter');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'config.json');
  writeFileSync(file, content);
  return { file, env: dirs.env };
}

describe('natter on the command line', () => {
  it('--help prints the usage and exits 0', async () => {
    const result = await runNatter(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage');
    expect(result.stdout).toContain('$ natter');
    expect(result.stdout).toContain('--password-command');
  });

  it('--version prints the version and exits 0', async () => {
    const result = await runNatter(['--version']);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout.trim()).toBe(version);
  });

  it('starts itself again, same process, with a smaller young generation and one V8 thread unless they are given', async () => {
    const dirs = tempDirs();
    cleanups.push(dirs.remove);
    // A preload that notes, in each program the process runs, its PID and Node flags.
    const preload = join(dirs.home, 'note-flags.cjs');
    const notes = join(dirs.home, 'flags.txt');
    writeFileSync(preload, `require('node:fs').appendFileSync(${JSON.stringify(notes)}, JSON.stringify([process.pid, process.execArgv]) + '\\n');`);
    const read = (): Array<[number, string[]]> => readFileSync(notes, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as [number, string[]]);

    expect(await runNatter(['--version'], { env: { NODE_OPTIONS: `--require=${preload}` } })).toMatchObject({ code: 0 });
    const [first, second, ...more] = read();
    expect(more).toEqual([]);
    expect(first?.[1]).not.toContain('--max-semi-space-size=4');
    expect(second?.[1]).toEqual(expect.arrayContaining(['--max-semi-space-size=4', '--v8-pool-size=1']));
    expect(second?.[0]).toBe(first?.[0]);

    writeFileSync(notes, '');
    expect(await runNatter(['--version'], { env: { NODE_OPTIONS: `--require=${preload} --max-semi-space-size=16 --v8-pool-size=2` } })).toMatchObject({ code: 0 });
    expect(read()).toHaveLength(1);

    writeFileSync(notes, '');
    expect(await runNatter(['--version'], { env: { NODE_OPTIONS: `--require=${preload} --max-semi-space-size=16` } })).toMatchObject({ code: 0 });
    const [, again] = read();
    expect(again?.[1]).toContain('--v8-pool-size=1');
    expect(again?.[1]).not.toContain('--max-semi-space-size=4');
  });

  it('an unknown flag is a usage error (exit 2)', async () => {
    const result = await runNatter(['--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown flag');
    expect(result.stderr).toContain('--bogus');
  });

  it('an unknown command is a usage error (exit 2)', async () => {
    const result = await runNatter(['frobnicate']);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'natter: Unknown command: frobnicate. Run natter --help for usage.\n' });
  });

  it('a config file that is not JSON is named, exits 1 and is left unchanged', async () => {
    const { file, env } = withConfig('{"ui": {');
    const result = await runNatter([], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`the config file ${file} is invalid: it is not valid JSON`);
    expect(readFileSync(file, 'utf8')).toBe('{"ui": {');
  });

  it('a wrong-typed key is named with the file, exits 1, file unchanged', async () => {
    const content = '{"ui": {"rosterWidth": "wide"}}';
    const { file, env } = withConfig(content);
    const result = await runNatter([], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain('key ui.rosterWidth must be integer');
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('refuses to open the screen without a terminal', async () => {
    const dirs = tempDirs();
    cleanups.push(dirs.remove);
    const result = await runNatter([], { env: dirs.env });
    expect(result).toMatchObject({ code: 2, stderr: 'natter: the chat screen needs a terminal (stdin and stdout must be a TTY).\n' });
  });
});
