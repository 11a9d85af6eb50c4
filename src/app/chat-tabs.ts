import { chatTabId } from '../domain/jid.js';
import { sanitizeLine, sanitizeText } from '../domain/sanitize.js';
import type { LineDelivery } from '../domain/line.js';
import type { MessageHistory, StoredMessage } from '../history/message-history.js';
import type { Store } from '../store/create-store.js';

/** How many stored messages a chat tab shows when it opens; older ones page in on scroll. */
export const RECENT_PAGE = 200;

/**
 * Opens chat tabs for the app: a tab that is not open yet starts with the newest stored
 * messages of that conversation, so a restart brings the conversation back.
 */
export function createChatTabs(store: Store, history: MessageHistory | undefined, defaultAccount: () => string | undefined) {
  /** Which account a chat tab talks from: the one that last sent or received in it. */
  const accounts = new Map<string, string>();
  return {
    open(peer: string, focus: boolean, account?: string): string {
      const id = chatTabId(peer);
      const exists = store.getState().tabs.some((t) => t.id === id);
      if (account) accounts.set(id, account);
      store.dispatch({ type: 'tab/open', id, kind: 'chat', title: sanitizeLine(peer), focus });
      const me = accounts.get(id) ?? defaultAccount();
      if (!exists && history && me) {
        for (const m of history.page(me, peer, RECENT_PAGE)) {
          store.dispatch({
            type: 'line/append',
            tabId: id,
            kind: m.direction === 'in' ? 'incoming' : 'outgoing',
            from: m.direction === 'in' ? sanitizeLine(m.peer) : 'me',
            text: sanitizeText(m.body),
            at: m.at,
            fromHistory: true,
            ...lineDelivery(m),
          });
        }
      }
      return id;
    },
    accountOf: (tabId: string): string | undefined => accounts.get(tabId),
  };
}

function lineDelivery(m: StoredMessage): { delivery?: LineDelivery; key?: string } {
  if (m.direction !== 'out' || !m.originId) return {};
  const delivery = m.delivery === 'acked' ? 'sent' : m.delivery === 'none' ? undefined : m.delivery;
  return delivery ? { delivery, key: m.originId } : {};
}

export type ChatTabs = ReturnType<typeof createChatTabs>;
