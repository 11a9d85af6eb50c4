import type { Action } from './actions.js';
import { placeOf } from './append-line.js';
import type { AppState } from './state.js';

export type LineRedate = Extract<Action, { type: 'line/redate' }>;

/**
 * The line of history row `rowId` has the time `at` now (the archive's order showed it came
 * earlier): it moves to its place in time order. An unread line moved above the first unread
 * one becomes the first, so the "new messages" rule stays above every unread message.
 */
export function redateLine(state: AppState, action: LineRedate): AppState {
  const lines = state.lines[action.tabId];
  const from = lines?.findIndex((l) => l.rowId === action.rowId) ?? -1;
  if (!lines || from < 0) return state;
  const moved = { ...lines[from]!, at: action.at };
  const rest = lines.filter((_, i) => i !== from);
  const place = placeOf(rest, moved.at);
  const placed = [...rest.slice(0, place), moved, ...rest.slice(place)];
  const tab = state.tabs.find((t) => t.id === action.tabId);
  const firstUnread = tab?.firstUnread === undefined ? -1 : lines.findIndex((l) => l.id === tab.firstUnread);
  const becomesFirst = firstUnread >= 0 && from > firstUnread && place <= rest.findIndex((l) => l.id === tab?.firstUnread);
  const tabs = becomesFirst ? state.tabs.map((t) => (t.id === action.tabId ? { ...t, firstUnread: moved.id } : t)) : state.tabs;
  return { ...state, lines: { ...state.lines, [action.tabId]: placed }, tabs };
}
