import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECENT_PAGE } from '../src/client/conversations/chat-tabs.js';
import { MessageHistory, type NewMessage } from '../src/history/message-history.js';
import { openHistoryDatabase } from '../src/history/open-history.js';

const WORDS = ['deploy', 'lunch', 'review', 'meeting', 'release', 'coffee', 'build', 'ticket', 'server', 'weekend'];

/**
 * natter-only figures of the history database: opening a chat (its newest page) with
 * `stored` messages in it, and a full-text search over twice as many.
 */
export async function historyFigures(stored: number, runs: number): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'natter-bench-history-'));
  try {
    const history = new MessageHistory(openHistoryDatabase(join(dir, 'natter')));
    for (const peer of ['bob@localhost', 'carol@localhost']) {
      for (let start = 0; start < stored; start += 10_000) {
        const batch: NewMessage[] = [];
        for (let i = start; i < Math.min(stored, start + 10_000); i++) {
          batch.push({ account: 'me@localhost', peer, direction: i % 2 ? 'in' : 'out', body: `${WORDS[i % 10]} number ${i} ${WORDS[(i * 7) % 10]}`, at: 1_700_000_000_000 + i * 1000 });
        }
        history.addMany(batch);
      }
    }
    const time = (fn: () => unknown): number[] =>
      Array.from({ length: Math.max(3, runs) }, () => {
        const start = process.hrtime.bigint();
        fn();
        return Number(process.hrtime.bigint() - start) / 1e6;
      }).sort((a, b) => a - b);
    const open = time(() => history.page('me@localhost', 'bob@localhost', RECENT_PAGE));
    const search = time(() => history.search('deploy number 4242', { limit: 100 }));
    const median = (v: number[]): string => `${(v[Math.floor(v.length / 2)] ?? NaN).toFixed(2)} ms`;
    return {
      [`open a chat (newest ${RECENT_PAGE} of ${stored.toLocaleString('en')}), goal ≤ 50 ms`]: median(open),
      [`full-text search over ${(2 * stored).toLocaleString('en')} messages, goal ≤ 100 ms`]: median(search),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
