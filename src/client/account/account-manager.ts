import type { ClientApi } from '../../commands/types.js';
import { configuredAccounts, putAccount } from '../../config/accounts.js';
import type { ConfigStore } from '../../config/load-config.js';
import type { SecretStore } from '../../credentials/secret-store.js';
import type { EventSink } from '../../domain/events.js';
import { sanitizeText } from '../../domain/sanitize.js';
import { CONSOLE_TAB_ID } from '../../domain/tab.js';
import type { MessageHistory } from '../../history/message-history.js';
import type { Store } from '../../store/create-store.js';
import type { ChatTabs } from '../conversations/chat-tabs.js';
import { blockingApi } from '../blocking/blocking-api.js';
import { chatApi } from '../conversations/chat-api.js';
import { roomsApi } from '../rooms/rooms-api.js';
import { subscriptionsApi } from '../roster/subscriptions-api.js';
import { rosterApi } from '../roster/roster-api.js';
import { timeApi } from '../time/time-api.js';
import { whoApi } from '../who/who-api.js';
import { avatarsApi } from '../avatars/avatars-api.js';
import { presenceApi } from '../presence/presence-api.js';
import { accountDirectory } from './account-directory.js';
import { createAccountRuntime, type AccountRuntime } from './account-runtime.js';
import type { IdleAway } from '../presence/own-presence.js';
import type { ClientState } from '../../xmpp/features/csi/csi.js';
import { userActivity } from '../presence/answer-last.js';
import { settingsFromConfig, type AccountSettings } from './account-settings.js';
import { accountsApi } from './accounts-api.js';
import type { Prompter } from './prompter.js';
import { userQuestions } from './user-questions.js';

export interface AccountManagerDeps {
  config: ConfigStore;
  store: Store;
  tabs: ChatTabs;
  history: MessageHistory;
  keychain: readonly SecretStore[];
  prompter: Prompter;
  /** Messages and connection states, for the control socket's event stream. */
  onEvent?: EventSink;
  /** An account given with --jid: the only one this run, nothing about it is saved. */
  oneRun?: AccountSettings;
}

/**
 * All accounts of one running natter, each with its own session, and the command API over
 * them: each feature contributes its slice (chat, rooms, subscriptions, time, accounts), all
 * finding their account through one directory. The config is the source of truth for saved
 * accounts.
 */
export function createAccountManager(deps: AccountManagerDeps) {
  const { config, store, prompter } = deps;
  // Lines carry what a server sent (a certificate's names, error texts): made inert here.
  const say = (text: string, kind: 'info' | 'error' = 'info'): void =>
    store.dispatch({ type: 'line/append', tabId: CONSOLE_TAB_ID, kind, text: sanitizeText(text) });
  const activity = userActivity();
  const questions = userQuestions({ keychain: deps.keychain, prompter, say });
  const accounts = accountDirectory({
    config,
    store,
    oneRun: deps.oneRun,
    start: (settings) =>
      withIdle(createAccountRuntime(settings, {
        store,
        tabs: deps.tabs,
        history: deps.history,
        activity,
        getPassword: questions.passwordFor(settings),
        onUntrustedCertificate: questions.trust,
        ...(deps.onEvent ? { onEvent: deps.onEvent } : {}),
        onLearnt: (patch) => {
          if (settings.saved) putAccount(config, settings.jid, patch);
        },
      })),
  });
  /** Auto-away (screen only: the keyboard is there): every account, and one started meanwhile. */
  let away: IdleAway | undefined;
  /** Whether the terminal has the person's focus (XEP-0352), for every account and one started meanwhile. */
  let clientState: ClientState = 'active';
  function withIdle(runtime: AccountRuntime): AccountRuntime {
    if (away) void runtime.presence.idle(away);
    runtime.clientState(clientState);
    return runtime;
  }
  const api: ClientApi = {
    ...chatApi(accounts, deps.tabs, deps.history),
    ...roomsApi(accounts, store),
    ...subscriptionsApi(accounts),
    ...rosterApi(accounts, store),
    ...timeApi(accounts, store, deps.tabs),
    ...whoApi(accounts, store, deps.tabs),
    ...presenceApi(accounts, store, deps.tabs),
    ...blockingApi(accounts, store, deps.tabs),
    ...avatarsApi(accounts),
    ...accountsApi(accounts, { config, store, keychain: deps.keychain, oneRun: deps.oneRun }),
  };
  return {
    api,
    defaultJid: accounts.defaultJid,
    /** Connects the --jid account, or every enabled account in the config. */
    startAll(): void {
      if (deps.oneRun) {
        accounts.start(deps.oneRun);
        return;
      }
      for (const [jid, account] of Object.entries(configuredAccounts(config))) {
        if (account.enabled !== false) accounts.start(settingsFromConfig(jid, account, config.get('presence').restoreLast));
      }
    },
    /** A key or a paste in the screen: the user is there (XEP-0012 answers count from it). */
    userActive: (): void => activity.touch(),
    /** The user went idle at the keyboard, or came back (undefined): auto-away for every account. */
    idle(change: IdleAway | undefined): void {
      away = change;
      for (const runtime of accounts.running()) void runtime.presence.idle(change);
    },
    /** The terminal lost the person's focus (inactive) or got it back: told to every account's server that offers CSI. */
    clientState(state: ClientState): void {
      clientState = state;
      for (const runtime of accounts.running()) runtime.clientState(state);
    },
    hasAccounts: (): boolean => deps.oneRun !== undefined || Object.keys(configuredAccounts(config)).length > 0,
    async stopAll(): Promise<void> {
      prompter.cancelAll();
      await Promise.all(accounts.running().map((r) => r.disconnect()));
    },
  };
}

export type AccountManager = ReturnType<typeof createAccountManager>;
