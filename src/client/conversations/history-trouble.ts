import { sanitizeLine } from '../../domain/sanitize.js';
import { CONSOLE_TAB_ID } from '../../domain/tab.js';
import { RETRY_MS } from '../../history/held-rows.js';
import type { MessageHistory } from '../../history/message-history.js';
import type { Store } from '../../store/create-store.js';

/**
 * Tells the user, once, when the history database stops taking writes (the disk or a size cap
 * full, another program holding its lock, a read-only file) and once when it takes them
 * again; meanwhile the lines of messages it could not store show "(unsaved)" (their row ids
 * are the history's held ones) until they are written. Returns the way to stop.
 */
export function reportHistoryTrouble(history: MessageHistory, store: Store): () => void {
  return history.onWriteTrouble((event) => {
    if (event.rekeyed.length > 0) store.dispatch({ type: 'lines/rekey', rekeyed: event.rekeyed });
    const text =
      event.kind === 'failed'
        ? `the history database can not be written (${sanitizeLine(event.reason)}): natter keeps chatting and marks what it could not save "(unsaved)"; ` +
          `it tries again every ${RETRY_MS / 1000} s and saves those then. Free disk space, or end what holds the database (another program writing it).`
        : `the history database can be written again: ${event.rekeyed.length} unsaved message${event.rekeyed.length === 1 ? '' : 's'} saved.`;
    store.dispatch({ type: 'line/append', tabId: CONSOLE_TAB_ID, kind: event.kind === 'failed' ? 'error' : 'info', text });
  });
}
