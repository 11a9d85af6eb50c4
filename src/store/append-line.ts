import { CONSOLE_TAB_ID, type Tab } from '../domain/tab.js';
import type { Action, Line } from './actions.js';
import { MAX_LINES_PER_TAB, type AppState } from './state.js';

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
  if (lines.length > MAX_LINES_PER_TAB) {
    lines.shift(); // V8 moves the array's start: no copy
    place--;
  }
  const id = state.nextLineId;
  const counts = action.kind === 'incoming' && !action.fromHistory && tabId !== state.activeTabId;
  const marks = counts && action.highlight === true;
  // The first unread message is remembered by its line, for the "new messages" rule (unread.ts);
  // one put in time order above it (caught up from the archive) becomes the first.
  const firstOf = (t: Tab): number => (t.unread === 0 || t.firstUnread === undefined || placedAbove(lines, place, t.firstUnread) ? id : t.firstUnread);
  const counted = (t: Tab): Tab => ({ ...t, unread: t.unread + 1, firstUnread: firstOf(t), ...(marks ? { highlight: true } : {}) });
  return {
    ...state,
    nextLineId: id + 1,
    lines: { ...state.lines, [tabId]: lines },
    tabs: counts ? state.tabs.map((t) => (t.id === tabId ? counted(t) : t)) : state.tabs,
  };
}

/** Whether the line just put at `place` sits above the line `id` (only a line put in time order can). */
function placedAbove(lines: readonly Line[], place: number, id: number): boolean {
  if (place >= lines.length - 1) return false;
  for (let i = place + 1; i < lines.length; i++) if (lines[i]!.id === id) return true;
  return false;
}

/** Where a line of time `at` goes: after the last line not later than it (searched from the end: it is usually the newest). */
function placeOf(lines: readonly Line[], at: number): number {
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
