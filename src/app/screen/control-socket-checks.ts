import { lstatSync, type Stats } from 'node:fs';
import { Buffer } from 'node:buffer';
import { dirname } from 'node:path';

/** Linux's sun_path holds 108 bytes, the closing NUL included (unix(7)). */
export const MAX_SOCKET_PATH_BYTES = 107;

/** Why `path` can not be a Unix socket address (too long), or undefined when it can. */
export function socketPathProblem(path: string): string | undefined {
  const bytes = Buffer.byteLength(path);
  if (bytes <= MAX_SOCKET_PATH_BYTES) return undefined;
  return `the control socket path ${path} is ${bytes} bytes, more than the ${MAX_SOCKET_PATH_BYTES} a Unix socket address holds; ` +
    'set XDG_RUNTIME_DIR (or XDG_STATE_HOME) to a shorter directory';
}

const myUid = (): number | undefined => process.getuid?.();

const mode = (stats: Stats): string => (stats.mode & 0o777).toString(8).padStart(4, '0');

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Why the socket's directory is not this user's private one (its own, not a link, 0700). */
export function privateDirProblem(dir: string, stats: Stats, { modeToo = true } = {}): string | undefined {
  if (stats.isSymbolicLink() || !stats.isDirectory()) return `${dir} is not a directory (a link?); remove it`;
  const uid = myUid();
  if (uid !== undefined && stats.uid !== uid) {
    return `${dir} belongs to another user (uid ${stats.uid}), not to you (uid ${uid}): someone may be posing as natter; remove it, or set XDG_RUNTIME_DIR to a directory of your own`;
  }
  if (modeToo && (stats.mode & 0o077) !== 0) {
    return `${dir} is open to other users (mode ${mode(stats)}), so another user could have put the socket there; natter makes it private when it starts, or run: chmod 700 ${dir}`;
  }
  return undefined;
}

export type ControlSocketCheck = { ok: true } | { ok: false; missing: true } | { ok: false; missing: false; problem: string };

/**
 * The client's side of the trust: before `natter ctl` sends a command (message texts), the
 * socket must be in this user's private directory and be this user's socket, as the natter
 * that made it left it. A directory or socket another user made first is refused, unused.
 */
export function checkControlSocket(path: string): ControlSocketCheck {
  const tooLong = socketPathProblem(path);
  if (tooLong) return { ok: false, missing: false, problem: tooLong };
  const dir = dirname(path);
  const dirStats = lstatOrUndefined(dir);
  if (!dirStats) return { ok: false, missing: true };
  const dirProblem = privateDirProblem(dir, dirStats);
  if (dirProblem) return { ok: false, missing: false, problem: dirProblem };
  const socket = lstatOrUndefined(path);
  if (!socket) return { ok: false, missing: true };
  if (!socket.isSocket()) return { ok: false, missing: false, problem: `${path} is not a socket; remove it` };
  const uid = myUid();
  if (uid !== undefined && socket.uid !== uid) {
    return { ok: false, missing: false, problem: `${path} belongs to another user (uid ${socket.uid}), not to you (uid ${uid}): someone may be posing as natter; natter removes it when it starts` };
  }
  return { ok: true };
}

/** The server's side: a socket left in our directory by another user is not ours to keep. */
export function foreignSocket(path: string): boolean {
  const stats = lstatOrUndefined(path);
  const uid = myUid();
  return stats !== undefined && uid !== undefined && stats.uid !== uid;
}
