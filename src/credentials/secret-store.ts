/** Where account passwords live. Implementations never log or echo a secret. */
export interface SecretStore {
  /** A short name for messages: "Secret Service", "kernel keyring". */
  readonly name: string;
  /** Where exactly and for how long it keeps a password, when that is not for good (the kernel keyring). */
  readonly lifetime?: string;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

/** The store could not be reached (no D-Bus session over SSH, locked keyring, timeout). */
export class SecretStoreUnavailableError extends Error {
  constructor(store: string, reason: string) {
    super(`${store} is not available: ${reason}`);
    this.name = 'SecretStoreUnavailableError';
  }
}
