import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'natter.lock';

export type DataDirLock = { held: true; file: string; release(): void } | { held: false; file: string; owner: number; reason: string };

/** Whether a process with this id runs (a zombie, dead but not yet reaped, does not). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state ..."; the comm may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): kill(0) is all there is
  }
}

/** The process id a lock file names, or undefined for a file that names none. */
function ownerOf(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates `file` naming `pid`, atomically: written whole under a private name, then linked
 * (link(2) fails with EEXIST when the name is taken), so another start never reads a lock
 * half written, and of two starts at the same moment exactly one gets it.
 */
function claim(file: string, pid: number): boolean {
  const draft = `${file}.${pid}`;
  writeFileSync(draft, `${pid}\n`, { mode: 0o600 });
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

function removeIfOwnedBy(file: string, pid: number | undefined): void {
  if (ownerOf(file) !== pid) return;
  try {
    unlinkSync(file);
  } catch {
    // gone already
  }
}

/**
 * Takes the data directory's lock for this process, one screen per history: a second natter
 * on the same data directory is refused, naming the one that runs. The lock of a natter that
 * died without letting go (SIGKILL, a crash, a power cut) names a process that no longer
 * runs: it is taken over. Breaking it happens under a second lock (`.break`), so two starts
 * that both find the same stale lock do not both take it: the one holding `.break` removes
 * the stale lock only if it still names the dead process, then both race for it by link().
 * The lock is released when the process exits (its 'exit' handler).
 */
export function lockDataDir(dir: string, pid = process.pid, alive: (pid: number) => boolean = processAlive): DataDirLock {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, LOCK_FILE);
  const guard = `${file}.break`;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (claim(file, pid)) {
      const release = (): void => removeIfOwnedBy(file, pid);
      process.once('exit', release);
      return { held: true, file, release: () => (process.off('exit', release), release()) };
    }
    const owner = ownerOf(file);
    if (owner !== undefined && owner !== pid && alive(owner)) return { held: false, file, owner, reason: 'running' };
    if (!claim(guard, pid)) {
      const breaker = ownerOf(guard);
      if (breaker !== undefined && alive(breaker)) return { held: false, file, owner: breaker, reason: 'starting' };
      // A start that died while breaking a lock (within microseconds): its guard goes too.
      removeIfOwnedBy(guard, breaker);
      continue;
    }
    try {
      removeIfOwnedBy(file, owner);
    } finally {
      removeIfOwnedBy(guard, pid);
    }
  }
  throw new Error(`could not take the lock ${file}: it keeps changing; is another natter starting again and again?`);
}

/** The one line a refused start prints. */
export function refusalOf(lock: Extract<DataDirLock, { held: false }>, dataDir: string): string {
  const what = lock.reason === 'starting' ? 'is starting' : 'is running';
  return (
    `another natter (PID ${lock.owner}) ${what} on the data directory ${dataDir}; this one stops so that the history has one writer. ` +
    `Use that one (natter ctl runs commands in it), or quit it first. If PID ${lock.owner} is not natter, delete ${lock.file}.`
  );
}
