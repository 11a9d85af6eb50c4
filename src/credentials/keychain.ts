import { keyringStore } from './keyring-store.js';
import { SecretStoreUnavailableError, type SecretStore } from './secret-store.js';

/**
 * The stores natter keeps passwords in, in order: the Secret Service (GNOME Keyring,
 * KWallet; on macOS/Windows the system keychain), then on Linux the kernel keyring, which
 * works without D-Bus (over SSH) but forgets everything at reboot.
 */
export function systemKeychain(): SecretStore[] {
  if (process.platform !== 'linux') return [keyringStore()];
  return [keyringStore({ linuxStore: 'secret-service' }), keyringStore({ linuxStore: 'keyutils' })];
}

export interface SavedPassword {
  store: string;
  /** Why the stores before it were skipped. */
  notices: string[];
}

/** Saves in the first store that works; throws the last store's error if none does. */
export async function savePassword(stores: readonly SecretStore[], jid: string, password: string): Promise<SavedPassword> {
  const notices: string[] = [];
  for (const store of stores) {
    try {
      await store.set(jid, password);
      return { store: store.name, notices };
    } catch (error) {
      if (!(error instanceof SecretStoreUnavailableError)) throw error;
      notices.push(error.message);
    }
  }
  throw new SecretStoreUnavailableError('The keychain', notices.join('; ') || 'no store configured');
}

/** Deletes the password from every store that has it; returns the names of those stores. */
export async function forgetPassword(stores: readonly SecretStore[], jid: string): Promise<string[]> {
  const removed: string[] = [];
  for (const store of stores) {
    try {
      if (await store.delete(jid)) removed.push(store.name);
    } catch (error) {
      if (!(error instanceof SecretStoreUnavailableError)) throw error;
    }
  }
  return removed;
}
