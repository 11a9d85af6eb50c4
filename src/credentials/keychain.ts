import { kernelKeyringStore } from './kernel-keyring-store.js';
import { keyringStore } from './keyring-store.js';
import { SecretStoreUnavailableError, type SecretStore } from './secret-store.js';

/** The README section that says how to keep passwords on a machine without a desktop. */
export const HEADLESS_README = 'see "Passwords on a headless machine" in natter\'s README';

/**
 * The stores natter keeps passwords in, in order: the Secret Service (GNOME Keyring,
 * KWallet; on macOS/Windows the system keychain), then on Linux the kernel keyring, which
 * works without D-Bus (over SSH) and keeps a password across logins, but not across a reboot
 * (kernel-keyring-store.ts).
 */
export function systemKeychain(): SecretStore[] {
  if (process.platform !== 'linux') return [keyringStore()];
  return [keyringStore(), kernelKeyringStore()];
}

export interface SavedPassword {
  store: string;
  /** The store and, when it does not keep it for good, where and for how long: said to the user. */
  where: string;
  /** False when the store forgets it (the kernel keyring at reboot). */
  lasting: boolean;
  /** Why the stores before it were skipped. */
  notices: string[];
}

/** "the Secret Service", "the kernel keyring (your user's persistent keyring: …)". */
export function placeOf(store: SecretStore): string {
  return `the ${store.name}${store.lifetime ? ` (${store.lifetime})` : ''}`;
}

/** Saves in the first store that works; throws the last store's error if none does. */
export async function savePassword(stores: readonly SecretStore[], jid: string, password: string): Promise<SavedPassword> {
  const notices: string[] = [];
  for (const store of stores) {
    try {
      await store.set(jid, password);
      return { store: store.name, where: placeOf(store), lasting: !store.lifetime, notices };
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
