import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { EjabberdServer } from './ejabberd.js';
import { oneRunLogin } from './one-run-login.js';
import { uniqueLocal, type ProsodyAccount } from './prosody.js';
import { spawnNatter, tempDirs, type PtySession } from './pty.js';
import { connectPeer, type Peer } from './xmpp-peer.js';

/**
 * The XEP-0198 queue the natter-on-ejabberd tests run with: what ejabberd keeps unacknowledged
 * before it ends the stream with policy-violation ("Too many unacked stanzas"). Above any burst
 * these tests cause, below the IQ answers natter gets in one test: an `h` that misses stanzas
 * natter handled ends the stream, and it can not be resumed.
 */
export const STRICT_ACK_QUEUE = 30;

/**
 * alice and bob on a private ejabberd, each other's contacts, bob online as the test peer;
 * `run()` starts natter as alice (a PTY) on the same data directory each time, through `port`
 * (default: the STARTTLS port). Everything is pushed on `cleanup`.
 */
export async function aliceAndBobOn(ejabberd: EjabberdServer, cleanup: Array<() => unknown>) {
  const [a, b] = await Promise.all([ejabberd.register(uniqueLocal('alice')), ejabberd.register(uniqueLocal('bob'))]);
  await ejabberd.makeContacts(a, b);
  const bob = await connectPeer(ejabberd, b);
  cleanup.push(() => bob.stop());
  const login = oneRunLogin(ejabberd, a);
  const dirs = tempDirs();
  cleanup.push(login.remove, dirs.remove);
  const run = async (options: { port?: number; extraArgs?: string[]; rows?: number } = {}): Promise<PtySession> => {
    const natter = spawnNatter({ cols: 120, rows: options.rows ?? 40, args: [...login.argsFor(options.port), ...(options.extraArgs ?? [])], env: dirs.env });
    cleanup.push(() => natter.dispose());
    await natter.waitForText(`natter | ${a.jid}: online`, 20_000);
    return natter;
  };
  return { a, b, bob, login, dirs, run };
}

/** A second device of `account` (another resource), online as a test peer. */
export async function secondDevice(ejabberd: EjabberdServer, account: ProsodyAccount, cleanup: Array<() => unknown>, resource = 'phone'): Promise<Peer> {
  const device = await connectPeer(ejabberd, account, resource);
  cleanup.push(() => device.stop());
  return device;
}

/** The bodies natter stored for a conversation with `peer`, in the order it stored them. */
export function storedBodies(dataDir: string, peer: string, direction: 'in' | 'out'): string[] {
  const db = new DatabaseSync(join(dataDir, 'natter', 'history.sqlite'), { readOnly: true });
  try {
    return (db.prepare('SELECT body FROM messages WHERE direction = ? AND peer = ? ORDER BY id').all(direction, peer) as { body: string }[]).map((r) => r.body);
  } finally {
    db.close();
  }
}
