import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS } from './migrations.js';

export class HistoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HistoryError';
  }
}

export const HISTORY_FILE = 'history.sqlite';

/**
 * Opens (creating if needed) the history database in `dir`: directory 0700, file 0600, WAL
 * journal, schema migrated to the newest version. A corrupt or newer-than-known database is
 * reported with its path and left exactly as it is.
 */
export function openHistoryDatabase(dir: string): DatabaseSync {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const file = join(dir, HISTORY_FILE);
  const created = !existsSync(file);
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(file);
    if (created) chmodSync(file, 0o600);
    const check = db.prepare('PRAGMA quick_check').get() as { quick_check?: string } | undefined;
    if (check?.quick_check !== 'ok') throw new Error(String(check?.quick_check ?? 'integrity check failed'));
    // busy_timeout: a natter send writing at the same moment as the open natter waits its turn.
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 2000;');
  } catch (error) {
    throw new HistoryError(
      `the history database ${file} can not be read (${error instanceof Error ? error.message : String(error)}). ` +
        'natter left it untouched; move it aside to start a new history, or restore a backup.',
    );
  }
  migrate(db, file);
  return db;
}

function migrate(db: DatabaseSync, file: string): void {
  const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
  if (version > MIGRATIONS.length) {
    db.close();
    throw new HistoryError(`the history database ${file} has schema version ${version}, newer than this natter knows (${MIGRATIONS.length}). Update natter.`);
  }
  for (let step = version; step < MIGRATIONS.length; step++) {
    db.exec('BEGIN');
    try {
      db.exec(MIGRATIONS[step] ?? '');
      db.exec(`PRAGMA user_version = ${step + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}
