import { describe, expect, it } from 'vitest';
import { reduce } from './reducer.js';
import { initialState } from './state.js';
import type { AppState } from './state.js';

const TAB = 'chat:bob@x';

/** A chat tab not in front holding incoming lines of `times` (rows 1, 2, …), all unread from `unreadFrom` on. */
function tabWith(times: number[]): AppState {
  let state = reduce(initialState(), { type: 'tab/open', id: TAB, kind: 'chat', title: 'bob@x', focus: false });
  times.forEach((at, i) => {
    state = reduce(state, { type: 'line/append', tabId: TAB, kind: 'incoming', from: 'bob@x', text: `row ${i + 1}`, at, rowId: i + 1, inTimeOrder: true });
  });
  return state;
}

const texts = (state: AppState): string[] => state.lines[TAB]!.map((l) => l.text);
const firstUnreadText = (state: AppState): string | undefined => {
  const id = state.tabs.find((t) => t.id === TAB)?.firstUnread;
  return state.lines[TAB]!.find((l) => l.id === id)?.text;
};

describe('line/redate', () => {
  it('moves the line of a row to its place in time order', () => {
    const state = reduce(tabWith([1_000, 2_000, 3_000]), { type: 'line/redate', tabId: TAB, rowId: 3, at: 1_500 });
    expect(texts(state)).toEqual(['row 1', 'row 3', 'row 2']);
    expect(state.lines[TAB]![1]!.at).toBe(1_500);
  });

  it('makes an unread line moved above the first unread one the first, so the rule stays above every unread message', () => {
    const before = tabWith([1_000, 2_000, 3_000]);
    expect(firstUnreadText(before)).toBe('row 1');
    const state = reduce(before, { type: 'line/redate', tabId: TAB, rowId: 3, at: 500 });
    expect(texts(state)).toEqual(['row 3', 'row 1', 'row 2']);
    expect(firstUnreadText(state)).toBe('row 3');
    expect(state.tabs.find((t) => t.id === TAB)?.unread).toBe(3);
  });

  it('changes nothing for a row the tab does not hold', () => {
    const before = tabWith([1_000]);
    expect(reduce(before, { type: 'line/redate', tabId: TAB, rowId: 9, at: 0 })).toBe(before);
  });
});
