import type { CertificateError } from '../../xmpp/session/errors.js';
import type { AccountSettings } from './account-settings.js';

/**
 * What an account trusts beyond the CAs: the certificates pinned in its config, and those the
 * person trusted for this run only. A certificate natter could not verify is offered to the
 * person (`ask`) unless the account pinned one already: a pinned certificate that changed is
 * never offered for trust again here (it may be an attack; the error says so).
 */
export function certificateTrust(deps: {
  settings: AccountSettings;
  ask?(error: CertificateError): Promise<'always' | 'once' | 'refuse'>;
  /** A certificate pinned for good (saved accounts): the config keeps it. */
  onPinned(pins: string[]): void;
  consoleLine(kind: 'info' | 'error', text: string): void;
}) {
  const { settings } = deps;
  const once: string[] = [];
  return {
    /** The fingerprints to accept now (SHA-256). */
    pins: (): string[] => [...settings.pinnedCertificates, ...once],
    /** True when the person chose to trust it (the caller connects again). */
    async refused(error: CertificateError): Promise<boolean> {
      if (settings.pinnedCertificates.length > 0 || !deps.ask) return false;
      const choice = await deps.ask(error);
      if (choice === 'refuse') return false;
      const fingerprint = error.details.fingerprint;
      if (choice === 'always' && settings.saved) {
        settings.pinnedCertificates = [...settings.pinnedCertificates, fingerprint];
        deps.onPinned(settings.pinnedCertificates);
        deps.consoleLine('info', `pinned certificate ${fingerprint} in the config file`);
      } else once.push(fingerprint);
      return true;
    },
  };
}
