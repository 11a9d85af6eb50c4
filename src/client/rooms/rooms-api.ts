import type { ClientApi } from '../../commands/types.js';
import type { Store } from '../../store/create-store.js';
import type { AccountDirectory } from '../account/account-directory.js';

type RoomsApi = Pick<ClientApi, 'joinRoom' | 'leaveRoom' | 'sayInRoom' | 'sendPrivate'>;

/** The command API's rooms (XEP-0045): joined from the account named (or the default), the rest by the account in the room. */
export function roomsApi(accounts: AccountDirectory, store: Store): RoomsApi {
  return {
    async joinRoom(room, nick, password, account) {
      const runtime = accounts.enabled(account);
      const from = runtime.jid;
      const current = store.getState().rooms[room];
      if (current?.joined && current.account === from && (nick === undefined || nick === current.nick)) return `already in ${room} as ${current.nick}`;
      return runtime.rooms.join(room, nick ?? from.slice(0, from.indexOf('@')), password);
    },
    leaveRoom: (room) => accounts.inRoom(room).rooms.leave(room),
    async sayInRoom(room, body) {
      await accounts.inRoom(room).rooms.say(room, body);
    },
    async sendPrivate(room, nick, body) {
      await accounts.inRoom(room).rooms.sendPrivate(room, nick, body);
    },
  };
}
