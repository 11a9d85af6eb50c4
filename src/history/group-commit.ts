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

  /**
   * `beforeCommit` runs inside the transaction, just before it commits. A commit that fails
   * (the disk full, the database locked by another program) goes to `failed`, from the timer
   * too, where a throw would end the process; without `failed` it is thrown.
   */
  constructor(
    private readonly db: DatabaseSync,
    private readonly beforeCommit: () => void = () => undefined,
    private readonly failed?: (error: unknown) => void,
  ) {}

  /** Called before a write: opens a transaction unless one is open. */
  join(): void {
    if (this.#timer) return;
    this.db.exec('BEGIN');
    open.add(this);
    this.#timer = setTimeout(() => this.commit(), MAX_OPEN_MS).unref();
  }

  get isOpen(): boolean {
    return this.#timer !== undefined;
  }

  commit(): void {
    if (!this.abandon()) return;
    try {
      this.beforeCommit();
      this.db.exec('COMMIT');
    } catch (error) {
      if (!this.failed) throw error;
      this.failed(error);
    }
  }

  /** Forgets the open transaction without committing it (the caller rolls it back); false when none was open. */
  abandon(): boolean {
    if (!this.#timer) return false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    open.delete(this);
    return true;
  }
}
