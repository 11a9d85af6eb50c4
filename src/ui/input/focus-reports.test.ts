import { afterEach, expect, it } from 'vitest';
import { onTerminalFocus, withoutFocusReport } from './focus-reports.js';

const reports: boolean[] = [];
const stop = onTerminalFocus((focused) => reports.push(focused));
afterEach(() => void reports.splice(0));

it('takes focus in and focus out reports out of the input and tells them', () => {
  expect(withoutFocusReport('\u001b[O')).toBe('');
  expect(withoutFocusReport('\u001b[I')).toBe('');
  expect(reports).toEqual([false, true]);
});

it('keeps the Escape key read together with a report (ESC ESC [ O is one event to Ink)', () => {
  expect(withoutFocusReport('\u001b\u001b[O')).toBe('\u001b');
  expect(reports).toEqual([false]);
});

it('leaves every key as it was, also keys that look like a report', () => {
  const keys = [
    '\u001b', // Escape alone
    '\u001bO', '\u001bI', '\u001bi', // Alt-Shift-O, Alt-Shift-I, Alt-i
    '\u001b[A', '\u001b[1;3C', '\u001bOP', '\u001b[5~', // arrows, Alt-Right, F1 (SS3), PageUp
    'O', 'I', '[O', '[I', 'x\u001b[O', // letters, text that only ends like a report
    'pasted text ending in [O', '\u007f', '\r',
  ];
  for (const key of keys) expect(withoutFocusReport(key)).toBe(key);
  expect(reports).toEqual([]);
});

it('tells no one after unsubscribing', () => {
  stop();
  expect(withoutFocusReport('\u001b[O')).toBe('');
  expect(reports).toEqual([]);
});
