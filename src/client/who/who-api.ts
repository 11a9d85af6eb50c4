import type { ClientApi } from '../../commands/types.js';
import { bareJid } from '../../domain/jid.js';
import { chatTabId } from '../../domain/tab-address.js';
import type { Store } from '../../store/create-store.js';
import type { AccountDirectory } from '../account/account-directory.js';
import type { AccountRuntime } from '../account/account-runtime.js';
import type { ChatTabs } from '../conversations/chat-tabs.js';
import { askDisco, askSoftwareVersion, pingEntity } from './ask-who.js';
import { askVcardOf } from './ask-vcard.js';
import { infoText, openInfoTab } from './info-tab.js';
import { join } from 'node:path';
import { natterPaths } from '../../config/paths.js';
import { avatarCache, type AvatarCache } from '../avatars/avatar-cache.js';
import { editOwnVcard } from './own-vcard.js';

/**
 * The account that asks about `jid`: the one named, else the running account whose contact
 * they are (contacts answer their contacts), else the one of their chat tab, else the default.
 */
export function askingAccount(accounts: AccountDirectory, store: Store, tabs: ChatTabs, jid: string, account: string | undefined): AccountRuntime {
  const contact = bareJid(jid);
  const holder = store.getState().roster.find((c) => c.jid === contact && c.account !== undefined && accounts.runtimes.has(c.account))?.account;
  return accounts.enabled(account ?? holder ?? tabs.accountOf(chatTabId(contact)));
}

/** The command API's questions about an entity: ping (XEP-0199), software version (XEP-0092), service discovery (XEP-0030), /info's tab, and one's own vCard (XEP-0054). */
export function whoApi(accounts: AccountDirectory, store: Store, tabs: ChatTabs): Pick<ClientApi, 'ping' | 'softwareVersion' | 'disco' | 'info' | 'infoText' | 'ownVcard' | 'editOwnVcard'> {
  const from = (jid: string, account: string | undefined): AccountRuntime => askingAccount(accounts, store, tabs, jid, account);
  // $XDG_CACHE_HOME/natter/avatars, as the environment says when /info first draws one.
  let avatars: AvatarCache | undefined;
  const cache = (): AvatarCache => (avatars ??= avatarCache(join(natterPaths().cacheDir, 'avatars')));
  return {
    ping: (jid, account) => pingEntity(from(jid, account), jid),
    softwareVersion: (jid, account) => askSoftwareVersion(from(jid, account), jid),
    disco: (jid, options = {}) => askDisco(from(jid, options.account), jid, options),
    info(jid, account) {
      const runtime = from(jid, account);
      return openInfoTab(store, runtime, jid, undefined, { cache: cache(), known: (bare) => ({ pep: runtime.avatars.notifiedHash(bare), photo: runtime.avatars.photoHash(bare) }) });
    },
    infoText: (jid, account) => infoText(from(jid, account), jid),
    async ownVcard(account) {
      const runtime = accounts.enabled(account);
      // The vcard-temp card, the one /vcard set edits (a server may not keep a vCard4 in step with it).
      const { fields, left } = await askVcardOf(runtime, runtime.jid, 'vcard-temp');
      return { account: runtime.jid, fields, left };
    },
    editOwnVcard: (field, value, account) => editOwnVcard(accounts.enabled(account), field, value),
  };
}
