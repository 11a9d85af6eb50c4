import { ArchiveCursors } from './archive-cursors.js';
import { ftsQuery } from './fts-query.js';
import { GroupCommit } from './group-commit.js';
import { HeldRows, ignoringErrors, isWriteFailure, RETRY_MS, type RowRekey, type WriteTrouble } from './held-rows.js';
import { cutBody } from '../domain/body-limit.js';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { NewMessage, SearchHit, Stored, StoredMessage, Delivery, MessageKind } from './message-types.js';

export type { Delivery, MessageKind, NewMessage, SearchHit, Stored, StoredMessage } from './message-types.js';

const COLUMNS = `m.id, m.account, m.peer, m.direction, m.sender, m.body, m.at, m.stanza_id AS stanzaId,
  m.origin_id AS originId, m.message_id AS messageId, m.replaces, m.delivery, m.kind`;

/**
 * Messages in SQLite, written before they are shown. Duplicates (the same stanza-id, or the
 * same origin-id in the same direction, for one conversation) are recognised and not stored
 * twice, so carbons, MAM catch-up and resent stanzas show once. Pages are read by keyset
 * (at, id), so opening a chat costs the same however long it is.
 * The rows a transaction adds join the full-text index just before it commits (or before a
 * search): one statement for all of them. A future UPDATE of a body or DELETE (their triggers
 * take the row out of the index) must call #indexPending first.
 */
export class MessageHistory {
  readonly #insert: StatementSync;
  readonly #findDuplicate: StatementSync;
  readonly #pageBefore: StatementSync;
  readonly #pageAfter: StatementSync;
  readonly #byId: StatementSync;
  readonly #search: StatementSync;
  readonly #setDelivery: StatementSync;
  readonly #outbox: StatementSync;
  readonly #hasSent: StatementSync;
  readonly #markRead: StatementSync;
  readonly #ensureMarker: StatementSync;
  readonly #unread: StatementSync;
  readonly #findOriginal: StatementSync;
  readonly #lastOutgoing: StatementSync;
  readonly #redate: StatementSync;
  readonly #oldest: StatementSync;

  readonly #index: StatementSync;
  readonly #batch: GroupCommit;
  /** Row ids this transaction added that the FTS index does not have yet. */
  #unindexed: { first: number; last: number } | undefined;
  /** The rows the open transaction added: held in memory if it can not commit. */
  #batchRows: Array<{ id: number; message: NewMessage }> = [];
  /** Why the database can not be written now; undefined while it can. */
  #trouble: string | undefined;
  readonly #held = new HeldRows();
  /** Where each account's catch-up from its server archive resumes. */
  readonly cursors: ArchiveCursors;
  #retry: NodeJS.Timeout | undefined;
  readonly #troubleListeners = new Set<(event: WriteTrouble) => void>();

