import type { ConfigStore } from './load-config.js';
import type { AccountConfig } from './schema.js';

/**
 * The accounts section of the config. JIDs contain dots, which conf reads as key paths, so
 * the section is always read and written as a whole object.
 */
export function configuredAccounts(config: ConfigStore): Record<string, AccountConfig> {
  return { ...config.get('accounts') };
}

export function putAccount(config: ConfigStore, jid: string, patch: AccountConfig): AccountConfig {
  const accounts = accountsWith(config, jid, patch);
  config.set('accounts', accounts);
  return accounts[jid]!;
}

/** The accounts section with the patch merged into JID's entry (undefined values dropped), not yet written. */
export function accountsWith(config: ConfigStore, jid: string, patch: AccountConfig): Record<string, AccountConfig> {
  const accounts = configuredAccounts(config);
  const merged = { ...accounts[jid], ...patch };
  for (const key of Object.keys(merged) as (keyof AccountConfig)[]) if (merged[key] === undefined) delete merged[key];
  return { ...accounts, [jid]: merged };
}

/** Removes the account (and makes another one the default if it was). False if unknown. */
export function removeAccount(config: ConfigStore, jid: string): boolean {
  const accounts = configuredAccounts(config);
  if (!(jid in accounts)) return false;
  delete accounts[jid];
  config.set('accounts', accounts);
  if (config.get('defaultAccount') === jid) {
    const next = Object.keys(accounts)[0];
    if (next) config.set('defaultAccount', next);
    else config.delete('defaultAccount');
  }
  return true;
}

/** The default account: the configured one if it still exists, else the first enabled. */
export function defaultAccount(config: ConfigStore): string | undefined {
  const accounts = configuredAccounts(config);
  const chosen = config.get('defaultAccount');
  if (chosen && chosen in accounts) return chosen;
  return Object.entries(accounts).find(([, a]) => a.enabled !== false)?.[0];
}
