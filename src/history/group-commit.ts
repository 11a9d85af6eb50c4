import type { DatabaseSync } from 'node:sqlite';

const open = new Set<GroupCommit>();
// process.exit() (the one-shot commands end with it) runs no more timers: commit on the way out.
process.on('exit', () => {
  for (const batch of open) batch.commit();
});

/**
 * The writes of one turn of the event loop share one transaction, committed by a setImmediate
 * queued at the first write. A TCP read that brings 200 messages costs one commit instead of
 * 200 (the FTS index is updated once too). Nothing reaches the screen unwritten: React and
 * Ink render from callbacks queued after the write (setImmediate runs in order) or later.
 */
export class GroupCommit {
  #open = false;

  constructor(private readonly db: DatabaseSync) {}

  /** Called before a write: opens this turn's transaction unless it is open. */
  join(): void {
    if (this.#open) return;
    this.db.exec('BEGIN');
    this.#open = true;
    open.add(this);
    setImmediate(() => this.commit());
  }

  commit(): void {
    if (!this.#open) return;
    this.#open = false;
    open.delete(this);
    this.db.exec('COMMIT');
  }
}
