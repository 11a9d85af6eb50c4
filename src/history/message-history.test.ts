import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MessageHistory, type NewMessage } from './message-history.js';
import { HISTORY_FILE, HistoryError, openHistoryDatabase } from './open-history.js';
import { MIGRATIONS } from './migrations.js';
import { MAX_OPEN_MS } from './group-commit.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fresh() {
  const dir = join(mkdtempSync(join(tmpdir(), 'natter-history-')), 'natter');
  dirs.push(join(dir, '..'));
  const db = openHistoryDatabase(dir);
  return { dir, db, history: new MessageHistory(db) };
}

const msg = (over: Partial<NewMessage> = {}): NewMessage => ({
  account: 'alice@x',
  peer: 'bob@x',
  direction: 'in',
  body: 'hello',
  at: 1000,
  ...over,
});

describe('history database', () => {
  it('creates a 0700 directory and a 0600 file in WAL mode', () => {
    const { dir, db } = fresh();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, HISTORY_FILE)).mode & 0o777).toBe(0o600);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: MIGRATIONS.length });
  });

  it('reports a corrupt file with its path and leaves it untouched', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'natter-history-')), 'natter');
    dirs.push(join(dir, '..'));
    openHistoryDatabase(dir).close();
    const file = join(dir, HISTORY_FILE);
    const junk = Buffer.from('SQLite format 3\u0000' + 'garbage'.repeat(200));
    writeFileSync(file, junk);
    expect(() => openHistoryDatabase(dir)).toThrow(HistoryError);
    expect(() => openHistoryDatabase(dir)).toThrow(`the history database ${file} can not be read`);
    expect(Buffer.compare(junk, readFileSync(file))).toBe(0);
  });
});

