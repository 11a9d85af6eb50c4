import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, expect, inject, it } from 'vitest';
import { oneRunLogin } from '../support/one-run-login.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { spawnNatter } from '../support/pty.js';
import { connectPeer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const TROUBLE = 'the history database can not be written (database is locked)';

/**
 * Another program holds the database's write lock (a backup tool, the sqlite3 shell in a
 * transaction): as root, which the test run is, a read-only file would not stop a write, and
 * this one ends when the test says so, as a full disk does when space is freed.
 */
it('history that can not be written: said once, chatting goes on with lines marked unsaved, saved when writing works again', async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('ro-a')), registerAccount(info, uniqueLocal('ro-b'))]);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const natter = spawnNatter({ args: login.args, cols: 200, rows: 30 });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a.jid}: online`);
  natter.type(`/msg ${b.jid}\r`);
  await natter.waitForText(`2:${b.jid}`);
  await bob.send(a.jid, 'saved first');
  await natter.waitForText(`${b.jid}: saved first`);

  const file = join(natter.dirs.data, 'natter', 'history.sqlite');
  const other = new DatabaseSync(file);
  cleanup.push(() => other.isOpen && other.close());
  other.exec('BEGIN IMMEDIATE');
  await bob.send(a.jid, 'while locked 1');
  await natter.waitForText(`${b.jid}: while locked 1 (unsaved)`);
  natter.type('mine while locked\r');
  await natter.waitForText('✓ me: mine while locked (unsaved)'); // sent, and its mark moves though the row is held
  await bob.waitForMessage((m) => m.body === 'mine while locked');
  await bob.send(a.jid, 'while locked 2');
  await natter.waitForText(`${b.jid}: while locked 2 (unsaved)`);
  expect(await natter.screenText()).not.toContain('saved first (unsaved)');

  natter.press('alt-1');
  await natter.waitForText(TROUBLE);
  other.exec('ROLLBACK');
  other.close();
  await natter.waitForText('the history database can be written again: 3 unsaved messages saved.');
  // One line for the whole episode, however many writes failed.
  expect((await natter.screenText()).split(TROUBLE)).toHaveLength(2);
  natter.press('alt-2');
  await natter.waitForText(`${b.jid}: while locked 2`);
  expect(await natter.screenText()).not.toContain('(unsaved)');
  await bob.send(a.jid, 'after recovery');
  await natter.waitForText(`${b.jid}: after recovery`);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });

  const db = new DatabaseSync(file, { readOnly: true });
  try {
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    expect(db.prepare('SELECT direction, body, delivery FROM messages ORDER BY id').all()).toEqual([
      { direction: 'in', body: 'saved first', delivery: 'none' },
      { direction: 'in', body: 'while locked 1', delivery: 'none' },
      { direction: 'out', body: 'mine while locked', delivery: 'sent' },
      { direction: 'in', body: 'while locked 2', delivery: 'none' },
      { direction: 'in', body: 'after recovery', delivery: 'none' },
    ]);
  } finally {
    db.close();
  }
}, 60_000);
