import { afterEach, expect, it, vi } from 'vitest';
import { untabbedNotes } from './untabbed-notes.js';

afterEach(() => void vi.useRealTimers());

it('names the first message at once, then counts the others in one line a window, and is quiet after a quiet window', () => {
  vi.useFakeTimers();
  const said: string[] = [];
  const notes = untabbedNotes((text) => said.push(text), { first: (peer) => `first ${peer}`, more: (messages, people) => `${messages} from ${people}` }, 1000);
  notes.kept('a@x');
  for (let i = 0; i < 200; i++) notes.kept(`s${i % 150}@x`);
  expect(said).toEqual(['first a@x']);
  vi.advanceTimersByTime(1000);
  expect(said).toEqual(['first a@x', '200 more messages from 150 people']);
  notes.kept('b@x'); // within the next window: counted
  vi.advanceTimersByTime(1000);
  expect(said.at(-1)).toBe('1 more message from 1 person');
  vi.advanceTimersByTime(1000); // a window without any: the next one is named again
  notes.kept('c@x');
  expect(said.at(-1)).toBe('first c@x');
  expect(said).toHaveLength(4);
});
