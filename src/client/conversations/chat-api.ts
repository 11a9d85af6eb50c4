import type { ClientApi } from '../../commands/types.js';
import { chatTabId } from '../../domain/tab-address.js';
import type { MessageHistory } from '../../history/message-history.js';
import type { AccountDirectory } from '../account/account-directory.js';
import type { ChatTabs } from './chat-tabs.js';

type ChatApi = Pick<ClientApi, 'sendMessage' | 'correct' | 'olderFromArchive' | 'typing' | 'chatFocus' | 'search'>;

/** The command API's one-to-one chat: from the account named, else the one the chat's tab talks from. */
export function chatApi(accounts: AccountDirectory, tabs: ChatTabs, history: MessageHistory): ChatApi {
  const from = (peer: string, account: string | undefined) => accounts.enabled(account ?? tabs.accountOf(chatTabId(peer)));
  const quietly = (account: string | undefined) => {
    const jid = account ?? accounts.defaultJid();
    return jid ? accounts.runtimes.get(jid) : undefined;
  };
  return {
    async sendMessage(to, body, account) {
      from(to, account).sendMessage(to, body);
    },
    async correct(peer, body, account) {
      await from(peer, account).correct(peer, body);
    },
    async olderFromArchive(peer, account) {
      return from(peer, account).olderFromArchive(peer);
    },
    // Chat states are best effort: an account that is not running says nothing.
    typing: (peer, hasText, account) => quietly(account)?.typing(peer, hasText),
    chatFocus: (peer, change, account) => quietly(account)?.chatFocus(peer, change),
    search: (words, peer) =>
      history.search(words, { limit: 200, ...(peer ? { peer } : {}) }).map((h) => ({
        id: h.id, account: h.account, peer: h.peer, direction: h.direction, at: h.at, snippet: h.snippet,
      })),
  };
}
