import { CONSOLE_TAB_ID, type Tab } from '../domain/tab.js';
import type { Action, Line } from './actions.js';
import type { AppState } from './state.js';
import { lineCapOf, linesToDrop } from './trim-lines.js';

export type LineAppend = Extract<Action, { type: 'line/append' }>;

/**
 * The state with one more line. The tab's lines are copied unless they are in `writable`:
 * arrays the caller made and has not handed out yet (the store's since its last frame), which
 * are appended to in place. A flood appends thousands of lines to a tab holding up to
 * MAX_LINES_PER_TAB: a copy per line was over a quarter of natter's allocation in a flood.
 */
export function appendLine(state: AppState, action: LineAppend, writable?: WeakSet<Line[]>): AppState {
  // A tab closed meanwhile: its lines go to the console rather than nowhere.
  const tabId = state.lines[action.tabId] ? action.tabId : CONSOLE_TAB_ID;
  const previous = state.lines[tabId] ?? [];
  const lines = writable?.has(previous) ? previous : previous.slice();
  writable?.add(lines);
  const line = toLine(action, state.nextLineId);
  let place = action.inTimeOrder ? placeOf(lines, line.at) : lines.length;
  if (place === lines.length) lines.push(line);
  else lines.splice(place, 0, line);
  // A tab not in front keeps fewer lines (trim-lines.ts); usually one goes per line that comes.
  const drop = linesToDrop(lines, lineCapOf(state, tabId));
  const dropped = drop === 0 ? NONE : drop === 1 ? [lines.shift()!] : lines.splice(0, drop); // shift: V8 moves the array's start, no copy
  place -= drop;
  const counts = action.kind === 'incoming' && !action.fromHistory && tabId !== state.activeTabId;
  const marks = counts && action.highlight === true;
  const change = (t: Tab): Tab => (t.id === tabId ? counted(t, { counts, marks, line, place, lines }, dropped) : t);
  const changes = counts || dropped.some((l) => l.id === state.tabs.find((t) => t.id === tabId)?.firstUnread);
  return { ...state, nextLineId: line.id + 1, lines: { ...state.lines, [tabId]: lines }, tabs: changes ? state.tabs.map(change) : state.tabs };
}

const NONE: readonly Line[] = [];

interface Came {
  counts: boolean;
  marks: boolean;
  line: Line;
  /** Where the line was put in `lines`; below 0 when it was put above the lines kept and dropped. */
  place: number;
  lines: readonly Line[];
}

/**
 * The tab after a line came: one more unread when it counts. The first unread message is
 * remembered by its line, for the "new messages" rule (unread.ts); one put in time order above
 * it (caught up from the archive) becomes the first. When that line leaves memory (a tab not in
 * front keeps its newest lines), its history row is remembered instead: scrolling back brings
 * it back, and the rule goes above it (reducer 'lines/prepend').
 */
function counted(t: Tab, { counts, marks, line, place, lines }: Came, dropped: readonly Line[]): Tab {
  const { firstUnreadRow: _old, ...rest } = t;
  const highlight = marks ? { highlight: true } : {};
  const restart = counts && (t.unread === 0 || t.firstUnread === undefined || placedAbove(lines, place, t.firstUnread));
  const row = restart ? (place < 0 ? line.rowId : undefined) : (t.firstUnreadRow ?? dropped.find((l) => l.id === t.firstUnread)?.rowId);
  const rowKept = row === undefined ? {} : { firstUnreadRow: row };
  return restart ? { ...rest, unread: t.unread + 1, firstUnread: line.id, ...highlight, ...rowKept } : { ...rest, unread: t.unread + (counts ? 1 : 0), ...highlight, ...rowKept };
}

/** Whether the line just put at `place` sits above the line `id` (only a line put in time order can). */
function placedAbove(lines: readonly Line[], place: number, id: number): boolean {
  if (place >= lines.length - 1) return false;
  for (let i = Math.max(0, place + 1); i < lines.length; i++) if (lines[i]!.id === id) return true;
  return false;
}

/** Where a line of time `at` goes: after the last line not later than it (searched from the end: it is usually the newest). */
export function placeOf(lines: readonly Line[], at: number): number {
  let place = lines.length;
  while (place > 0 && lines[place - 1]!.at > at) place--;
  return place;
}

function toLine(action: LineAppend, id: number): Line {
  return {
    id,
    at: action.at ?? Date.now(),
    kind: action.kind,
    text: action.text,
    ...(action.from === undefined ? {} : { from: action.from }),
    ...(action.delivery === undefined ? {} : { delivery: action.delivery }),
    ...(action.edited ? { edited: true } : {}),
    ...(action.rowId === undefined ? {} : { rowId: action.rowId }),
    ...(action.picture === undefined ? {} : { picture: action.picture }),
  };
}
