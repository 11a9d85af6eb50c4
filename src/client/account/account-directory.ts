import { configuredAccounts, defaultAccount } from '../../config/accounts.js';
import type { ConfigStore } from '../../config/load-config.js';
import { bareJid } from '../../domain/jid.js';
import type { Store } from '../../store/create-store.js';
import type { AccountRuntime } from './account-runtime.js';
import { settingsFromConfig, type AccountSettings } from './account-settings.js';

/**
 * The accounts of one running natter and how a request finds the one it is for: by name, the
 * default, the one in a room. Every error says what to do. Each feature's slice of the command
 * API (chat-api.ts, rooms-api.ts, ...) reaches accounts through this.
 */
export function accountDirectory(deps: { config: ConfigStore; store: Store; oneRun?: AccountSettings | undefined; start(settings: AccountSettings): AccountRuntime }) {
  const { config, store } = deps;
  const runtimes = new Map<string, AccountRuntime>();
  const defaultJid = (): string | undefined => deps.oneRun?.jid ?? defaultAccount(config);
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
  return {
    runtimes,
    defaultJid,
    known,
    pick,
    /** The running account `jid` (picked as `pick` does); an error saying how to enable it otherwise. */
    enabled(jid: string | undefined): AccountRuntime {
      const from = pick(jid);
      const runtime = runtimes.get(from);
      if (!runtime) throw new Error(`${from} is disabled; /account enable ${from} first`);
      return runtime;
    },
    /** The runtime of the account that is in `room`. */
    inRoom(room: string): AccountRuntime {
      const account = store.getState().rooms[room]?.account;
      const runtime = account ? runtimes.get(account) : undefined;
      if (!runtime) throw new Error(`not in ${room}; /join ${room} first`);
      return runtime;
    },
    /** Starts (connects) an account and keeps its runtime. */
    start(settings: AccountSettings): AccountRuntime {
      const runtime = deps.start(settings);
      runtimes.set(settings.jid, runtime);
      runtime.connect();
      return runtime;
    },
    running: (): AccountRuntime[] => [...runtimes.values()],
  };
}

export type AccountDirectory = ReturnType<typeof accountDirectory>;
