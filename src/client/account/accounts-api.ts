import type { AccountInfo, ClientApi } from '../../commands/types.js';
import { configuredAccounts, putAccount, removeAccount } from '../../config/accounts.js';
import type { ConfigStore } from '../../config/load-config.js';
import type { AccountConfig } from '../../config/schema.js';
import { forgetPassword } from '../../credentials/keychain.js';
import type { SecretStore } from '../../credentials/secret-store.js';
import { bareJid, isBareJid } from '../../domain/jid.js';
import type { Store } from '../../store/create-store.js';
import { openXmlConsole } from '../xml-console/xml-console.js';
import { tabIdOf } from '../../domain/tab-address.js';
import type { AccountDirectory } from './account-directory.js';
import { settingsFromConfig, type AccountSettings } from './account-settings.js';

type AccountsApi = Pick<ClientApi,
  'accounts' | 'addAccount' | 'removeAccount' | 'setEnabled' | 'setDefault' | 'connect' | 'disconnect' | 'xmlConsole' | 'aliases' | 'setAlias'>;

/** The command API's accounts and settings: the config is the source of truth for saved accounts. */
export function accountsApi(accounts: AccountDirectory, deps: { config: ConfigStore; store: Store; keychain: readonly SecretStore[]; oneRun?: AccountSettings | undefined }): AccountsApi {
  const { config, store } = deps;
  const saved = (jid: string): string => {
    const target = accounts.pick(jid);
    if (!configuredAccounts(config)[target]) throw new Error(`${target} is not saved in the config (it was given with --jid)`);
    return target;
  };
  const stop = async (jid: string): Promise<void> => {
    await accounts.runtimes.get(jid)?.disconnect();
    accounts.runtimes.delete(jid);
  };
  return {
    accounts: () => accountList(accounts, config, deps.oneRun),
    async addAccount(written, options) {
      const jid = bareJid(written);
      if (written.includes('/') || !isBareJid(jid)) throw new Error(`"${written}" is not a bare JID; write it as name@server`);
      if (configuredAccounts(config)[jid]) throw new Error(`${jid} is already an account; see /account list`);
      putAccount(config, jid, { ...options, enabled: true });
      if (!config.get('defaultAccount')) config.set('defaultAccount', jid);
      accounts.start(settingsFromConfig(jid, configuredAccounts(config)[jid] ?? {}));
      return `added ${jid}; connecting (you will be asked for its password unless the keychain has it)`;
    },
    async removeAccount(jid) {
      const target = bareJid(jid);
      await stop(target);
      if (!removeAccount(config, target)) throw new Error(`${target} is not a saved account; see /account list`);
      const stores = await forgetPassword(deps.keychain, target);
      store.dispatch({ type: 'roster/set', account: target, contacts: [] });
      store.dispatch({ type: 'connection/forget', account: target });
      return `removed ${target}${stores.length ? ` and its password from the ${stores.join(' and ')}` : ''}; its history is kept`;
    },
    async setEnabled(jid, enabled) {
      const target = saved(jid);
      putAccount(config, target, { enabled });
      if (!enabled) {
        await stop(target);
        return `${target} disabled; it stays offline until /account enable ${target}`;
      }
      const settings = accounts.known(target);
      if (settings && !accounts.runtimes.has(target)) accounts.start(settings);
      else accounts.runtimes.get(target)?.connect();
      return `${target} enabled; connecting`;
    },
    setDefault(jid) {
      const target = saved(jid);
      config.set('defaultAccount', target);
      return `${target} is now the default account`;
    },
    connect(jid) {
      const target = accounts.pick(jid);
      const runtime = accounts.runtimes.get(target);
      if (!runtime) throw new Error(`${target} is disabled; /account enable ${target} connects it`);
      runtime.connect();
      return `connecting ${target}`;
    },
    async disconnect(jid) {
      const target = accounts.pick(jid);
      const runtime = accounts.runtimes.get(target);
      if (!runtime) throw new Error(`${target} is not connected`);
      await runtime.disconnect();
      return `${target} is offline; /connect ${target} to come back`;
    },
    xmlConsole(jid) {
      const runtime = accounts.enabled(jid);
      runtime.traceXml(openXmlConsole(store, runtime.jid, () => runtime.traceXml(undefined)));
      return tabIdOf({ kind: 'xml', account: runtime.jid });
    },
    aliases: () => ({ ...config.get('aliases') }),
    setAlias(name, expansion) {
      const aliases = { ...config.get('aliases') };
      if (expansion === undefined) delete aliases[name];
      else aliases[name] = expansion;
      config.set('aliases', aliases);
    },
  };
}

/** /account list: the saved accounts, and the --jid one of this run first when it is not saved. */
function accountList(accounts: AccountDirectory, config: ConfigStore, oneRun: AccountSettings | undefined): AccountInfo[] {
  const info = (jid: string, a: Pick<AccountConfig, 'host' | 'port' | 'directTls'>, extra: Pick<AccountInfo, 'enabled' | 'isDefault' | 'saved'>): AccountInfo => ({
    jid,
    state: accounts.runtimes.get(jid)?.state() ?? { kind: 'offline' },
    server: a.host ? `${a.host}:${a.port ?? (a.directTls ? 5223 : 5222)}` : 'from DNS',
    ...extra,
  });
  const saved = configuredAccounts(config);
  const list = Object.entries(saved).map(([jid, a]) => info(jid, a, { enabled: a.enabled !== false, isDefault: jid === accounts.defaultJid(), saved: true }));
  if (oneRun && !(oneRun.jid in saved)) list.unshift(info(oneRun.jid, oneRun, { enabled: true, isDefault: true, saved: false }));
  return list;
}
