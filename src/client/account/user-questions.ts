import { HEADLESS_README, savePassword } from '../../credentials/keychain.js';
import { resolvePassword } from '../../credentials/resolve-password.js';
import type { SecretStore } from '../../credentials/secret-store.js';
import type { CertificateError } from '../../xmpp/session/errors.js';
import type { AccountSettings } from './account-settings.js';
import { choose, type Prompter } from './prompter.js';

type Say = (text: string, kind?: 'info' | 'error') => void;

/**
 * What an account asks the person: its password (just in time, from the keychain, the
 * account's command, or typed; a typed one is offered to the keychain and kept in memory for
 * reconnects of this run only), and whether to trust a certificate natter could not verify.
 */
export function userQuestions(deps: { keychain: readonly SecretStore[]; prompter: Prompter; say: Say }) {
  const { keychain, prompter, say } = deps;
  const offerToSave = async (jid: string, password: string): Promise<void> => {
    const answer = await choose(prompter, `Save the password for ${jid} in the keychain? (yes/no)`, ['yes', 'no']);
    if (answer !== 'yes') return;
    try {
      const saved = await savePassword(keychain, jid, password);
      for (const notice of saved.notices) say(`${jid}: ${notice}`);
      say(`${jid}: password saved in ${saved.where}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      say(`${jid}: the password was not saved (natter asks for it again at the next start): ${reason}. To keep it: ${HEADLESS_README}.`, 'error');
    }
  };
  return {
    passwordFor(settings: AccountSettings): () => Promise<string> {
      let typed: string | undefined;
      return async () => {
        if (typed !== undefined) return typed;
        const result = await resolvePassword(settings.jid, {
          stores: settings.saved ? keychain : [],
          ...(settings.passwordCommand ? { passwordCommand: settings.passwordCommand } : {}),
          prompt: (jid) => prompter.ask(`Password for ${jid}:`, { masked: true }),
        });
        for (const notice of result.notices) say(`${settings.jid}: ${notice}`);
        if (!result.ok) throw new Error(result.reason);
        if (result.source === 'prompt') {
          typed = result.password;
          if (settings.saved) void offerToSave(settings.jid, result.password);
        } else if (result.notices.length > 0) say(`${settings.jid}: using the password from the ${result.source}`);
        return result.password;
      };
    },
    async trust(error: CertificateError): Promise<'always' | 'once' | 'refuse'> {
      const d = error.details;
      say(`Certificate of ${error.host}: ${d.reason}\n  SHA-256 ${d.fingerprint}\n  issued to ${d.subject} by ${d.issuer}, valid ${d.validFrom} to ${d.validTo}`, 'error');
      const answer = await choose(prompter, 'Trust this certificate? (always/once/refuse)', ['always', 'once', 'refuse']);
      return answer === 'always' || answer === 'once' ? answer : 'refuse';
    },
  };
}
