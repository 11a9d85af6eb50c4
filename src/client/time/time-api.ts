import type { ClientApi } from '../../commands/types.js';
import { bareJid } from '../../domain/jid.js';
import { chatTabId } from '../../domain/tab-address.js';
import type { Store } from '../../store/create-store.js';
import type { AccountDirectory } from '../account/account-directory.js';
import type { ChatTabs } from '../conversations/chat-tabs.js';
import { askEntityTime } from './ask-time.js';

/** The command API's entity time (XEP-0202): a contact is asked from the running account whose contact they are (they answer their contacts). */
export function timeApi(accounts: AccountDirectory, store: Store, tabs: ChatTabs): Pick<ClientApi, 'entityTime'> {
  return {
    entityTime(jid, account) {
      const contact = bareJid(jid);
      const holder = store.getState().roster.find((c) => c.jid === contact && c.account !== undefined && accounts.runtimes.has(c.account))?.account;
      return askEntityTime(accounts.enabled(account ?? holder ?? tabs.accountOf(chatTabId(contact))), jid);
    },
  };
}
