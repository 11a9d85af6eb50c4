import type { ChatMessage } from '../../domain/chat-message.js';
import { chatTabId } from '../../domain/tab-address.js';
import { sanitizeLine, sanitizeText } from '../../domain/sanitize.js';
import type { MessageHistory, Stored } from '../../history/message-history.js';
import type { Store } from '../../store/create-store.js';
import type { AccountRooms } from '../rooms/account-rooms.js';
import { MAX_STRANGER_TABS, type ChatTabs } from './chat-tabs.js';
import { chatRow } from './history-rows.js';
import { untabbedNotes } from './untabbed-notes.js';
import type { EventSink } from '../../domain/events.js';

export interface ChatReceiverDeps {
  store: Store;
  tabs: ChatTabs;
  history: MessageHistory;
  rooms: Pick<AccountRooms, 'privateCopy'>;
  /** Contacts and people the account wrote to (may-tell.ts); anyone else is a stranger. */
  disclosure: { mayTell(peer: string): boolean; wroteTo(peer: string): void };
  consoleLine(kind: 'info' | 'error', text: string): void;
  onEvent?: EventSink;
}

/**
 * One chat message of `account`, live, carbon or from the archive. The tab opens with the
 * stored conversation; then the message is written to the history before it is shown, and a
 * copy seen before (same stanza-id or origin-id) is not shown twice. A stranger's message opens
 * a tab only while fewer than MAX_STRANGER_TABS strangers' tabs are open; past that it is kept
 * in the history (hooks and events still see it) and counted in the console. Its events say
 * `archived` when it came with the catch-up: hooks leave those alone, `natter ctl --events`
 * has them.
 */
export function chatReceiver(account: string, deps: ChatReceiverDeps): (message: ChatMessage, fromArchive?: boolean) => Stored | undefined {
  const { store, tabs, history, disclosure } = deps;
  const untabbed = untabbedNotes((text) => deps.consoleLine('info', text), {
    first: (peer) =>
      `a message from ${peer}, who is not in your roster, is kept in the history without a tab: ${MAX_STRANGER_TABS} tabs opened by strangers are open. /msg ${peer} reads it; closing tabs makes room`,
    more: (messages, people) => `${messages} from ${people} not in your roster kept in the history without a tab; /search finds them, /msg JID opens one`,
  });
  return (message, fromArchive = false) => {
    const archived = fromArchive ? { archived: true as const } : {};
    if (message.occupant) {
      const { room, nick } = message.occupant;
      deps.rooms.privateCopy({ room, nick, body: message.body, at: message.at, direction: message.direction, ...(message.id ? { id: message.id } : {}), ...archived });
      return undefined;
    }
    const incoming = message.direction === 'in';
    if (!incoming) disclosure.wroteTo(message.peer);
    const shown = !incoming || disclosure.mayTell(message.peer) || tabs.admitsStranger(chatTabId(message.peer));
    const tabId = shown ? tabs.open(message.peer, false, account) : undefined;
    const { row, original } = chatRow(history, account, message);
    const stored = history.add(row);
    if (stored.duplicate) return stored;
    // A conversation seen for the first time in a tab not in front starts unread from here.
    if (incoming && store.getState().activeTabId !== chatTabId(message.peer)) history.ensureReadMarker(account, message.peer, stored.id - 1);
    deps.onEvent?.({
      event: 'message', account, peer: message.peer, direction: message.direction, body: message.body,
      at: new Date(message.at).toISOString(), ...(original ? { corrects: message.replaces } : {}), ...archived,
      ...(incoming && message.fullJid ? { from: message.fullJid } : {}),
    });
    if (incoming && message.file) deps.onEvent?.({ event: 'file', account, peer: message.peer, url: sanitizeLine(message.file), body: message.body, ...archived });
    if (tabId === undefined) {
      untabbed.kept(message.peer);
      return stored;
    }
    if (original) {
      // The original's own line (by history row): a stanza id is no address, anyone can reuse ours.
      store.dispatch({ type: 'line/replace', tabId, rowId: original.id, text: sanitizeText(message.body) });
      return stored;
    }
    // One caught up from the archive (or kept offline) may be older than lines shown: its place is by time, as in the history.
    if (!tabs.fitsInOrder(tabId, message.at, stored.id)) return stored;
    store.dispatch({
      type: 'line/append', tabId, kind: incoming ? 'incoming' : 'outgoing', from: incoming ? sanitizeLine(message.peer) : 'me',
      text: sanitizeText(message.body), at: message.at, rowId: stored.id, inTimeOrder: true,
    });
    return stored;
  };
}
