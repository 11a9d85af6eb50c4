import type { Line } from '../domain/line.js';
import type { Tab } from '../domain/tab.js';

/**
 * Where the "new messages" rule goes: the line that was counted first as unread, found by its
 * id. Counting lines back from the end put it too low (own messages sent from another device,
 * joins and status lines sit between unread ones and are not unread). A first unread line that
 * left the buffer (the cap dropped it) means every line still in it came after: the rule goes
 * above the first one.
 */
export function unreadStart(tab: Tab, lines: readonly Line[]): number | undefined {
  if (tab.unread <= 0) return undefined;
  const kept = tab.firstUnread !== undefined && lines.some((l) => l.id === tab.firstUnread);
  return kept ? tab.firstUnread : lines[0]?.id;
}

/**
 * The first of the newest `count` messages that came in (a count kept across a restart is of
 * stored incoming messages): the line that count starts at, or the first line when the buffer
 * holds fewer.
 */
export function firstOfLastIncoming(lines: readonly Line[], count: number): number | undefined {
  let seen = 0;
  for (let i = lines.length - 1; i >= 0 && count > 0; i--) {
    const line = lines[i];
    if (line?.kind === 'incoming' && ++seen === count) return line.id;
  }
  return count > 0 ? lines[0]?.id : undefined;
}
