import type { ChatState } from './chat-state.js';
import { tabIdOf, type TabAddress } from './tab-address.js';

/** What a tab shows; its id is its TabAddress in the one codec (tab-address.ts). */
export type TabKind = TabAddress['kind'];

/** A conversation tab. The console is always tab 1; chats and rooms come after it. */
export interface Tab {
  /** tabIdOf(its address): the key of the tab and of its lines in the store. */
  id: string;
  kind: TabKind;
  /** Shown in the tab bar; already sanitized. */
  title: string;
  unread: number;
  highlight: boolean;
  /**
   * The first line counted in `unread`, by its id: own messages from another device and
   * join or status lines may come between unread ones, so it is not found by counting back.
   */
  firstUnread?: number;
  /**
   * The history row of the first unread message once its line left memory (a tab not in front
   * keeps only its newest lines): scrolling back brings it back, and the rule goes above it.
   */
  firstUnreadRow?: number;
  /** The first line that was unread when the tab was last brought to the front ("new messages" rule). */
  unreadFrom?: number;
  /** One-to-one chats: what the peer is doing (XEP-0085), when they said. */
  peerState?: ChatState;
  /** Long messages shown in full (/expand) rather than cut after a screenful. */
  expanded?: boolean;
}

export const CONSOLE_TAB_ID = tabIdOf({ kind: 'console' });

export function consoleTab(): Tab {
  return { id: CONSOLE_TAB_ID, kind: 'console', title: 'console', unread: 0, highlight: false };
}
