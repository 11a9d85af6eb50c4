import type { AccountInfo, ClientApi } from '../../commands/types.js';
import { configuredAccounts, defaultAccount, putAccount, removeAccount } from '../../config/accounts.js';
import type { ConfigStore } from '../../config/load-config.js';
import { forgetPassword, savePassword } from '../../credentials/keychain.js';
import { resolvePassword } from '../../credentials/resolve-password.js';
import type { SecretStore } from '../../credentials/secret-store.js';
import { bareJid, chatTabId, isBareJid } from '../../domain/jid.js';
import { sanitizeText } from '../../domain/sanitize.js';
import { CONSOLE_TAB_ID } from '../../domain/tab.js';
import type { MessageHistory } from '../../history/message-history.js';
import type { Store } from '../../store/create-store.js';
import type { CertificateError } from '../../xmpp/session/errors.js';
import { createAccountRuntime, type AccountRuntime } from './account-runtime.js';
import { settingsFromConfig, type AccountSettings } from './account-settings.js';
import type { ChatTabs } from '../conversations/chat-tabs.js';
import { choose, type Prompter } from './prompter.js';
import { openXmlConsole, xmlTabId } from '../xml-console/xml-console.js';
import { askEntityTime } from '../time/ask-time.js';
import type { EventSink } from '../../domain/events.js';

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
 * All accounts of one running natter, each with its own session. Implements the command
 * API for accounts and messages; the config is the source of truth for saved accounts.
 */
