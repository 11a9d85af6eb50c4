import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { ClientState } from '../../xmpp/features/csi/csi.js';
import { withoutFocusReport } from '../../ui/input/focus-reports.js';
import { FOCUS_OUT_DELAY_MS, watchTerminalFocus } from './terminal-focus.js';

const focusOut = (): string => withoutFocusReport('\u001b[O');
const focusIn = (): string => withoutFocusReport('\u001b[I');
let written: string[];
let changes: ClientState[];
const terminal = { write: (data: string) => void written.push(data) };
beforeEach(() => {
  vi.useFakeTimers();
  written = [];
  changes = [];
});
afterEach(() => void vi.useRealTimers());

it('turns reporting on, says inactive once focus stayed away, active at once when it is back, and turns it off at the end', () => {
  const focus = watchTerminalFocus(true, terminal, (state) => changes.push(state));
  expect(written).toEqual(['\u001b[?1004h']);
  focusOut();
  vi.advanceTimersByTime(FOCUS_OUT_DELAY_MS - 1);
  expect(changes).toEqual([]);
  focusIn(); // passed over on the way to another window: nothing to say
  vi.advanceTimersByTime(FOCUS_OUT_DELAY_MS);
  expect(changes).toEqual([]);
  focusOut();
  focusOut();
  vi.advanceTimersByTime(FOCUS_OUT_DELAY_MS);
  expect(changes).toEqual(['inactive']);
  focusIn();
  focusIn();
  expect(changes).toEqual(['inactive', 'active']);
  focusOut();
  focus.stop();
  vi.advanceTimersByTime(FOCUS_OUT_DELAY_MS);
  focusIn();
  expect(changes).toEqual(['inactive', 'active']);
  expect(written).toEqual(['\u001b[?1004h', '\u001b[?1004l']);
});

it('after the editor had the terminal: reporting on again, and the person is here', () => {
  const focus = watchTerminalFocus(true, terminal, (state) => changes.push(state));
  focusOut();
  vi.advanceTimersByTime(FOCUS_OUT_DELAY_MS);
  focus.resume();
  expect(changes).toEqual(['inactive', 'active']);
  expect(written).toEqual(['\u001b[?1004h', '\u001b[?1004h']);
  focus.stop();
});

it('off (ui.focusReporting false): asks the terminal for nothing and says nothing', () => {
  const focus = watchTerminalFocus(false, terminal, (state) => changes.push(state));
  focusOut();
  vi.advanceTimersByTime(FOCUS_OUT_DELAY_MS);
  focus.resume();
  focus.stop();
  expect(written).toEqual([]);
  expect(changes).toEqual([]);
});
