import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';
import { oneRunLogin } from '../support/one-run-login.js';
import { spawnNatter } from '../support/pty.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

it('Alt-E edits the line in $EDITOR: the edited, multi-line text comes back to the line and goes out as one message', async () => {
  // An "editor" that rewrites the file as a person would.
  const tools = mkdtempSync(join(tmpdir(), 'natter-editor-'));
  cleanup.push(() => rmSync(tools, { recursive: true, force: true }));
  const editor = join(tools, 'editor.sh');
  writeFileSync(editor, '#!/bin/sh\nprintf \'%s, edited\\nsecond line\\n\' "$(cat "$1")" > "$1"\n');
  chmodSync(editor, 0o700);
  const { b, bob, natter } = await natterAndBob(info, cleanup, { env: { EDITOR: editor, VISUAL: '' } });
  natter.type(`/msg ${b.jid}`);
  natter.press('enter');
  await natter.waitForText(`2:${b.jid}`);

  natter.type('a draft');
  natter.press('alt-e');
  await natter.waitForText('> a draft, edited⏎second line');
  // The screen is whole again after the editor had it.
  expect(await natter.screenText()).toContain(`2:${b.jid}`);
  natter.press('enter');
  await bob.waitForMessage((m) => m.body === 'a draft, edited\nsecond line');
  natter.type('/quit');
  natter.press('enter');
  expect((await natter.waitForExit()).exitCode).toBe(0);
});

it('an editor that fails leaves the line as it was and says why', async () => {
  const login = oneRunLogin(info, { jid: 'alice@localhost', password: 'x' });
  cleanup.push(login.remove);
  // No server needed: the line is local (port 1 refuses at once).
  const natter = spawnNatter({ cols: 100, rows: 30, args: login.argsFor(1), env: { EDITOR: 'false', VISUAL: '' } });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(/^> /m);
  natter.type('keep me');
  natter.press('alt-e');
  await natter.waitForText('the editor "false" exited with 1; the line is unchanged');
  expect(await natter.screenText()).toContain('> keep me');
  natter.type('\u0015'); // Ctrl-U empties the line
  await natter.waitForText(/^> *$/m);
  natter.type('/quit');
  natter.press('enter');
  expect((await natter.waitForExit()).exitCode).toBe(0);
});
