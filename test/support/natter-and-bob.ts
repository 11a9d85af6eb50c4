import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeContacts } from './contacts.js';
import { oneRunLogin } from './one-run-login.js';
import { registerAccount, uniqueLocal, type ProsodyAccount, type ProsodyInfo } from './prosody.js';
import { spawnNatter, tempDirs, type PtySession } from './pty.js';
import { connectPeer, type Peer } from './xmpp-peer.js';

export interface NatterAndBob {
  a: ProsodyAccount;
  b: ProsodyAccount;
  /** bob online as the test peer. */
  bob: Peer;
  /** alice's one-run login; `login.dir` is free for the test's files. */
  login: ReturnType<typeof oneRunLogin>;
  dirs: ReturnType<typeof tempDirs>;
  natter: PtySession;
}

/**
 * The usual start of an end-to-end test: fresh alice and bob (each other's contacts when
 * asked), bob online, natter logged in as alice in a PTY (with a config.json when given),
 * everything pushed on `cleanup` to be disposed after the test.
 */
export async function natterAndBob(
  info: ProsodyInfo,
  cleanup: Array<() => unknown>,
  options: { cols?: number; rows?: number; env?: Record<string, string>; contacts?: boolean; config?: (paths: { home: string; loginDir: string }) => object } = {},
): Promise<NatterAndBob> {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('alice')), registerAccount(info, uniqueLocal('bob'))]);
  if (options.contacts) makeContacts(info, a, b);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const dirs = tempDirs();
  if (options.config) {
    mkdirSync(join(dirs.config, 'natter'), { recursive: true });
    writeFileSync(join(dirs.config, 'natter', 'config.json'), JSON.stringify(options.config({ home: dirs.home, loginDir: login.dir })));
  }
  const natter = spawnNatter({ cols: options.cols ?? 100, rows: options.rows ?? 30, args: login.args, env: { ...dirs.env, ...options.env } });
  cleanup.push(() => natter.dispose(), dirs.remove);
  await natter.waitForText(`${a.jid}: online`);
  return { a, b, bob, login, dirs, natter };
}
