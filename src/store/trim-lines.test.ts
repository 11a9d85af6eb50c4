import { describe, expect, it } from 'vitest';
import type { Line } from '../domain/line.js';
import { CONSOLE_TAB_ID } from '../domain/tab.js';
import type { Action } from './actions.js';
import { reduce } from './reducer.js';
import { BACKGROUND_LINES, initialState, MAX_LINES_PER_TAB, type AppState } from './state.js';
import { linesToDrop } from './trim-lines.js';

const BOB = 'chat:bob@x';
const ROOM = 'room:ops@muc.x';
/** A stored message of bob's: history row `row`, sent at minute `row`. */
const message = (row: number, tabId = BOB): Action => ({ type: 'line/append', tabId, kind: 'incoming', from: 'bob', text: `m${row}`, at: row * 60_000, rowId: row });
const status = (tabId: string, text: string, at: number): Action => ({ type: 'line/append', tabId, kind: 'info', text, at });
const run = (state: AppState, actions: Action[]): AppState => actions.reduce((s, a) => reduce(s, a), state);
const rows = (lines: readonly Line[] | undefined): (number | undefined)[] => (lines ?? []).map((l) => l.rowId);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
/** The console in front, a chat and a room behind it. */
const opened = (): AppState =>
  run(initialState(), [
    { type: 'tab/open', id: BOB, kind: 'chat', title: 'bob@x', focus: false },
    { type: 'tab/open', id: ROOM, kind: 'room', title: 'ops@muc.x', focus: false },
  ]);
/** What paging back reads from the history: the stored lines before row `before`, as chat-tabs gives them. */
const page = (from: number, to: number): Action => ({
  type: 'lines/prepend', tabId: BOB, lines: range(from, to).map((row) => ({ kind: 'incoming', from: 'bob', text: `m${row}`, at: row * 60_000, rowId: row })),
});

describe('linesToDrop', () => {
  const line = (id: number, at: number, rowId?: number): Line => ({ id, at, kind: rowId === undefined ? 'info' : 'incoming', text: `${id}`, ...(rowId === undefined ? {} : { rowId }) });

  it('drops the oldest lines down to the cap, stored or not', () => {
    const lines = [line(1, 10, 1), line(2, 20), line(3, 30, 2), line(4, 40, 3)];
    expect(linesToDrop(lines, 2)).toBe(2);
    expect(linesToDrop(lines, 4)).toBe(0);
  });

  it('keeps a stored message that sits after the first one kept in history order: paging back from there would never bring it', () => {
    // Row 5 (time 50) is held above rows 1-3 (times 10-30), as room lines are held in the order they came.
    const lines = [line(1, 50, 5), line(2, 10, 1), line(3, 20, 2), line(4, 30, 3)];
    expect(linesToDrop(lines, 3)).toBe(0);
    expect(linesToDrop(lines, 2)).toBe(0);
    // Once it is not the latest dropped one, the cut can go past it.
    expect(linesToDrop([...lines, line(5, 60, 6), line(6, 70, 7)], 2)).toBe(4);
  });
});

describe('a tab not in front keeps its newest lines', () => {
  it(`keeps ${BACKGROUND_LINES} in a chat or room behind, ${MAX_LINES_PER_TAB} in the tab in front and in the console behind`, () => {
    const flood = range(1, BACKGROUND_LINES + 50);
    let state = run(opened(), [...flood.map((r) => message(r)), ...flood.map((r) => message(r, ROOM))]);
    expect(rows(state.lines[BOB])).toEqual(range(51, BACKGROUND_LINES + 50));
    expect(rows(state.lines[ROOM])).toEqual(range(51, BACKGROUND_LINES + 50));
    state = run(state, [{ type: 'tab/focus', id: BOB }, ...range(1, MAX_LINES_PER_TAB + 10).map((i) => status(CONSOLE_TAB_ID, `c${i}`, i))]);
    expect(state.lines[CONSOLE_TAB_ID]).toHaveLength(MAX_LINES_PER_TAB); // in no history: it keeps them all
    state = run(state, range(1000, 1000 + MAX_LINES_PER_TAB).map((r) => message(r)));
    expect(rows(state.lines[BOB])).toEqual(range(1001, 1000 + MAX_LINES_PER_TAB));
  });

  it('drops all but the newest lines of a chat when the person leaves it, status lines with them; the console keeps its own', () => {
    let state = run(opened(), [{ type: 'tab/focus', id: BOB }, status(BOB, 'bob joined', 0), ...range(1, 600).map((r) => message(r))]);
    expect(state.lines[BOB]).toHaveLength(601);
    state = reduce(state, { type: 'tab/focus', id: ROOM });
    expect(rows(state.lines[BOB])).toEqual(range(601 - BACKGROUND_LINES, 600));
    expect(state.lines[BOB]?.map((l) => l.text)).not.toContain('bob joined');
    state = run(state, [{ type: 'tab/focus', id: CONSOLE_TAB_ID }, ...range(1, 500).map((i) => status(CONSOLE_TAB_ID, `c${i}`, i)), { type: 'tab/focus', id: BOB }]);
    expect(state.lines[CONSOLE_TAB_ID]).toHaveLength(500);
  });

  it('takes the older lines back, in front, up to the cap of the tab in front', () => {
    let state = run(opened(), [...range(1, 600).map((r) => message(r)), { type: 'tab/focus', id: BOB }]);
    expect(rows(state.lines[BOB])).toEqual(range(401, 600));
    state = run(state, [page(201, 400), page(1, 200)]);
    expect(rows(state.lines[BOB])).toEqual(range(1, 600));
  });
});

describe('the "new messages" rule of a tab that dropped lines', () => {
  const ruleRow = (state: AppState): number | undefined => {
    const from = state.tabs.find((t) => t.id === BOB)?.unreadFrom;
    return state.lines[BOB]?.find((l) => l.id === from)?.rowId;
  };

  it('is above the first unread message when it is still held', () => {
    const state = run(opened(), [{ type: 'tab/focus', id: BOB }, ...range(1, 20).map((r) => message(r)), { type: 'tab/focus', id: CONSOLE_TAB_ID },
      ...range(21, 30).map((r) => message(r)), { type: 'tab/focus', id: BOB }]);
    expect(ruleRow(state)).toBe(21);
  });

  it('with more unread than are held: above the first held, then above the first unread once scrolling back brings it', () => {
    const unread = BACKGROUND_LINES + 150;
    let state = run(opened(), [{ type: 'tab/focus', id: BOB }, ...range(1, 100).map((r) => message(r)), { type: 'tab/focus', id: CONSOLE_TAB_ID },
      ...range(101, 100 + unread).map((r) => message(r))]);
    expect(state.tabs.find((t) => t.id === BOB)).toMatchObject({ unread, firstUnreadRow: 101 });
    state = reduce(state, { type: 'tab/focus', id: BOB });
    expect(ruleRow(state)).toBe(251); // every line held is unread
    state = reduce(state, page(151, 250));
    expect(ruleRow(state)).toBe(251); // still further up
    state = reduce(state, page(51, 150));
    expect(ruleRow(state)).toBe(101);
    expect(state.tabs.find((t) => t.id === BOB)?.firstUnreadRow).toBeUndefined();
    expect(rows(state.lines[BOB])).toEqual(range(51, 100 + unread));
  });
});
