import { AsyncEntry, type LinuxStore } from '@napi-rs/keyring';
import { SecretStoreUnavailableError, type SecretStore } from './secret-store.js';
import { withTimeout } from './with-timeout.js';

export const KEYRING_SERVICE = 'natter';
/** A Secret Service call can block on an unlock prompt; treat a slow one as unavailable. */
export const KEYRING_TIMEOUT_MS = 3000;

/**
 * The OS keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on
 * Windows) through @napi-rs/keyring: service "natter", account = bare JID. Errors are
 * reported as SecretStoreUnavailableError and never retried (measured: every failure mode
 * throws within milliseconds; see shared/reference/keychain.md).
 */
export function keyringStore(
  options: { linuxStore?: LinuxStore; service?: string; timeoutMs?: number } = {},
): SecretStore {
  const { linuxStore = 'secret-service', service = KEYRING_SERVICE, timeoutMs = KEYRING_TIMEOUT_MS } = options;
  const name =
    process.platform !== 'linux' ? 'OS keychain' : linuxStore === 'keyutils' ? 'kernel keyring (until reboot)' : 'Secret Service';
  // Pinned to one store: the fallback order is natter's decision, stated to the user.
  const entry = (account: string): AsyncEntry => new AsyncEntry(service, account, { linux: { store: linuxStore } });
  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await withTimeout(fn(), timeoutMs, () => new SecretStoreUnavailableError(name, `no answer within ${timeoutMs} ms (${what})`));
    } catch (error) {
      if (error instanceof SecretStoreUnavailableError) throw error;
      throw new SecretStoreUnavailableError(name, error instanceof Error ? error.message : String(error));
    }
  };
  return {
    name,
    get: (account) => call('read', async () => (await entry(account).getPassword()) ?? null),
    set: (account, secret) => call('write', () => entry(account).setPassword(secret)),
    delete: (account) => call('delete', () => entry(account).deleteCredential()),
  };
}
