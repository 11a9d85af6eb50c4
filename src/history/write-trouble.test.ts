import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, expect, it, vi } from 'vitest';
import { RETRY_MS, type WriteTrouble } from './held-rows.js';
import { MessageHistory, type NewMessage } from './message-history.js';
import { HISTORY_FILE, openHistoryDatabase } from './open-history.js';

const dirs: string[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fresh() {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  const dir = join(mkdtempSync(join(tmpdir(), 'natter-trouble-')), 'natter');
  dirs.push(join(dir, '..'));
  const db = openHistoryDatabase(dir);
  db.exec('PRAGMA busy_timeout = 20'); // the test's lock is met at once, not after natter's 2 s
  const history = new MessageHistory(db);
  const events: WriteTrouble[] = [];
  history.onWriteTrouble((event) => events.push(event));
  const rows = () => {
    const reader = new DatabaseSync(join(dir, HISTORY_FILE), { readOnly: true });
    try {
      return reader.prepare('SELECT id, body, delivery FROM messages ORDER BY id').all() as { id: number; body: string; delivery: string }[];
    } finally {
      reader.close();
    }
  };
  return { dir, db, history, events, rows };
}

const msg = (body: string, over: Partial<NewMessage> = {}): NewMessage => ({ account: 'alice@x', peer: 'bob@x', direction: 'in', body, at: 1000, ...over });

it('a size cap reached (max_page_count): the rows of the failed transaction and later ones are held, told once, and written when there is room', () => {
  const { db, history, events, rows } = fresh();
  history.add(msg('saved before'));
  history.flush();
  const pages = (db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
  db.exec(`PRAGMA max_page_count = ${pages + 2}`);
  const ids: number[] = [];
  for (let i = 0; i < 40; i++) ids.push(history.add(msg(`big ${i} ${'x'.repeat(2000)}`, { stanzaId: `s${i}` })).id);
  history.flush();
  expect(events).toHaveLength(1);
  const failed = events[0];
  expect(failed).toMatchObject({ kind: 'failed', reason: 'database or disk is full' });
  // The rows the rollback took back moved to held (negative) ids; every later one got one at once.
  const heldIds = ids.map((id) => failed?.rekeyed.find((r) => r.from === id)?.to ?? id);
  expect(heldIds.every((id) => id < 0)).toBe(true);
  expect(new Set(heldIds).size).toBe(40);
  expect(rows().map((r) => r.body)).toEqual(['saved before']);
  // A copy of a held message (the same stanza-id) is recognised as one.
  expect(history.add(msg('big 3 again', { stanzaId: 's3', at: 2000 }))).toEqual({ id: heldIds[3], duplicate: true, at: 1000 });

  vi.advanceTimersByTime(RETRY_MS); // still full: nothing changes, nothing more is said
  expect(events).toHaveLength(1);
  db.exec('PRAGMA max_page_count = 1000000');
  vi.advanceTimersByTime(RETRY_MS);
  expect(events).toHaveLength(2);
  const recovered = events[1];
  expect(recovered?.kind).toBe('recovered');
  expect(recovered?.rekeyed.map((r) => r.from)).toEqual(heldIds);
  expect(recovered?.rekeyed.every((r) => r.to > 0)).toBe(true);
  expect(rows().map((r) => r.body.split(' ').slice(0, 2).join(' '))).toEqual(['saved before', ...Array.from({ length: 40 }, (_, i) => `big ${i}`)]);
  // Writing works as before.
  expect(history.add(msg('after')).id).toBeGreaterThan(0);
  history.flush();
  expect(rows().at(-1)?.body).toBe('after');
});

it('the database locked by another program: messages are held with their delivery marks, saved when the lock goes', () => {
  const { dir, history, events, rows } = fresh();
  const out = (body: string, originId: string) => msg(body, { direction: 'out', originId, delivery: 'pending' });
  const earlier = history.add(out('sent before the lock', 'o1')).id;
  history.flush();
  const other = new DatabaseSync(join(dir, HISTORY_FILE));
  other.exec('BEGIN IMMEDIATE');
  const held = history.add(out('while locked', 'o2')).id;
  expect(held).toBeLessThan(0);
  expect(events).toEqual([{ kind: 'failed', reason: 'database is locked', rekeyed: [] }]);
  // A held message's mark moves in memory (its line follows); a saved one's change waits.
  expect(history.moveDelivery('alice@x', 'bob@x', 'o2', 'sent')).toEqual({ id: held, kind: 'chat' });
  expect(history.moveDelivery('alice@x', 'bob@x', 'o1', 'delivered')).toBeUndefined();
  history.markRead('alice@x', 'bob@x', earlier); // no throw: skipped
  history.cursors.advance('alice@x', 'cursor-1'); // not moved: catch-up fetches again
  expect(history.transaction(() => history.add(msg('in a transaction')).id)).toBeLessThan(0);

  other.exec('ROLLBACK');
  other.close();
  vi.advanceTimersByTime(RETRY_MS);
  expect(events.map((e) => e.kind)).toEqual(['failed', 'recovered']);
  expect(rows().map(({ body, delivery }) => [body, delivery])).toEqual([
    ['sent before the lock', 'delivered'],
    ['while locked', 'sent'],
    ['in a transaction', 'none'],
  ]);
  expect(history.cursors.position('alice@x').id).toBeUndefined();
  history.close();
});

it('an error that is not the database refusing a write still throws', () => {
  const { db, history } = fresh();
  db.exec('DROP TABLE messages_fts'); // a broken schema is a bug, not a full disk
  history.add(msg('x'));
  expect(() => history.flush()).toThrow(/no such table/);
});
