import { runPasswordCommand } from './password-command.js';
import { SecretStoreUnavailableError, type SecretStore } from './secret-store.js';

export interface PasswordSources {
  /** In order of preference: Secret Service, then the kernel keyring. */
  stores: readonly SecretStore[];
  passwordCommand?: string;
  /** Asks the person (masked); undefined when nobody can be asked (scripts, one-shot send). */
  prompt?: (jid: string) => Promise<string | undefined>;
}

export type PasswordResult =
  | { ok: true; password: string; source: string; notices: string[] }
  | { ok: false; reason: string; notices: string[] };

/**
 * The password for `jid`, from the first source that has one: each keychain store in turn
 * (an unavailable one is noted and skipped, never retried), then the password command, then
 * the prompt. Notices say which store was unusable, so the user knows where natter looked.
 */
export async function resolvePassword(jid: string, sources: PasswordSources): Promise<PasswordResult> {
  const notices: string[] = [];
  for (const store of sources.stores) {
    try {
      const password = await store.get(jid);
      if (password !== null) return { ok: true, password, source: store.name, notices };
    } catch (error) {
      if (!(error instanceof SecretStoreUnavailableError)) throw error;
      notices.push(error.message);
    }
  }
  if (sources.passwordCommand) {
    try {
      return { ok: true, password: await runPasswordCommand(sources.passwordCommand), source: 'password command', notices };
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error), notices };
    }
  }
  if (sources.prompt) {
    const password = await sources.prompt(jid);
    if (password) return { ok: true, password, source: 'prompt', notices };
    return { ok: false, reason: 'no password was entered', notices };
  }
  return {
    ok: false,
    reason: `no password for ${jid}: store one with "natter account password ${jid}" or set a passwordCommand`,
    notices,
  };
}
