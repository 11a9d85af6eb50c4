import type { ConversationAddress } from '../domain/tab-address.js';
import type { ClientApi } from './types.js';

/** Sends `body` to whom the tab at `address` talks with: the peer, the room, or one occupant of a room (XEP-0045 §7.5). */
export function sendInTab(api: ClientApi, address: ConversationAddress, body: string, account?: string): Promise<void> {
  switch (address.kind) {
    case 'chat':
      return api.sendMessage(address.peer, body, account);
    case 'room':
      return api.sayInRoom(address.room, body);
    case 'private':
      return api.sendPrivate(address.room, address.nick, body);
  }
}