export function createAccountManager(deps: AccountManagerDeps) {
  const { config, store, keychain, prompter } = deps;
  const runtimes = new Map<string, AccountRuntime>();
  // Lines carry what a server sent (a certificate's names, error texts): made inert here.
  const info = (text: string, kind: 'info' | 'error' = 'info'): void =>
    store.dispatch({ type: 'line/append', tabId: CONSOLE_TAB_ID, kind, text: sanitizeText(text) });

  const passwordSource = (settings: AccountSettings): (() => Promise<string>) => {
    // A typed password is kept in memory for reconnects of this run only.
    let typed: string | undefined;
    return async () => {
      if (typed !== undefined) return typed;
      const result = await resolvePassword(settings.jid, {
        stores: settings.saved ? keychain : [],
        ...(settings.passwordCommand ? { passwordCommand: settings.passwordCommand } : {}),
        prompt: (jid) => prompter.ask(`Password for ${jid}:`, { masked: true }),
      });
      for (const notice of result.notices) info(`${settings.jid}: ${notice}`);
      if (!result.ok) throw new Error(result.reason);
      if (result.source === 'prompt') {
        typed = result.password;
        if (settings.saved) void offerToSave(settings.jid, result.password);
      } else if (result.notices.length > 0) info(`${settings.jid}: using the password from the ${result.source}`);
      return result.password;
    };
  };

  const offerToSave = async (jid: string, password: string): Promise<void> => {
    const answer = await choose(prompter, `Save the password for ${jid} in the keychain? (yes/no)`, ['yes', 'no']);
    if (answer !== 'yes') return;
    try {
      const saved = await savePassword(keychain, jid, password);
      for (const notice of saved.notices) info(`${jid}: ${notice}`);
      info(`${jid}: password saved in the ${saved.store}`);
    } catch (error) {
      info(`${jid}: the password was not saved: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }
  };

  const askTrust = async (error: CertificateError): Promise<'always' | 'once' | 'refuse'> => {
    const d = error.details;
    info(`Certificate of ${error.host}: ${d.reason}\n  SHA-256 ${d.fingerprint}\n  issued to ${d.subject} by ${d.issuer}, valid ${d.validFrom} to ${d.validTo}`, 'error');
    const answer = await choose(prompter, 'Trust this certificate? (always/once/refuse)', ['always', 'once', 'refuse']);
    return answer === 'always' || answer === 'once' ? answer : 'refuse';
  };

  const start = (settings: AccountSettings): AccountRuntime => {
    const runtime = createAccountRuntime(settings, {
      store,
      tabs: deps.tabs,
      history: deps.history,
      getPassword: passwordSource(settings),
      onUntrustedCertificate: askTrust,
      ...(deps.onEvent ? { onEvent: deps.onEvent } : {}),
      onLearnt: (patch) => {
        if (settings.saved) putAccount(config, settings.jid, patch);
      },
    });
    runtimes.set(settings.jid, runtime);
    runtime.connect();
    return runtime;
  };

  const known = (jid: string): AccountSettings | undefined => {
    if (deps.oneRun?.jid === jid) return deps.oneRun;
    const account = configuredAccounts(config)[jid];
    return account ? settingsFromConfig(jid, account) : undefined;
  };

  const pick = (jid: string | undefined): string => {
    const chosen = jid === undefined ? defaultJid() : bareJid(jid);
    if (!chosen) throw new Error('there is no account yet: add one with /account add name@server');
    if (!known(chosen)) throw new Error(`${chosen} is not an account here; see /account list`);
    return chosen;
  };

  /** The runtime of the account that is in `room`. */
  const roomRuntime = (room: string): AccountRuntime => {
    const account = store.getState().rooms[room]?.account;
    const runtime = account ? runtimes.get(account) : undefined;
    if (!runtime) throw new Error(`not in ${room}; /join ${room} first`);
    return runtime;
  };

  const defaultJid = (): string | undefined => deps.oneRun?.jid ?? defaultAccount(config);

  /** The running account `jid` (picked as `pick` does); an error saying how to enable it otherwise. */
  const enabled = (jid: string | undefined): AccountRuntime => {
    const from = pick(jid);
    const runtime = runtimes.get(from);
    if (!runtime) throw new Error(`${from} is disabled; /account enable ${from} first`);
    return runtime;
  };

  const api: ClientApi = {
    async sendMessage(to, body, account) {
      const runtime = enabled(account ?? deps.tabs.accountOf(chatTabId(to)));
      runtime.sendMessage(to, body);
    },
    async correct(peer, body, account) {
      const runtime = enabled(account ?? deps.tabs.accountOf(chatTabId(peer)));
      await runtime.correct(peer, body);
    },
    async olderFromArchive(peer, account) {
      const runtime = enabled(account ?? deps.tabs.accountOf(chatTabId(peer)));
      return runtime.olderFromArchive(peer);
    },
    typing(peer, hasText, account) {
      const from = account ?? defaultJid();
      if (from) runtimes.get(from)?.typing(peer, hasText);
    },
    chatFocus(peer, change, account) {
      const from = account ?? defaultJid();
      if (from) runtimes.get(from)?.chatFocus(peer, change);
    },
    search: (words, peer) =>
      deps.history.search(words, { limit: 200, ...(peer ? { peer } : {}) }).map((h) => ({
        id: h.id, account: h.account, peer: h.peer, direction: h.direction, at: h.at, snippet: h.snippet,
      })),
    aliases: () => ({ ...config.get('aliases') }),
    setAlias(name, expansion) {
      const aliases = { ...config.get('aliases') };
      if (expansion === undefined) delete aliases[name];
      else aliases[name] = expansion;
      config.set('aliases', aliases);
    },
    accounts(): AccountInfo[] {
      const saved = configuredAccounts(config);
      const list: AccountInfo[] = Object.entries(saved).map(([jid, a]) => ({
        jid,
        state: runtimes.get(jid)?.state() ?? { kind: 'offline' },
        enabled: a.enabled !== false,
        isDefault: jid === defaultJid(),
        server: a.host ? `${a.host}:${a.port ?? (a.directTls ? 5223 : 5222)}` : 'from DNS',
        saved: true,
      }));
      const one = deps.oneRun;
      if (one && !(one.jid in saved)) {
        list.unshift({
          jid: one.jid,
          state: runtimes.get(one.jid)?.state() ?? { kind: 'offline' },
          enabled: true,
          isDefault: true,
          server: one.host ? `${one.host}:${one.port ?? (one.directTls ? 5223 : 5222)}` : 'from DNS',
          saved: false,
        });
      }
      return list;
    },
    async addAccount(written, options) {
      const jid = bareJid(written);
      if (written.includes('/') || !isBareJid(jid)) throw new Error(`"${written}" is not a bare JID; write it as name@server`);
      if (configuredAccounts(config)[jid]) throw new Error(`${jid} is already an account; see /account list`);
      putAccount(config, jid, { ...options, enabled: true });
      if (!config.get('defaultAccount')) config.set('defaultAccount', jid);
      start(settingsFromConfig(jid, configuredAccounts(config)[jid] ?? {}));
      return `added ${jid}; connecting (you will be asked for its password unless the keychain has it)`;
    },
    async removeAccount(jid) {
      const target = bareJid(jid);
      await runtimes.get(target)?.disconnect();
      runtimes.delete(target);
      if (!removeAccount(config, target)) throw new Error(`${target} is not a saved account; see /account list`);
      const stores = await forgetPassword(keychain, target);
      store.dispatch({ type: 'roster/set', account: target, contacts: [] });
      return `removed ${target}${stores.length ? ` and its password from the ${stores.join(' and ')}` : ''}; its history is kept`;
    },
    async setEnabled(jid, enabled) {
      const target = pick(jid);
      if (!configuredAccounts(config)[target]) throw new Error(`${target} is not saved in the config (it was given with --jid)`);
      putAccount(config, target, { enabled });
      if (enabled) {
        const settings = known(target);
        if (settings && !runtimes.has(target)) start(settings);
        else runtimes.get(target)?.connect();
        return `${target} enabled; connecting`;
      }
      await runtimes.get(target)?.disconnect();
      runtimes.delete(target);
      return `${target} disabled; it stays offline until /account enable ${target}`;
    },
    setDefault(jid) {
      const target = pick(jid);
      if (!configuredAccounts(config)[target]) throw new Error(`${target} is not saved in the config (it was given with --jid)`);
      config.set('defaultAccount', target);
      return `${target} is now the default account`;
    },
    connect(jid) {
      const target = pick(jid);
      const runtime = runtimes.get(target);
      if (!runtime) throw new Error(`${target} is disabled; /account enable ${target} connects it`);
      runtime.connect();
      return `connecting ${target}`;
    },
    async joinRoom(room, nick, password, account) {
      const runtime = enabled(account);
      const from = runtime.jid;
      const current = store.getState().rooms[room];
      if (current?.joined && current.account === from && (nick === undefined || nick === current.nick)) return `already in ${room} as ${current.nick}`;
      return runtime.rooms.join(room, nick ?? from.slice(0, from.indexOf('@')), password);
    },
    async leaveRoom(room) {
      return roomRuntime(room).rooms.leave(room);
    },
    async sayInRoom(room, body) {
      await roomRuntime(room).rooms.say(room, body);
    },
    async sendPrivate(room, nick, body) {
      await roomRuntime(room).rooms.sendPrivate(room, nick, body);
    },
    subscriptionRequests: () => [...new Set([...runtimes.values()].flatMap((r) => r.subscriptionRequests()))],
    async answerSubscription(jid, approve, account) {
      const asked = [...runtimes.values()].find((r) => r.subscriptionRequests().includes(jid));
      const runtime = account === undefined && asked ? asked : enabled(account);
      await runtime.answerSubscription(jid, approve);
      return approve ? `${jid} may now see your presence (${runtime.jid})` : `refused ${jid} (${runtime.jid}); they do not see your presence`;
    },
    async entityTime(jid, account) {
      // A contact is asked from the running account whose contact they are: they answer their contacts.
      const contact = bareJid(jid);
      const holder = store.getState().roster.find((c) => c.jid === contact && c.account !== undefined && runtimes.has(c.account))?.account;
      return askEntityTime(enabled(account ?? holder ?? deps.tabs.accountOf(chatTabId(contact))), jid);
    },
    xmlConsole(jid) {
      const runtime = enabled(jid);
      runtime.traceXml(openXmlConsole(store, runtime.jid, () => runtime.traceXml(undefined)));
      return xmlTabId(runtime.jid);
    },
    async disconnect(jid) {
      const target = pick(jid);
      const runtime = runtimes.get(target);
      if (!runtime) throw new Error(`${target} is not connected`);
      await runtime.disconnect();
      return `${target} is offline; /connect ${target} to come back`;
    },
  };

  return {
    api,
    defaultJid,
    /** Connects the --jid account, or every enabled account in the config. */
    startAll(): void {
      if (deps.oneRun) {
        start(deps.oneRun);
        return;
      }
      for (const [jid, account] of Object.entries(configuredAccounts(config))) {
        if (account.enabled !== false) start(settingsFromConfig(jid, account));
      }
    },
    hasAccounts: (): boolean => deps.oneRun !== undefined || Object.keys(configuredAccounts(config)).length > 0,
    async stopAll(): Promise<void> {
      prompter.cancelAll();
      await Promise.all([...runtimes.values()].map((r) => r.disconnect()));
    },
  };
}

export type AccountManager = ReturnType<typeof createAccountManager>;
