import type { ClientApi, PresenceScope } from '../../commands/types.js';
import { describeOwnPresence, type OwnPresence } from '../../domain/own-presence.js';
import { chatTabId, parseTabId } from '../../domain/tab-address.js';
import { bareJid } from '../../domain/jid.js';
import { askLastActivity } from './ask-last.js';
import type { Store } from '../../store/create-store.js';
import type { AccountDirectory } from '../account/account-directory.js';
import type { AccountRuntime } from '../account/account-runtime.js';
import type { ChatTabs } from '../conversations/chat-tabs.js';

type PresenceApi = Pick<ClientApi, 'setPresence' | 'setPriority' | 'setInvisible' | 'lastActivity'>;

/**
 * The command API's own presence (/status, /priority, /invisible): for the account of the tab
 * in front (a chat's, a room's), else the default one, or for every running account.
 */
export function presenceApi(accounts: AccountDirectory, store: Store, tabs: ChatTabs): PresenceApi {
  const accountOfTab = (tabId: string): string | undefined => {
    const address = parseTabId(tabId);
    if (address?.kind === 'chat') return tabs.accountOf(tabId);
    if (address?.kind === 'room' || address?.kind === 'private') return store.getState().rooms[address.room]?.account;
    return address?.kind === 'xml' ? address.account : undefined;
  };
  const targets = (scope: PresenceScope): AccountRuntime[] => {
    if (!scope.all) return [accounts.enabled(accountOfTab(scope.tabId))];
    const running = accounts.running();
    if (running.length === 0) throw new Error('no account is enabled; /account enable JID first');
    return running;
  };
  return {
    async setPresence(change, scope) {
      const said: string[] = [];
      for (const runtime of targets(scope)) said.push(presenceSummary(runtime.jid, await runtime.presence.set(change), runtime.presence.current()));
      return said.join('\n');
    },
    async setPriority(priority, scope) {
      const said: string[] = [];
      for (const runtime of targets(scope)) said.push(presenceSummary(runtime.jid, await runtime.presence.set({ priority }), runtime.presence.current()));
      return said.join('\n');
    },
    lastActivity(jid) {
      // From the account whose contact they are (they answer their contacts), as /time asks.
      const contact = bareJid(jid);
      const holder = store.getState().roster.find((c) => c.jid === contact && c.account !== undefined && accounts.runtimes.has(c.account))?.account;
      return askLastActivity(accounts.enabled(holder ?? tabs.accountOf(chatTabId(contact))), jid);
    },
    async setInvisible(invisible, scope) {
      const said: string[] = [];
      for (const runtime of targets(scope)) said.push(visibilitySummary(runtime.jid, invisible, await runtime.presence.setInvisible(invisible)));
      return said.join('\n');
    },
  };
}

function presenceSummary(jid: string, outcome: 'sent' | 'later' | 'withheld', presence: OwnPresence): string {
  const what = describeOwnPresence({ ...presence, invisible: false }) || 'online';
  if (outcome === 'sent') return `${jid}: ${what}`;
  if (outcome === 'later') return `${jid}: ${what} (sent once it is connected)`;
  return `${jid}: ${what} (held back: you are hidden; /visible shows it)`;
}

function visibilitySummary(jid: string, invisible: boolean, outcome: 'done' | 'already' | 'later'): string {
  if (invisible) return outcome === 'already' ? `${jid} is invisible already` : `${jid} is invisible: contacts see you as offline`;
  if (outcome === 'already') return `${jid} is visible already`;
  return outcome === 'later' ? `${jid} will be visible once it is connected` : `${jid} is visible again`;
}
