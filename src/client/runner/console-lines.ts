import { CONSOLE_TAB_ID } from '../../domain/tab.js';
import type { Store } from '../../store/create-store.js';

/** A line in the console tab: a command as typed (secrets hidden), what it said, or why it failed. */
export type ConsoleWriter = (kind: 'info' | 'error' | 'command', text: string) => void;

export function consoleWriter(store: Store): ConsoleWriter {
  return (kind, text) => store.dispatch({ type: 'line/append', tabId: CONSOLE_TAB_ID, kind, text });
}
