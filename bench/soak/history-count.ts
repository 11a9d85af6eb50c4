import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { BODY_PREFIX } from './traffic.js';

export interface Delivered {
  /** Distinct soak messages in natter's history. */
  distinct: number;
  /** Rows beyond one per soak message (a message stored twice). */
  duplicates: number;
}

/** The soak's messages in natter's history database (read while natter writes: it keeps a WAL). */
export function countDelivered(dataDir: string): Delivered {
  const file = join(dataDir, 'natter', 'history.sqlite');
  if (!existsSync(file)) return { distinct: 0, duplicates: 0 };
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    db.exec('PRAGMA busy_timeout = 2000');
    const row = db.prepare(`SELECT COUNT(*) AS rows, COUNT(DISTINCT body) AS distinct_bodies FROM messages WHERE direction = 'in' AND body LIKE ?`).get(`${BODY_PREFIX}%`) as { rows: number; distinct_bodies: number };
    return { distinct: row.distinct_bodies, duplicates: row.rows - row.distinct_bodies };
  } finally {
    db.close();
  }
}