  constructor(private readonly db: DatabaseSync) {
    this.#batch = new GroupCommit(db, () => this.#indexPending(), (error) => {
      if (!isWriteFailure(error)) throw error;
      this.#writeFailed(error);
    });
    this.#index = db.prepare('INSERT INTO messages_fts (rowid, body) SELECT id, body FROM messages WHERE id BETWEEN ? AND ?');
    this.#insert = db.prepare(`INSERT INTO messages (account, peer, direction, sender, body, at, received_at, stanza_id,
        origin_id, message_id, replaces, delivery, kind)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
    this.#findDuplicate = db.prepare(`SELECT id, at FROM messages WHERE account = ? AND peer = ?
      AND ((stanza_id IS NOT NULL AND stanza_id = ?) OR (origin_id IS NOT NULL AND origin_id = ? AND direction = ?)) LIMIT 1`);
    this.#pageBefore = db.prepare(`SELECT ${COLUMNS} FROM messages m WHERE m.account = ? AND m.peer = ? AND (m.at < ? OR (m.at = ? AND m.id < ?))
      ORDER BY m.at DESC, m.id DESC LIMIT ?`);
    this.#pageAfter = db.prepare(`SELECT ${COLUMNS} FROM messages m WHERE m.account = ? AND m.peer = ? AND (m.at > ? OR (m.at = ? AND m.id > ?))
      ORDER BY m.at, m.id LIMIT ?`);
    this.#byId = db.prepare(`SELECT ${COLUMNS} FROM messages m WHERE m.id = ?`);
    this.#search = db.prepare(`SELECT ${COLUMNS}, snippet(messages_fts, 0, '[', ']', '…', 12) AS snippet
      FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
      WHERE messages_fts MATCH ? AND (? IS NULL OR m.account = ?) AND (? IS NULL OR m.peer = ?)
      ORDER BY m.at DESC LIMIT ?`);
    this.#outbox = db.prepare(`SELECT ${COLUMNS} FROM messages m WHERE m.account = ? AND m.direction = 'out' AND m.delivery = 'pending'
      AND m.kind = ? ORDER BY m.at, m.id`);
    // A state only moves forward: a receipt (delivered) may overtake the server's ack (sent).
    this.#setDelivery = db.prepare(`UPDATE messages SET delivery = ? WHERE account = ? AND peer = ? AND origin_id = ? AND direction = 'out'
      AND NOT (? = 'sent' AND delivery IN ('delivered', 'failed')) AND (? IS NULL OR kind = ?) RETURNING id, kind`);
    this.#findOriginal = db.prepare(`SELECT ${COLUMNS} FROM messages m WHERE m.account = ? AND m.peer = ? AND m.direction = ?
      AND (m.message_id = ? OR m.origin_id = ?) AND m.replaces IS NULL ORDER BY m.id DESC LIMIT 1`);
    this.#lastOutgoing = db.prepare(`SELECT ${COLUMNS} FROM messages m WHERE m.account = ? AND m.peer = ? AND m.direction = 'out'
      AND m.replaces IS NULL ORDER BY m.at DESC, m.id DESC LIMIT 1`);
    this.#markRead = db.prepare(`INSERT INTO read_marker (account, peer, last_read) VALUES (?, ?, ?)
      ON CONFLICT (account, peer) DO UPDATE SET last_read = excluded.last_read WHERE excluded.last_read > read_marker.last_read`);
    this.#ensureMarker = db.prepare('INSERT INTO read_marker (account, peer, last_read) VALUES (?, ?, ?) ON CONFLICT (account, peer) DO NOTHING');
    this.#unread = db.prepare(`SELECT r.peer AS peer, COUNT(m.id) AS count FROM read_marker r
      JOIN messages m ON m.account = r.account AND m.peer = r.peer AND m.id > r.last_read AND m.direction = 'in'
      WHERE r.account = ? GROUP BY r.peer`);
    this.#redate = db.prepare('UPDATE messages SET at = ? WHERE id = ?');
    this.cursors = new ArchiveCursors(db, (work) => this.#guarded(() => {
      this.#join();
      work();
    }));
    this.#oldest = db.prepare(`SELECT m.at AS at, (SELECT stanza_id FROM messages WHERE account = m.account AND peer = m.peer
      AND stanza_id IS NOT NULL ORDER BY at, id LIMIT 1) AS stanzaId FROM messages m WHERE m.account = ? AND m.peer = ? ORDER BY m.at, m.id LIMIT 1`);
    this.#hasSent = db.prepare("SELECT 1 FROM messages WHERE account = ? AND peer = ? AND direction = 'out' LIMIT 1");
  }

  /**
   * Stores one message; returns its row id, whether it was already there, and the stored time
   * (the earlier copy's, for one that was). While the
   * database can not be written the message is held in memory (a negative id) and written
   * when it can (onWriteTrouble says both).
   */
  add(message: NewMessage): Stored {
    if (this.#trouble !== undefined) return this.#hold(message);
    try {
      this.#join();
      const stored = this.#addRow(message);
      if (!stored.duplicate) this.#batchRows.push({ id: stored.id, message });
      return stored;
    } catch (error) {
      if (!isWriteFailure(error)) throw error;
      this.#writeFailed(error);
      return this.#hold(message);
    }
  }

  #addRow(message: NewMessage): Stored {
    const body = cutBody(message.body); // the protocol layer cut incoming ones already; this is for ours
    const result = this.#insert.run(
      message.account, message.peer, message.direction, message.sender ?? null, body, message.at, Date.now(),
      message.stanzaId ?? null, message.originId ?? null, message.messageId ?? null, message.replaces ?? null,
      message.delivery ?? 'none', message.kind ?? 'chat',
    );
    if (result.changes > 0) {
      const id = Number(result.lastInsertRowid);
      // Only this connection writes until the commit: the ids between are all its own.
      this.#unindexed = { first: Math.min(this.#unindexed?.first ?? id, id), last: Math.max(this.#unindexed?.last ?? id, id) };
      return { id, duplicate: false, at: message.at };
    }
    const existing = this.#findDuplicate.get(message.account, message.peer, message.stanzaId ?? null, message.originId ?? null, message.direction) as
      | { id: number; at: number }
      | undefined;
    return { id: existing?.id ?? -1, duplicate: true, at: existing?.at ?? message.at };
  }

  /** Stores many in one transaction (a MAM page, a flood): one fsync instead of one each. */
  addMany(messages: readonly NewMessage[]): Stored[] {
    return this.transaction(() => messages.map((m) => this.add(m)));
  }

  /** Runs `work` in one transaction: all of its writes or none. */
  transaction<T>(work: () => T): T {
    if (this.#trouble !== undefined) return work();
    // Part of the pending group commit; a savepoint makes it all-or-nothing within it.
    this.#guarded(() => this.#join());
    if (this.#trouble !== undefined) return work();
    this.db.exec('SAVEPOINT work');
    const unindexed = this.#unindexed;
    try {
      const result = work();
      // A write that failed in `work` rolled the whole transaction back, the savepoint with it.
      if (this.#trouble === undefined) this.db.exec('RELEASE work');
      return result;
    } catch (error) {
      if (this.#trouble !== undefined) throw error;
      this.db.exec('ROLLBACK TO work; RELEASE work');
      // Index entries made inside the savepoint are rolled back too: their rows are pending again.
      const now = this.#unindexed;
      this.#unindexed = unindexed && now ? { first: Math.min(unindexed.first, now.first), last: Math.max(unindexed.last, now.last) } : (unindexed ?? now);
      throw error;
    }
  }

  #indexPending(): void {
    if (!this.#unindexed) return;
    const { first, last } = this.#unindexed;
    this.#unindexed = undefined;
    this.#index.run(first, last);
  }

  /** Commits the pending writes now (before another connection must see them). */
  flush(): void {
    this.#batch.commit();
  }

  /** Commits what is pending and closes the database (closing alone would roll it back). */
  close(): void {
    this.flush();
    this.#tryAgain();
    clearInterval(this.#retry);
    this.db.close();
  }

  /** Hears when writing stops working and when it works again; returns the way to stop hearing. */
  onWriteTrouble(listener: (event: WriteTrouble) => void): () => void {
    this.#troubleListeners.add(listener);
    return () => this.#troubleListeners.delete(listener);
  }

  #hold(message: NewMessage): Stored {
    const held = this.#held.duplicateOf(message);
    if (held !== undefined) return { id: held, duplicate: true, at: this.#held.rows.get(held)?.at ?? message.at };
    const existing = this.#findDuplicate.get(message.account, message.peer, message.stanzaId ?? null, message.originId ?? null, message.direction) as { id: number; at: number } | undefined;
    if (existing) return { id: existing.id, duplicate: true, at: existing.at };
    return { id: this.#held.hold({ ...message, body: cutBody(message.body) }), duplicate: false, at: message.at };
  }

  /** Runs a write; one the database refuses puts the history in trouble instead of throwing. */
  #guarded(write: () => void): void {
    if (this.#trouble !== undefined) return;
    try {
      write();
    } catch (error) {
      if (!isWriteFailure(error)) throw error;
      this.#writeFailed(error);
    }
  }

  /**
   * The database refused a write: the open transaction is rolled back (SQLite may have done so
   * already, "it is recommended that applications respond to the errors listed above by
   * explicitly issuing a ROLLBACK command"), its rows are held in memory, and natter tries
   * again every RETRY_MS, without waiting for a lock meanwhile (busy_timeout 0: a retry must
   * not stop the screen for the 2 s a lock is waited for).
   */
  #writeFailed(error: unknown): void {
    if (this.#trouble !== undefined) return;
    this.#trouble = error instanceof Error ? error.message : String(error);
    this.#batch.abandon();
    ignoringErrors(() => this.db.isTransaction && this.db.exec('ROLLBACK'));
    this.#unindexed = undefined;
    const rekeyed: RowRekey[] = this.#batchRows.map(({ id, message }) => ({ from: id, to: this.#held.hold(message) }));
    this.#batchRows = [];
    ignoringErrors(() => this.db.exec('PRAGMA busy_timeout = 0'));
    this.#retry = setInterval(() => this.#tryAgain(), RETRY_MS).unref();
    this.#tell({ kind: 'failed', reason: this.#trouble, rekeyed });
  }

  /** Writes the held rows and deliveries in one transaction; all of them or, still in trouble, none. */
  #tryAgain(): void {
    if (this.#trouble === undefined) return;
    const rekeyed: RowRekey[] = [];
    try {
      this.db.exec('BEGIN');
      for (const [id, message] of this.#held.rows) rekeyed.push({ from: id, to: this.#addRow(message).id });
      for (const [account, peer, originId, delivery, kind] of this.#held.deliveries) this.#setDelivery.get(delivery, account, peer, originId, delivery, kind ?? null, kind ?? null);
      this.#indexPending();
      this.db.exec('COMMIT');
    } catch (error) {
      ignoringErrors(() => this.db.isTransaction && this.db.exec('ROLLBACK'));
      this.#unindexed = undefined;
      if (isWriteFailure(error)) return;
      throw error;
    }
    this.#trouble = undefined;
    clearInterval(this.#retry);
    this.#held.clear();
    ignoringErrors(() => this.db.exec('PRAGMA busy_timeout = 2000'));
    this.#tell({ kind: 'recovered', rekeyed });
  }

  #tell(event: WriteTrouble): void {
    for (const listener of this.#troubleListeners) listener(event);
  }

  /** Joins the group commit; a new transaction starts with no rows of its own. */
  #join(): void {
    if (!this.#batch.isOpen) this.#batchRows = [];
    this.#batch.join();
  }

  /** Up to `limit` messages before the cursor (default: the newest), oldest first. */
  page(account: string, peer: string, limit: number, before?: { at: number; id: number }): StoredMessage[] {
    const at = before?.at ?? Number.MAX_SAFE_INTEGER;
    const rows = this.#pageBefore.all(account, peer, at, at, before?.id ?? Number.MAX_SAFE_INTEGER, limit) as unknown as StoredMessage[];
    return rows.reverse();
  }

  /** The message `id` with up to `context` messages of its conversation before and after it, oldest first. */
  around(id: number, context: number): StoredMessage[] {
    const hit = this.#byId.get(id) as StoredMessage | undefined;
    if (!hit) return [];
    const before = this.page(hit.account, hit.peer, context, { at: hit.at, id: hit.id });
    const after = this.#pageAfter.all(hit.account, hit.peer, hit.at, hit.at, hit.id, context) as unknown as StoredMessage[];
    return [...before, hit, ...after];
  }

  /** Full-text search, newest first. Every word must match; words are taken literally. */
  search(words: string, options: { account?: string; peer?: string; limit?: number } = {}): SearchHit[] {
    const query = ftsQuery(words);
    if (!query) return [];
    const account = options.account ?? null;
    const peer = options.peer ?? null;
    this.#indexPending();
    return this.#search.all(query, account, account, peer, peer, options.limit ?? 100) as unknown as SearchHit[];
  }

  /** Our messages of `kind` no server or room has confirmed yet, oldest first (for chats: the outbox). */
  outbox(account: string, kind: MessageKind = 'chat'): StoredMessage[] {
    return this.#outbox.all(account, kind) as unknown as StoredMessage[];
  }

  /** Moves our message `originId` to `peer` to `delivery`; its row id, or undefined when there is no such message or it is further already. */
  setDelivery(account: string, peer: string, originId: string, delivery: Delivery): number | undefined {
    return this.moveDelivery(account, peer, originId, delivery)?.id;
  }

  /** As setDelivery, with the kind of conversation the message is in (which tab shows it); only a message of `kind` when given. */
  moveDelivery(account: string, peer: string, originId: string, delivery: Delivery, kind?: MessageKind): { id: number; kind: MessageKind } | undefined {
    let moved: { id: number; kind: MessageKind } | undefined;
    this.#guarded(() => {
      this.#join();
      moved = this.#setDelivery.get(delivery, account, peer, originId, delivery, kind ?? null, kind ?? null) as { id: number; kind: MessageKind } | undefined;
    });
    return this.#trouble === undefined ? moved : this.#held.moveDelivery(account, peer, originId, delivery, kind);
  }

  /**
   * The original (not itself a correction) message of `peer`'s conversation that `id` names,
   * sent in `direction`: what a XEP-0308 correction may replace.
   */
  original(account: string, peer: string, direction: 'in' | 'out', id: string): StoredMessage | undefined {
    return this.#findOriginal.get(account, peer, direction, id, id) as StoredMessage | undefined;
  }

  /** The newest message we sent to `peer` that is not a correction: what /correct edits. */
  lastOutgoing(account: string, peer: string): StoredMessage | undefined {
    return this.#lastOutgoing.get(account, peer) as StoredMessage | undefined;
  }

  /** `peer`'s conversation is read up to row `rowId` (a marker only moves forward). */
  markRead(account: string, peer: string, rowId: number): void {
    this.#guarded(() => this.#markRead.run(account, peer, rowId));
  }

  /** Starts tracking `peer`'s conversation as read up to `rowId`, unless it is tracked already. */
  ensureReadMarker(account: string, peer: string, rowId: number): void {
    this.#guarded(() => this.#ensureMarker.run(account, peer, rowId));
  }

  /** Conversations with incoming messages after their read marker, and how many. */
  unreadCounts(account: string): { peer: string; count: number }[] {
    return this.#unread.all(account) as unknown as { peer: string; count: number }[];
  }

  /**
   * Gives row `id` the time `at`: the archive's order showed it came earlier than its stamp
   * said (archive-order.ts). A row held in memory or not committed yet is written with it.
   */
  redate(id: number, at: number): void {
    const held = this.#held.rows.get(id);
    if (held) held.at = at;
    const pending = this.#batchRows.find((row) => row.id === id);
    if (pending) pending.message = { ...pending.message, at };
    this.#guarded(() => {
      this.#join();
      this.#redate.run(at, id);
    });
  }

  /** Where the stored conversation starts: its oldest time and oldest archive id (paging back into MAM). */
  oldest(account: string, peer: string): { at: number; stanzaId: string | null } | undefined {
    return this.#oldest.get(account, peer) as { at: number; stanzaId: string | null } | undefined;
  }

  /** True when `account` has written to `peer` before (a conversation the user started or joined). */
  hasWrittenTo(account: string, peer: string): boolean {
    return this.#hasSent.get(account, peer) !== undefined;
  }
}
