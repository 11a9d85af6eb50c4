import type { SecretStore } from './secret-store.js';

/** A SecretStore in memory, for tests and for --jid one-run logins that save nothing. */
export function memoryStore(name = 'memory'): SecretStore {
  const secrets = new Map<string, string>();
  return {
    name,
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => void secrets.set(account, secret),
    delete: async (account) => secrets.delete(account),
  };
}
