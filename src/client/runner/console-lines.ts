import { CONSOLE_TAB_ID } from '../../domain/tab.js';
import type { Store } from '../../store/create-store.js';

/** A line a command run writes: the command as typed (secrets hidden), what it said, or why it failed. */
export type ConsoleWriter = (kind: 'info' | 'error' | 'command', text: string) => void;

/** Lines into tab `tabId` (the console unless told); into the console if that tab is closed by then. */
export function consoleWriter(store: Store, tabId: string = CONSOLE_TAB_ID): ConsoleWriter {
  return (kind, text) => store.dispatch({ type: 'line/append', tabId, kind, text });
}

/**
 * Where a command's lines go: the tab it was typed in ("a command's result shows where it was
 * typed"); the console for one with no such tab (a script, --cmd, natter ctl). The console
 * shows every command as typed; a conversation only one that says something, and then the
 * command above what it said: /me and /msg show their message, /win its tab, and a chat is not
 * filled with the commands that made them. The lines are natter's (kind info, error, command),
 * kept in the tab's buffer only: the history stores messages, never these.
 */
export function commandWriter(store: Store, origin: string | undefined, shown: string): ConsoleWriter {
  const tabId = origin ?? CONSOLE_TAB_ID;
  const write = consoleWriter(store, tabId);
  if (tabId === CONSOLE_TAB_ID) {
    write('command', shown);
    return write;
  }
  let echoed = false;
  return (kind, text) => {
    if (!echoed && kind !== 'command') write('command', shown);
    echoed = true;
    write(kind, text);
  };
}