describe('MessageHistory', () => {
  it('stores a message once, however often it arrives (stanza-id, origin-id)', () => {
    const { history } = fresh();
    const first = history.add(msg({ stanzaId: 's1', originId: 'o1' }));
    expect(first.duplicate).toBe(false);
    // The time of the copy stored first, not of the one that came again.
    expect(history.add(msg({ stanzaId: 's1', at: 9_000 }))).toEqual({ id: first.id, duplicate: true, at: first.at });
    expect(history.add(msg({ originId: 'o1' }))).toEqual({ id: first.id, duplicate: true, at: first.at });
    expect(history.add(msg({ originId: 'o1', direction: 'out' })).duplicate).toBe(false);
    expect(history.add(msg()).duplicate).toBe(false); // no ids: can not tell, keep both
  });

  it('pages backwards by (time, id), oldest first within a page', () => {
    const { history } = fresh();
    history.addMany(Array.from({ length: 10 }, (_, i) => msg({ body: `m${i}`, at: 1000 + Math.floor(i / 2) })));
    const newest = history.page('alice@x', 'bob@x', 4);
    expect(newest.map((m) => m.body)).toEqual(['m6', 'm7', 'm8', 'm9']);
    const first = newest[0];
    const older = history.page('alice@x', 'bob@x', 4, first && { at: first.at, id: first.id });
    expect(older.map((m) => m.body)).toEqual(['m2', 'm3', 'm4', 'm5']);
  });

  it('reads a message with its context, for a jump from search results', () => {
    const { history } = fresh();
    history.addMany(Array.from({ length: 9 }, (_, i) => msg({ body: `m${i}`, at: 1000 + i })));
    history.add(msg({ peer: 'carol@x', body: 'elsewhere', at: 1004 }));
    const hit = history.search('m4')[0];
    expect(history.around(hit?.id ?? -1, 2).map((m) => m.body)).toEqual(['m2', 'm3', 'm4', 'm5', 'm6']);
    expect(history.around(123456, 2)).toEqual([]);
  });

  it('finds words with FTS5, literally, across chats or within one', () => {
    const { history } = fresh();
    history.add(msg({ body: 'the deploy is done', at: 1 }));
    history.add(msg({ peer: 'carol@x', body: 'Deploy failed: "OR" NEAR', at: 2 }));
    expect(history.search('deploy').map((h) => h.peer)).toEqual(['carol@x', 'bob@x']);
    expect(history.search('deploy', { peer: 'bob@x' })).toHaveLength(1);
    expect(history.search('"OR" NEAR')[0]?.snippet).toContain('[OR]');
    expect(history.search('   ')).toEqual([]);
  });

  it('updates the delivery state of an outgoing message by origin-id', () => {
    const { history } = fresh();
    const { id } = history.add(msg({ direction: 'out', originId: 'o9', delivery: 'pending' }));
    expect(history.setDelivery('alice@x', 'bob@x', 'o9', 'delivered')).toBe(id);
    expect(history.page('alice@x', 'bob@x', 1)[0]?.delivery).toBe('delivered');
    // A late server ack does not undo the receipt.
    expect(history.setDelivery('alice@x', 'bob@x', 'o9', 'sent')).toBeUndefined();
    expect(history.page('alice@x', 'bob@x', 1)[0]?.delivery).toBe('delivered');
    expect(history.hasWrittenTo('alice@x', 'bob@x')).toBe(true);
    expect(history.hasWrittenTo('alice@x', 'carol@x')).toBe(false);
  });

  it('keeps the archive cursor per account: the archive id seen last, whatever the messages claim about their time', () => {
    const { history } = fresh();
    expect(history.cursors.position('alice@x').id).toBeUndefined();
    history.cursors.advance('alice@x', 'a1');
    history.cursors.advance('bob@x', 'b1');
    history.cursors.advance('alice@x', 'a2');
    expect(history.cursors.position('alice@x').id).toBe('a2');
    expect(history.cursors.position('bob@x').id).toBe('b1');
  });

  it("keeps the time of the cursor's message; a result with no message (a receipt) keeps the one before", () => {
    const { history } = fresh();
    history.cursors.advance('alice@x', 'a1');
    expect(history.cursors.position('alice@x').messageAt).toBeUndefined();
    history.cursors.advance('alice@x', 'a2', 5_000);
    history.cursors.advance('alice@x', 'receipt');
    expect(history.cursors.position('alice@x').id).toBe('receipt');
    expect(history.cursors.position('alice@x').messageAt).toBe(5_000);
  });

  it('moves a row to another time: pages read it in its new place, after a restart too', () => {
    const { history, dir } = fresh();
    const late = history.add(msg({ body: 'routed first, dated late', at: 3_000 }));
    history.add(msg({ body: 'second', at: 2_000 }));
    history.redate(late.id, 1_999);
    expect(history.page('alice@x', 'bob@x', 5).map((m) => m.body)).toEqual(['routed first, dated late', 'second']);
    history.close();
    const again = new MessageHistory(openHistoryDatabase(dir));
    expect(again.page('alice@x', 'bob@x', 5).map((m) => [m.body, m.at])).toEqual([['routed first, dated late', 1_999], ['second', 2_000]]);
    again.close();
  });

  it('takes a cursor pinned by a date in the future (an older natter\'s) forward again', () => {
    const { history, db } = fresh();
    db.prepare("INSERT INTO archive_cursor (account, last_id, at) VALUES ('alice@x', 'forged', ?)").run(Date.parse('2999-01-01T00:00:00Z'));
    history.cursors.advance('alice@x', 'a1');
    expect(history.cursors.position('alice@x').id).toBe('a1');
  });

  it('counts incoming messages after the read marker of each conversation', () => {
    const { history } = fresh();
    const first = history.add(msg({ body: 'a', at: 1 }));
    history.markRead('alice@x', 'bob@x', first.id);
    history.add(msg({ body: 'b', at: 2 }));
    history.add(msg({ body: 'c', at: 3 }));
    history.add(msg({ direction: 'out', originId: 'o', body: 'mine', at: 4 }));
    history.add(msg({ peer: 'carol@x', body: 'no marker, not counted', at: 5 }));
    expect(history.unreadCounts('alice@x')).toEqual([{ peer: 'bob@x', count: 2 }]);
    history.markRead('alice@x', 'bob@x', first.id - 1); // never backwards
    expect(history.unreadCounts('alice@x')).toEqual([{ peer: 'bob@x', count: 2 }]);
  });

  it('keeps the outbox: pending outgoing messages of one account, oldest first, until acknowledged', () => {
    const { history } = fresh();
    history.add(msg({ direction: 'out', originId: 'o2', delivery: 'pending', body: 'second', at: 20 }));
    history.add(msg({ direction: 'out', originId: 'o1', delivery: 'pending', body: 'first', at: 10 }));
    history.add(msg({ direction: 'out', originId: 'o3', delivery: 'sent', body: 'acked', at: 5 }));
    history.add(msg({ account: 'other@x', direction: 'out', originId: 'o4', delivery: 'pending', at: 1 }));
    history.add(msg({ direction: 'in', originId: 'o5', delivery: 'pending', at: 1 }));
    expect(history.outbox('alice@x').map((m) => m.body)).toEqual(['first', 'second']);
    history.setDelivery('alice@x', 'bob@x', 'o1', 'sent');
    expect(history.outbox('alice@x').map((m) => m.originId)).toEqual(['o2']);
  });

  it('indexes new messages for search before it commits them, once each, also across a failed transaction', () => {
    const { dir, history, db } = fresh();
    const reader = openHistoryDatabase(dir);
    const readerSearch = () => (reader.prepare("SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'pending'").all() as unknown[]).length;
    history.add(msg({ body: 'pending one', at: 1 }));
    history.add(msg({ body: 'pending two', at: 2 }));
    expect(history.search('pending')).toHaveLength(2); // found before the commit
    history.add(msg({ body: 'pending three', at: 3 }));
    expect(() => history.transaction(() => {
      history.add(msg({ body: 'pending four', at: 4 }));
      expect(history.search('pending')).toHaveLength(4);
      throw new Error('bad page');
    })).toThrow('bad page');
    expect(readerSearch()).toBe(0);
    history.flush();
    expect(history.search('pending').map((h) => h.body)).toEqual(['pending three', 'pending two', 'pending one']);
    expect(readerSearch()).toBe(3);
    // No row is in the index twice or missing from it.
    db.exec("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)");
    reader.close();
  });

  it('commits writes together, at a flush or MAX_OPEN_MS after the first; a failed transaction leaves nothing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { dir, history } = fresh();
    const reader = openHistoryDatabase(dir);
    const count = () => (reader.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
    try {
      for (let i = 0; i < 100; i++) history.add(msg({ body: `m${i}`, at: i }));
      await new Promise((resolve) => setImmediate(resolve));
      history.add(msg({ body: 'next turn' }));
      expect(count()).toBe(0); // one transaction across turns
      vi.advanceTimersByTime(MAX_OPEN_MS - 1);
      expect(count()).toBe(0);
      vi.advanceTimersByTime(1);
      expect(count()).toBe(101);
    } finally {
      vi.useRealTimers();
    }
    expect(() => history.transaction(() => {
      history.add(msg({ body: 'half a page' }));
      throw new Error('bad page');
    })).toThrow('bad page');
    history.add(msg({ body: 'after it' }));
    expect(count()).toBe(101);
    history.flush();
    expect(count()).toBe(102);
    expect(history.search('half')).toEqual([]);
    reader.close();
  });
});

