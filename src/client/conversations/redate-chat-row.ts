import { chatTabId } from '../../domain/tab-address.js';
import type { MessageHistory } from '../../history/message-history.js';
import type { Store } from '../../store/create-store.js';

/** A one-to-one message found to have come at another time: its history row and its line in the chat's tab move. */
export function redateChatRow(history: MessageHistory, store: Store) {
  return (row: { peer: string; rowId: number }, at: number): void => {
    history.redate(row.rowId, at);
    store.dispatch({ type: 'line/redate', tabId: chatTabId(row.peer), rowId: row.rowId, at });
  };
}
