import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProsodyInfo } from './prosody.js';

/**
 * natter's one-run login flags for `account` on a test server (Prosody's or ejabberd's): the password sits in a 0600
 * file in a fresh temp dir and reaches natter through --password-command, never its argv.
 * `dir` is free for a test's other files; `remove` deletes it.
 */
export function oneRunLogin(info: Pick<ProsodyInfo, 'host' | 'c2sPort' | 'caFile'>, account: { jid: string; password: string }, options: { port?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'natter-login-'));
  writeFileSync(join(dir, 'pw'), `${account.password}\n`, { mode: 0o600 });
  const args = (port = options.port ?? info.c2sPort): string[] => [
    '--jid', account.jid, '--host', info.host, '--port', String(port), '--ca-file', info.caFile, '--password-command', `cat '${join(dir, 'pw')}'`,
  ];
  return { dir, args: args(), argsFor: args, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