describe('message kinds (migration 6)', () => {
  it('keeps a room message out of the chat outbox, and lists it apart', () => {
    const { history } = fresh();
    history.add(msg({ peer: 'bob@x', direction: 'out', originId: 'c1', delivery: 'pending' }));
    history.add(msg({ peer: 'ops@muc.x', kind: 'groupchat', direction: 'out', originId: 'g1', delivery: 'pending' }));
    expect(history.outbox('alice@x').map((m) => [m.peer, m.kind])).toEqual([['bob@x', 'chat']]);
    expect(history.outbox('alice@x', 'groupchat').map((m) => [m.peer, m.kind])).toEqual([['ops@muc.x', 'groupchat']]);
  });

  it('marks the rooms of a history written before it as groupchat: their senders are nicks, not JIDs', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'natter-history-')), 'natter');
    dirs.push(join(dir, '..'));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { DatabaseSync } = await import('node:sqlite');
    const old = new DatabaseSync(join(dir, HISTORY_FILE));
    for (const step of MIGRATIONS.slice(0, 5)) old.exec(step);
    old.exec('PRAGMA user_version = 5');
    const add = old.prepare("INSERT INTO messages (account, peer, direction, sender, body, at, received_at, origin_id, delivery) VALUES ('alice@x', ?, ?, ?, 'x', 1, 1, ?, ?)");
    add.run('ops@muc.x', 'in', 'bob', null, 'none');
    add.run('ops@muc.x', 'out', 'alice', 'g1', 'pending');
    add.run('bob@x', 'in', 'bob@x/phone', null, 'none');
    add.run('bob@x', 'out', 'alice@x', 'c1', 'pending');
    add.run('ops@muc.x/bob', 'in', 'ops@muc.x/bob', null, 'none');
    old.close();
    const history = new MessageHistory(openHistoryDatabase(dir));
    expect(history.outbox('alice@x').map((m) => m.peer)).toEqual(['bob@x']);
    expect(history.outbox('alice@x', 'groupchat').map((m) => m.peer)).toEqual(['ops@muc.x']);
    expect(history.page('alice@x', 'ops@muc.x/bob', 10).map((m) => m.kind)).toEqual(['chat']);
  });
});
