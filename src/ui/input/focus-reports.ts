/**
 * Terminal focus reports (xterm's DECSET 1004 "FocusIn/FocusOut" mode): while it is on, the
 * terminal sends CSI I when its window gains focus and CSI O when it loses it. Ink 8 parses
 * them as key events it has no name for; the bundle (scripts/bundle.mjs) hands every string
 * event Ink's input parser produces to `withoutFocusReport` first, so a report is taken out
 * before any key handler sees it and is told to the listeners here instead. Ink's parser has
 * already joined a sequence split across reads (it holds an unfinished escape sequence for the
 * next read), and every other event comes back as it was: keys stay byte-identical.
 */
const FOCUS_IN = '\u001b[I';
const FOCUS_OUT = '\u001b[O';

type FocusListener = (focused: boolean) => void;
const listeners = new Set<FocusListener>();

/** Calls `listener` with true (focus in) or false (focus out) for each report; returns the unsubscribe. */
export function onTerminalFocus(listener: FocusListener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/**
 * One event of Ink's input parser without the focus report it is or ends with: '' for a
 * report alone, the Escape key for Escape read together with a report (Ink's parser reads
 * ESC ESC [ O as one "meta" sequence), else the event unchanged. A report is told to the
 * listeners.
 */
export function withoutFocusReport(event: string): string {
  const report = event.endsWith(FOCUS_IN) ? FOCUS_IN : event.endsWith(FOCUS_OUT) ? FOCUS_OUT : undefined;
  if (report === undefined) return event;
  const before = event.slice(0, -report.length);
  if (before !== '' && before !== '\u001b') return event;
  for (const listener of listeners) listener(report === FOCUS_IN);
  return before;
}
