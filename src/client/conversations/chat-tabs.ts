import { sanitizeLine, sanitizeText } from '../../domain/sanitize.js';
import type { Line, LineDelivery } from '../../domain/line.js';
import { chatTabId, conversationOf, parseTabId, tabIdOf, type TabAddressOf } from '../../domain/tab-address.js';
import type { MessageHistory, StoredMessage } from '../../history/message-history.js';
import type { Store } from '../../store/create-store.js';

/** How many stored messages a chat tab shows when it opens; older ones page in on scroll. */
export const RECENT_PAGE = 200;

/**
 * Tabs that messages from people who are not contacts (nor written to) may open, at most, at
 * once: 200 strangers must not make 200 tabs. Past it, their messages are kept in the history
 * without a tab (/msg JID opens one); closing such tabs makes room again.
 */
export const MAX_STRANGER_TABS = 20;

/**
 * Opens chat tabs for the app: a tab that is not open yet starts with the newest stored
 * messages of that conversation, so a restart brings the conversation back.
 */
export function createChatTabs(store: Store, history: MessageHistory | undefined, defaultAccount: () => string | undefined) {
  /** Stored messages into a tab's buffer; a correction is shown in place of its original, marked edited (XEP-0308). */
  const storedLines = (page: readonly StoredMessage[], tabId: string): Omit<Line, 'id'>[] => {
    // In a room the sender is a nick (kept in `sender`); in a private chat through a room the
    // occupant's nick; in a chat the peer itself.
    const address = parseTabId(tabId);
    const inRoom = address?.kind === 'room';
    const occupant = address?.kind === 'private' ? address.nick : undefined;
    const corrected = new Map<number, string>();
    for (const m of page) if (m.replaces !== null) corrected.set(m.replaces, m.body);
    return page
      .filter((m) => m.replaces === null)
      .map((m) => {
        const newest = corrected.get(m.id);
        return {
          kind: m.direction === 'in' ? 'incoming' : 'outgoing',
          from: m.direction === 'in' ? sanitizeLine(inRoom ? (m.sender ?? '') : (occupant ?? m.peer)) : 'me',
          text: sanitizeText(newest ?? m.body),
          at: m.at,
          rowId: m.id,
          ...lineDelivery(m),
          ...(newest === undefined ? {} : { edited: true }),
        };
      });
  };
  const appendStored = (tabId: string, page: readonly StoredMessage[]): void => {
    for (const line of storedLines(page, tabId)) store.dispatch({ type: 'line/append', tabId, fromHistory: true, ...line });
  };
  /** Which account a chat tab talks from: the one that last sent or received in it. */
  const accounts = new Map<string, string>();
  const isOpen = (id: string): boolean => store.getState().tabs.some((t) => t.id === id);
  /** Tabs opened by strangers' messages (some maybe closed since): at most MAX_STRANGER_TABS. */
  const strangerTabs = new Set<string>();
  /** Opens a room or private tab of `account`, with its newest stored messages when it was not open. */
  const openConversation = (address: TabAddressOf<'room' | 'private'>, title: string, account: string, focus: boolean): string => {
    const id = tabIdOf(address);
    const exists = store.getState().tabs.some((t) => t.id === id);
    accounts.set(id, account);
    store.dispatch({ type: 'tab/open', id, kind: address.kind, title, focus });
    const peer = conversationOf(address);
    if (!exists && history && peer) appendStored(id, history.page(account, peer, RECENT_PAGE));
    return id;
  };
  return {
    openRoom: (account: string, room: string, focus: boolean): string => openConversation({ kind: 'room', room }, sanitizeLine(room), account, focus),
    /** XEP-0045 §7.5: a private chat with one occupant, kept under "room/nick". */
    openPrivate: (account: string, room: string, nick: string, focus: boolean): string =>
      openConversation({ kind: 'private', room, nick }, `${sanitizeLine(nick)} (${sanitizeLine(room)})`, account, focus),
    open(peer: string, focus: boolean, account?: string): string {
      const id = chatTabId(peer);
      const exists = store.getState().tabs.some((t) => t.id === id);
      if (account) accounts.set(id, account);
      store.dispatch({ type: 'tab/open', id, kind: 'chat', title: sanitizeLine(peer), focus });
      const me = accounts.get(id) ?? defaultAccount();
      if (!exists && history && me) {
        appendStored(id, history.page(me, peer, RECENT_PAGE));
      }
      return id;
    },
    accountOf: (tabId: string): string | undefined => accounts.get(tabId),
    /**
     * Whether a stranger's message may open (or show in) the tab `tabId`: yes when it is open
     * already, or when fewer than MAX_STRANGER_TABS tabs opened by strangers are still open.
     */
    admitsStranger(tabId: string): boolean {
      if (isOpen(tabId)) return true;
      for (const id of strangerTabs) if (!isOpen(id)) strangerTabs.delete(id);
      if (strangerTabs.size >= MAX_STRANGER_TABS) return false;
      strangerTabs.add(tabId);
      return true;
    },
    /** Scrolling back: the page of stored messages before the oldest line of a chat tab. False when there is none. */
    loadOlder(tabId: string): boolean {
      const me = accounts.get(tabId) ?? defaultAccount();
      const peer = conversationOf(parseTabId(tabId));
      if (!history || !me || !peer) return false;
      const oldest = store.getState().lines[tabId]?.find((l) => l.rowId !== undefined);
      const before = oldest?.rowId === undefined ? undefined : { at: oldest.at, id: oldest.rowId };
      const page = history.page(me, peer, RECENT_PAGE, before);
      if (page.length === 0) return false;
      store.dispatch({ type: 'lines/prepend', tabId, lines: storedLines(page, tabId) });
      return true;
    },
    /**
     * Whether stored row `rowId` (at `at`) can be shown in chat tab `tabId` in its time place.
     * Not when it is older than every stored line the tab holds while the history has messages
     * between them: scrolling back pages from the oldest line held and would skip those. It is
     * shown in its place when scrolling back reaches it.
     */
    fitsInOrder(tabId: string, at: number, rowId: number): boolean {
      const oldest = store.getState().lines[tabId]?.find((l) => l.rowId !== undefined);
      if (oldest?.rowId === undefined || at >= oldest.at) return true;
      const me = accounts.get(tabId) ?? defaultAccount();
      const peer = conversationOf(parseTabId(tabId));
      if (!history || !me || !peer) return true;
      return history.page(me, peer, 1, { at: oldest.at, id: oldest.rowId })[0]?.id === rowId;
    },
    /** The top of a chat tab says where its history starts. */
    markStart(tabId: string, text: string): void {
      const first = store.getState().lines[tabId]?.[0];
      if (first?.kind === 'info' && first.text === text) return;
      store.dispatch({ type: 'lines/prepend', tabId, lines: [{ kind: 'info', text, at: first?.at ?? Date.now() }] });
    },
    /** Opens the chat of a stored message and shows it with `context` messages around it. */
    showAround(account: string, peer: string, messageId: number, context: number, marker: string): void {
      const id = chatTabId(peer);
      accounts.set(id, account);
      store.dispatch({ type: 'tab/open', id, kind: 'chat', title: sanitizeLine(peer), focus: true });
      store.dispatch({ type: 'lines/clear', tabId: id });
      const window = history?.around(messageId, context) ?? [];
      const at = window.findIndex((m) => m.id === messageId);
      appendStored(id, window.slice(0, at));
      store.dispatch({ type: 'line/append', tabId: id, kind: 'info', text: marker, at: window[at]?.at ?? Date.now() });
      appendStored(id, window.slice(at));
    },
  };
}

function lineDelivery(m: StoredMessage): { delivery?: LineDelivery } {
  if (m.direction !== 'out' || !m.originId) return {};
  const delivery = m.delivery === 'acked' ? 'sent' : m.delivery === 'none' ? undefined : m.delivery;
  return delivery ? { delivery } : {};
}

export type ChatTabs = ReturnType<typeof createChatTabs>;
