import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENTER_SCREEN, LEAVE_SCREEN } from './terminal-modes.js';

export type EditResult = { ok: true; text: string } | { ok: false; reason: string };

interface Terminal {
  stdin: { isTTY?: boolean; setRawMode?(mode: boolean): unknown };
  stdout: { write(data: string): unknown };
}


/**
 * Hands the command line to $VISUAL or $EDITOR (else vi), as git and mutt do: the text goes
 * in a 0600 file in a private temp dir, the editor runs through /bin/sh (so "code -w" works)
 * with the path as "$1" (never spliced into the command), and the file's text comes back
 * without its final newline. natter waits for it: the terminal belongs to the editor. XMPP
 * traffic waits in the socket meanwhile; stream management resumes a session that dropped.
 */
export function editInEditor(text: string, terminal: Terminal, env: NodeJS.ProcessEnv = process.env): EditResult {
  const editor = env.VISUAL?.trim() || env.EDITOR?.trim() || 'vi';
  const dir = mkdtempSync(join(tmpdir(), 'natter-edit-'));
  const file = join(dir, 'message.txt');
  try {
    writeFileSync(file, text, { mode: 0o600 });
    const raw = terminal.stdin.isTTY === true;
    if (raw) terminal.stdin.setRawMode?.(false);
    terminal.stdout.write(LEAVE_SCREEN);
    const run = spawnSync('/bin/sh', ['-c', `${editor} "$1"`, 'sh', file], { stdio: 'inherit', env });
    terminal.stdout.write(ENTER_SCREEN);
    if (raw) terminal.stdin.setRawMode?.(true);
    if (run.error) return { ok: false, reason: `could not run the editor "${editor}": ${run.error.message}` };
    if (run.status !== 0) return { ok: false, reason: `the editor "${editor}" exited with ${run.status ?? run.signal}; the line is unchanged` };
    return { ok: true, text: readFileSync(file, 'utf8').replace(/\r?\n$/, '') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
