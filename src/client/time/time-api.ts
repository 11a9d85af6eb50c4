import type { ClientApi } from '../../commands/types.js';
import type { Store } from '../../store/create-store.js';
import type { AccountDirectory } from '../account/account-directory.js';
import type { ChatTabs } from '../conversations/chat-tabs.js';
import { askingAccount } from '../who/who-api.js';
import { askEntityTime } from './ask-time.js';

/** The command API's entity time (XEP-0202): a contact is asked from the running account whose contact they are (they answer their contacts). */
export function timeApi(accounts: AccountDirectory, store: Store, tabs: ChatTabs): Pick<ClientApi, 'entityTime'> {
  return {
    entityTime: (jid, account) => askEntityTime(askingAccount(accounts, store, tabs, jid, account), jid),
  };
}
