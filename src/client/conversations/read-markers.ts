import { chatTabId, parseTabId } from '../../domain/tab-address.js';
import type { MessageHistory } from '../../history/message-history.js';
import type { Store } from '../../store/create-store.js';
import type { ChatTabs } from './chat-tabs.js';

/**
 * Unread state that survives a restart: what is in the chat tab in front is read (its marker
 * moves to the newest stored line); at start, conversations with messages after their marker
 * open as tabs with those counts, so Alt-A and the "new messages" rule find them.
 */
export function trackReading(store: Store, history: MessageHistory, tabs: ChatTabs, defaultJid: () => string | undefined) {
  let last = '';
  store.subscribe(() => {
    const state = store.getState();
    const tab = state.tabs.find((t) => t.id === state.activeTabId);
    const peer = tab && parseTabId(tab.id, 'chat')?.peer;
    if (!tab || !peer) return;
    const newest = (state.lines[tab.id] ?? []).findLast((l) => l.rowId !== undefined)?.rowId;
    const account = tabs.accountOf(tab.id) ?? defaultJid();
    if (newest === undefined || !account || `${tab.id}:${newest}` === last) return;
    last = `${tab.id}:${newest}`;
    history.markRead(account, peer, newest);
  });
  return {
    /** Opens a tab, with its count, for every conversation of `account` with unread messages. */
    restore(account: string): void {
      for (const { peer, count } of history.unreadCounts(account)) {
        tabs.open(peer, false, account);
        store.dispatch({ type: 'tab/unread', id: chatTabId(peer), unread: count });
      }
    },
  };
}
