import { describe, expect, it } from 'vitest';
import type { Line } from '../domain/line.js';
import { CONSOLE_TAB_ID } from '../domain/tab.js';
import { appendLine, type LineAppend } from './append-line.js';
import { reduce } from './reducer.js';
import { BACKGROUND_LINES, initialState, MAX_LINES_PER_TAB, type AppState } from './state.js';

const opened = (): AppState => {
  let state = initialState();
  for (const id of ['chat:bob', 'room:ops@x']) state = reduce(state, { type: 'tab/open', id, kind: id.startsWith('room') ? 'room' : 'chat', title: id, focus: false });
  return state;
};
const line = (tabId: string, text: string, extra: Partial<LineAppend> = {}): LineAppend => ({ type: 'line/append', tabId, kind: 'incoming', text, at: 1000, ...extra });
const batch: LineAppend[] = [
  line('chat:bob', 'old', { kind: 'outgoing' }),
  ...Array.from({ length: MAX_LINES_PER_TAB + 5 }, (_, i) => line('chat:bob', `flood ${i}`)),
  line('room:ops@x', 'alice: ping', { highlight: true, from: 'carol' }),
  line('room:ops@x', 'chatter', { fromHistory: true }),
  line(CONSOLE_TAB_ID, 'connected', { kind: 'info' }),
  line('chat:gone', 'to a closed tab'),
  line('chat:bob', 'sent', { kind: 'outgoing', delivery: 'pending', rowId: 7 }),
];

describe('appendLine', () => {
  it('keeps the newest lines up to the cap of a tab not in front, counts unread lines and marks highlights there', () => {
    const state = batch.reduce((s, a) => appendLine(s, a), opened());
    expect(state.lines['chat:bob']).toHaveLength(BACKGROUND_LINES);
    expect(state.lines['chat:bob']?.[0]?.text).toBe(`flood ${MAX_LINES_PER_TAB + 5 - BACKGROUND_LINES + 1}`);
    expect(state.lines['chat:bob']?.at(-1)).toMatchObject({ text: 'sent', delivery: 'pending', rowId: 7 });
    expect(state.tabs.find((t) => t.id === 'chat:bob')?.unread).toBe(MAX_LINES_PER_TAB + 5);
    expect(state.tabs.find((t) => t.id === 'room:ops@x')).toMatchObject({ unread: 1, highlight: true });
    expect(state.lines[CONSOLE_TAB_ID]?.map((l) => l.text)).toEqual(['connected', 'to a closed tab']);
  });

  it('appends in place to arrays it was allowed to write, with the same result, and copies any other', () => {
    const start = opened();
    const handedOut = start.lines['chat:bob'];
    const writable = new WeakSet<Line[]>();
    const inPlace = batch.reduce((s, a) => appendLine(s, a, writable), start);
    expect(inPlace).toEqual(batch.reduce((s, a) => appendLine(s, a), start));
    expect(handedOut).toEqual([]); // the state it started from is as it was
    const bob = inPlace.lines['chat:bob'];
    expect(appendLine(inPlace, line('chat:bob', 'one more'), writable).lines['chat:bob']).toBe(bob);
    expect(appendLine(inPlace, line('chat:bob', 'one more'), new WeakSet()).lines['chat:bob']).not.toBe(bob);
  });

  it('puts a line in time order after the last line not later than it, when asked; at the end otherwise', () => {
    const texts = (state: AppState) => state.lines['chat:bob']?.map((l) => l.text);
    const state = [
      line('chat:bob', '10', { at: 10 }), line('chat:bob', '30', { at: 30 }),
      line('chat:bob', '20', { at: 20, inTimeOrder: true }), line('chat:bob', '30 too', { at: 30, inTimeOrder: true }),
      line('chat:bob', '5', { at: 5, inTimeOrder: true }), line('chat:bob', '1 at the end', { at: 1 }),
    ].reduce((s, a) => appendLine(s, a), opened());
    expect(texts(state)).toEqual(['5', '10', '20', '30', '30 too', '1 at the end']);
  });

  it('moves the first unread line up when an unread message is put in time order above it', () => {
    const state = [
      line('chat:bob', 'mine', { at: 10, kind: 'outgoing' }), line('chat:bob', 'new at 30', { at: 30, inTimeOrder: true }),
      line('chat:bob', 'caught up at 20', { at: 20, inTimeOrder: true }), line('chat:bob', 'new at 40', { at: 40, inTimeOrder: true }),
    ].reduce((s, a) => appendLine(s, a), opened());
    const bob = state.tabs.find((t) => t.id === 'chat:bob');
    const first = state.lines['chat:bob']?.find((l) => l.id === bob?.firstUnread);
    expect(bob?.unread).toBe(3);
    expect(first?.text).toBe('caught up at 20');
  });
});
