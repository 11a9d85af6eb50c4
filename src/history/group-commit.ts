import type { DatabaseSync } from 'node:sqlite';

/**
 * The longest writes wait for their commit when nothing asks for it sooner (a frame does, at
 * most every 50 ms during a flood): what a crash can take back, and what MAM catch-up
 * re-fetches, since the archive cursor commits with the messages.
 */
export const MAX_OPEN_MS = 100;

const open = new Set<GroupCommit>();
// process.exit() (the one-shot commands end with it) runs no more timers: commit on the way out.
process.on('exit', () => {
  for (const batch of open) batch.commit();
});

/**
 * Writes share one transaction until something must see them: the screen before a frame
 * (its store commits first), another connection (flush), or MAX_OPEN_MS after the first.
 * A flood's 5,000 messages cost some fifty commits instead of one per socket read, and each
 * commit writes a page that many of them share once (the FTS index is updated once too).
 */
export class GroupCommit {
  #timer: NodeJS.Timeout | undefined;

  /** `beforeCommit` runs inside the transaction, just before it commits. */
  constructor(
    private readonly db: DatabaseSync,
    private readonly beforeCommit: () => void = () => undefined,
  ) {}

  /** Called before a write: opens a transaction unless one is open. */
  join(): void {
    if (this.#timer) return;
    this.db.exec('BEGIN');
    open.add(this);
    this.#timer = setTimeout(() => this.commit(), MAX_OPEN_MS).unref();
  }

  commit(): void {
    if (!this.#timer) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    open.delete(this);
    this.beforeCommit();
    this.db.exec('COMMIT');
  }
}
