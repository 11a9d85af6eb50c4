import { parseTabId } from '../../domain/tab-address.js';
import type { Store } from '../../store/create-store.js';
import type { ClientApi } from '../../commands/types.js';
import type { ChatTabs } from '../conversations/chat-tabs.js';

/**
 * Tells the account which chat the person is in (XEP-0085 §5.1): leaving a chat's tab makes
 * them "inactive" there, coming back "active", closing the tab "gone".
 */
export function trackChatFocus(store: Store, api: Pick<ClientApi, 'chatFocus'>, tabs: ChatTabs): void {
  let active = store.getState().activeTabId;
  let tabsSeen = store.getState().tabs;
  let open = new Set(tabsSeen.map((t) => t.id));
  const tell = (tabId: string, change: 'left' | 'back' | 'closed'): void => {
    const peer = parseTabId(tabId, 'chat')?.peer;
    if (peer) api.chatFocus?.(peer, change, tabs.accountOf(tabId));
  };
  store.subscribe(() => {
    const state = store.getState();
    // Most dispatches (every message of a flood) change neither the tabs nor the one in front.
    if (state.tabs === tabsSeen && state.activeTabId === active) return;
    tabsSeen = state.tabs;
    const now = new Set(state.tabs.map((t) => t.id));
    for (const id of open) if (!now.has(id)) tell(id, 'closed');
    if (state.activeTabId !== active) {
      if (now.has(active)) tell(active, 'left');
      tell(state.activeTabId, 'back');
      active = state.activeTabId;
    }
    open = now;
  });
}
