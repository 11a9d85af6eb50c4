import { readFileSync } from 'node:fs';
import { Entry } from '@napi-rs/keyring';
import { KEYRING_SERVICE } from './keyring-store.js';
import { SecretStoreUnavailableError, type SecretStore } from './secret-store.js';

/** How long the kernel keeps a persistent keyring nobody asks for (keyrings(7)); absent when the kernel has none. */
export const PERSISTENT_KEYRING_EXPIRY = '/proc/sys/kernel/keys/persistent_keyring_expiry';

/**
 * The Linux kernel keyring (keyutils) through @napi-rs/keyring: it works without D-Bus, so
 * over SSH. The library adds the key to the session keyring and links it into the user's
 * persistent keyring (persistent-keyring(7)), which outlives the login: that link is what
 * lets a later natter, in another login, find the password.
 *
 * A login without pam_keyinit (Debian's sshd, for one) gives its processes no session
 * keyring; the kernel hands them the user-session keyring @us on first use. Measured with
 * strace: the library's first Entry then writes to @us and asks for the persistent keyring
 * to be linked into "the session keyring", and the kernel answers that by giving the
 * thread a new, empty session keyring. The key written to @us is then no longer possessed,
 * so linking it into the persistent keyring fails (EACCES) and a read searches @us, where
 * the persistent keyring is not: the password is lost at the next run. A first Entry that
 * is thrown away settles the thread's session keyring; the second one works through the
 * persistent keyring. Session keyrings belong to a thread, so every call is synchronous, on
 * the main thread (they take microseconds; there is no D-Bus to wait for).
 */
export function kernelKeyringStore(options: { service?: string; expiryFile?: string } = {}): SecretStore {
  const { service = KEYRING_SERVICE, expiryFile = PERSISTENT_KEYRING_EXPIRY } = options;
  const name = 'kernel keyring';
  const expirySeconds = readExpiry(expiryFile);
  const lifetime =
    expirySeconds === undefined
      ? undefined
      : `your user's persistent keyring: it outlives this login, and is cleared at reboot or when natter has not used it for ${duration(expirySeconds)}`;
  const entry = (account: string): Entry => {
    if (expirySeconds === undefined) {
      // Without a persistent keyring the key would live only as long as this session keyring:
      // at worst until natter exits. Better to say so than to store it.
      throw new SecretStoreUnavailableError(name, `this kernel keeps no persistent keyrings (${expiryFile} is missing), so a password would not outlive natter`);
    }
    new Entry(service, account, { linux: { store: 'keyutils' } });
    return new Entry(service, account, { linux: { store: 'keyutils' } });
  };
  const call = async <T>(fn: () => T): Promise<T> => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof SecretStoreUnavailableError) throw error;
      throw new SecretStoreUnavailableError(name, error instanceof Error ? error.message : String(error));
    }
  };
  return {
    name,
    ...(lifetime ? { lifetime } : {}),
    get: (account) => call(() => entry(account).getPassword() ?? null),
    set: (account, secret) =>
      call(() => {
        const target = entry(account);
        try {
          target.setPassword(secret);
        } catch (error) {
          // The library adds the key, then links it into the persistent keyring: a failure
          // between the two would leave the password behind while natter says "not saved".
          forgetQuietly(target);
          throw error;
        }
      }),
    delete: (account) => call(() => entry(account).deleteCredential()),
  };
}

function forgetQuietly(target: Entry): void {
  try {
    target.deleteCredential();
  } catch {
    // Nothing was there to take back.
  }
}

function readExpiry(file: string): number | undefined {
  try {
    const seconds = Number(readFileSync(file, 'utf8').trim());
    return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
  } catch {
    return undefined;
  }
}

/** 259200 → "3 days", 7200 → "2 hours", 90 → "90 seconds". */
export function duration(seconds: number): string {
  const unit = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds % 86_400 === 0) return unit(seconds / 86_400, 'day');
  if (seconds % 3600 === 0) return unit(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return unit(seconds / 60, 'minute');
  return unit(seconds, 'second');
}
