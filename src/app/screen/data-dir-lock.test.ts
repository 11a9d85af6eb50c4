import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { LOCK_FILE, lockDataDir, processAlive, refusalOf } from './data-dir-lock.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const fresh = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'natter-lock-'));
  dirs.push(dir);
  return dir;
};
/** A process id that ran and is gone (reaped). */
const deadPid = (): number => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

it('takes the lock with its process id, refuses a second taker naming the first, and lets go on release', () => {
  const dir = fresh();
  const first = lockDataDir(dir, 1001, (pid) => pid === 1001);
  expect(first.held).toBe(true);
  expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe('1001\n');
  const second = lockDataDir(dir, 1002, (pid) => pid === 1001);
  expect(second).toMatchObject({ held: false, owner: 1001, reason: 'running' });
  if (second.held) throw new Error('unreachable');
  expect(refusalOf(second, dir)).toMatch(/^another natter \(PID 1001\) is running on the data directory .*natter ctl.*If PID 1001 is not natter, delete .*natter\.lock\.$/);
  if (first.held) first.release();
  expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  expect(lockDataDir(dir, 1002, () => true).held).toBe(true);
});

it('takes over the lock of a natter that died without letting go', () => {
  const dir = fresh();
  const dead = deadPid();
  expect(processAlive(dead)).toBe(false);
  expect(processAlive(process.pid)).toBe(true);
  writeFileSync(join(dir, LOCK_FILE), `${dead}\n`);
  const lock = lockDataDir(dir, process.pid);
  expect(lock.held).toBe(true);
  expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(`${process.pid}\n`);
  if (lock.held) lock.release();
  // No draft or guard file is left behind.
  expect(readdirSync(dir)).toEqual([]);
});

it('treats a lock naming no process (empty, garbage) as stale', () => {
  const dir = fresh();
  writeFileSync(join(dir, LOCK_FILE), 'not a pid');
  expect(lockDataDir(dir, 1003, () => true).held).toBe(true);
});

it('of two starts finding the same stale lock, only one takes it', () => {
  const dir = fresh();
  writeFileSync(join(dir, LOCK_FILE), '999999\n');
  // The second start runs while the first holds the `.break` guard: it sees a breaker alive.
  writeFileSync(join(dir, `${LOCK_FILE}.break`), '1005\n');
  const alive = (pid: number): boolean => pid === 1005 || pid === 1004;
  expect(lockDataDir(dir, 1004, alive)).toMatchObject({ held: false, owner: 1005, reason: 'starting' });
  // The breaker died mid-way: its guard and the stale lock go, and the next start gets the lock.
  expect(lockDataDir(dir, 1004, (pid) => pid === 1004).held).toBe(true);
  expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe('1004\n');
  // A start after that is refused: the lock now names a live process.
  expect(lockDataDir(dir, 1006, (pid) => pid === 1004)).toMatchObject({ held: false, owner: 1004 });
});

it('many processes starting at once: exactly one holds the lock', () => {
  const dir = fresh();
  writeFileSync(join(dir, LOCK_FILE), '999999\n'); // stale, so every one of them tries to break it
  const script = `
    import('${new URL('./data-dir-lock.ts', import.meta.url).pathname}').then(({ lockDataDir }) => {
      const lock = lockDataDir(process.argv[1]);
      process.stdout.write(lock.held ? 'held' : 'refused');
      if (lock.held) setTimeout(() => undefined, 1500);
    });`;
  const out = spawnSync('sh', ['-c', Array.from({ length: 5 }, () => '"$0" -e "$1" "$2" & ').join('') + 'wait', process.execPath, script, dir], { encoding: 'utf8' }).stdout;
  expect(out.match(/held/g)).toHaveLength(1);
  expect(out.match(/refused/g)).toHaveLength(4);
});
