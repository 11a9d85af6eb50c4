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
  const place = action.inTimeOrder ? placeOf(lines, line.at) : lines.length;
  if (place === lines.length) lines.push(line);
  else lines.splice(place, 0, line);
  if (lines.length > MAX_LINES_PER_TAB) lines.shift(); // V8 moves the array's start: no copy
  const id = state.nextLineId;
  const counts = action.kind === 'incoming' && !action.fromHistory && tabId !== state.activeTabId;
  const marks = counts && action.highlight === true;
  // The first unread message is remembered by its line, for the "new messages" rule (unread.ts).
  const counted = (t: Tab): Tab => ({ ...t, unread: t.unread + 1, firstUnread: t.unread === 0 ? id : (t.firstUnread ?? id), ...(marks ? { highlight: true } : {}) });
  return {
    ...state,
    nextLineId: id + 1,
    lines: { ...state.lines, [tabId]: lines },
    tabs: counts ? state.tabs.map((t) => (t.id === tabId ? counted(t) : t)) : state.tabs,
  };
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
  };
}
