import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** Where each account's catch-up from its server archive (XEP-0313) resumes, kept with its history. */
export class ArchiveCursors {
  readonly #get: StatementSync;
  readonly #set: StatementSync;

  /** `write` runs a write in the history's group commit, or not at all while it can not be written. */
  constructor(db: DatabaseSync, private readonly write: (work: () => void) => void) {
    this.#get = db.prepare('SELECT last_id AS id, at, message_at AS messageAt FROM archive_cursor WHERE account = ?');
    // A result with no message (a receipt, a chat state) keeps the time of the message before it.
    this.#set = db.prepare(`INSERT INTO archive_cursor (account, last_id, at, message_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (account) DO UPDATE SET last_id = excluded.last_id, at = excluded.at,
        message_at = COALESCE(excluded.message_at, archive_cursor.message_at)`);
  }

  /**
   * In one read: the newest archive id (XEP-0359 stanza-id) seen for `account`, where the
   * catch-up resumes; when the cursor last moved (this machine's clock); and the time natter
   * gave the last message it passed (what comes after it in the archive came later).
   */
  position(account: string): { id?: string; movedAt?: number; messageAt?: number } {
    const row = this.#get.get(account) as { id: string; at: number; messageAt: number | null } | undefined;
    if (!row) return {};
    return { id: row.id, movedAt: row.at, ...(row.messageAt === null ? {} : { messageAt: row.messageAt }) };
  }

  /**
   * The archive id of the message that came last, in the order the archive gave them: where
   * the next catch-up starts. Never compared by the messages' times, which their senders can
   * claim (a date in 2999 would pin the cursor); `at` only records when it moved. Not moved
   * while the history can not be written: the next catch-up fetches those messages again.
   * `messageAt`: the time natter gave that message, when it is one.
   */
  advance(account: string, id: string, messageAt?: number): void {
    this.write(() => this.#set.run(account, id, Date.now(), messageAt ?? null));
  }
}
