import type { Line } from '../domain/line.js';
import type { TabKind } from '../domain/tab.js';
import { BACKGROUND_LINES, MAX_LINES_PER_TAB, type AppState } from './state.js';

/**
 * Tabs whose messages are all in the history (chats, rooms, private chats): lines they drop
 * from memory come back from there when the person scrolls up (chat-tabs loadOlder). The
 * console, the XML console, search results and /info are in no history: they keep their cap.
 */
export function reloadsFromHistory(kind: TabKind): boolean {
  return kind === 'chat' || kind === 'room' || kind === 'private';
}

/** How many lines tab `tabId` may hold now: fewer when it is not in front and can read them back. */
export function lineCapOf(state: AppState, tabId: string): number {
  if (tabId === state.activeTabId) return MAX_LINES_PER_TAB;
  const kind = state.tabs.find((t) => t.id === tabId)?.kind;
  return kind !== undefined && reloadsFromHistory(kind) ? BACKGROUND_LINES : MAX_LINES_PER_TAB;
}

/** History order (message-history pageBefore): by time, then by row. */
const storedBefore = (a: Line, b: Line): boolean => a.at < b.at || (a.at === b.at && a.rowId! < b.rowId!);

/**
 * How many lines to drop from the start of `lines` so that at most `cap` are left: the oldest,
 * except that no stored message is dropped unless it comes before the first stored message
 * kept. Scrolling back pages the history from that one (rows before its time and row), so a
 * message after it that was dropped (one that came late and was put at the end) would never
 * come back; then fewer are dropped. Lines not stored (joins, status and error lines, markers)
 * go with the rest: they are in no history and are not read back.
 */
export function linesToDrop(lines: readonly Line[], cap: number): number {
  const most = lines.length - cap;
  if (most <= 0) return 0;
  // latest[i]: the latest stored line among lines[0..i] (what dropping i + 1 lines drops).
  const latest: (Line | undefined)[] = [];
  for (let i = 0; i < most; i++) {
    const line = lines[i]!;
    const before = latest[i - 1];
    latest.push(line.rowId !== undefined && (before === undefined || storedBefore(before, line)) ? line : before);
  }
  let firstKept: Line | undefined;
  for (let i = most; i < lines.length && firstKept === undefined; i++) if (lines[i]!.rowId !== undefined) firstKept = lines[i];
  for (let drop = most; drop > 0; drop--) {
    const dropped = latest[drop - 1];
    if (dropped === undefined || firstKept === undefined || storedBefore(dropped, firstKept)) return drop;
    const line = lines[drop - 1]!;
    if (line.rowId !== undefined) firstKept = line;
  }
  return 0;
}
