import { AsyncEntry } from '@napi-rs/keyring';
import { SecretStoreUnavailableError, type SecretStore } from './secret-store.js';
import { withTimeout } from './with-timeout.js';

export const KEYRING_SERVICE = 'natter';
/** A Secret Service call can block on an unlock prompt; treat a slow one as unavailable. */
export const KEYRING_TIMEOUT_MS = 3000;

/**
 * The OS keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on
 * Windows) through @napi-rs/keyring: service "natter", account = bare JID. Errors are
 * reported as SecretStoreUnavailableError and never retried (measured: every failure mode
 * throws within milliseconds; see shared/reference/keychain.md). The Linux kernel keyring
 * is kernel-keyring-store.ts.
 */
export function keyringStore(options: { service?: string; timeoutMs?: number } = {}): SecretStore {
  const { service = KEYRING_SERVICE, timeoutMs = KEYRING_TIMEOUT_MS } = options;
  const name = process.platform !== 'linux' ? 'OS keychain' : 'Secret Service';
  // Pinned to one store: the fallback order is natter's decision, stated to the user.
  const entry = (account: string): AsyncEntry => new AsyncEntry(service, account, { linux: { store: 'secret-service' } });
  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await withTimeout(fn(), timeoutMs, () => new SecretStoreUnavailableError(name, `no answer within ${timeoutMs} ms (${what})`));
    } catch (error) {
      if (error instanceof SecretStoreUnavailableError) throw error;
      throw new SecretStoreUnavailableError(name, whyUnavailable(error));
    }
  };
  return {
    name,
    get: (account) => call('read', async () => (await entry(account).getPassword()) ?? null),
    set: (account, secret) => call('write', () => entry(account).setPassword(secret)),
    delete: (account) => call('delete', () => entry(account).deleteCredential()),
  };
}

/**
 * The library's reason, or in words a person can act on when the cause is plain: over SSH
 * there is no D-Bus session bus, and the library's "Platform failure: DBus error: Using X11
 * for dbus-daemon autolaunch was disabled…" says that badly.
 */
function whyUnavailable(error: unknown): string {
  if (process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS) return 'there is no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set, as over SSH)';
  return error instanceof Error ? error.message : String(error);
}
