import type { AccountConfig } from '../../config/schema.js';
import type { OwnPresence } from '../../domain/own-presence.js';

/** An account given on the command line (--jid ...): used for one run, nothing saved. */
export interface OneRunAccount {
  jid: string;
  host?: string;
  port?: number;
  directTls: boolean;
  caFile?: string;
  passwordCommand?: string;
}

/** Everything needed to connect one account: from the config, or from --jid for one run. */
export interface AccountSettings extends OneRunAccount {
  pinnedCertificates: string[];
  mechanism?: string;
  /** One-run accounts (--jid) save nothing: no pins, no mechanism, no password. */
  saved: boolean;
  /** The presence to start with (the last one chosen, when the config says to restore it). */
  presence?: OwnPresence;
}

export function settingsFromConfig(jid: string, account: AccountConfig, restorePresence = false): AccountSettings {
  return {
    jid,
    directTls: account.directTls ?? false,
    pinnedCertificates: account.pinnedCertificates ?? [],
    saved: true,
    ...(account.host === undefined ? {} : { host: account.host }),
    ...(account.port === undefined ? {} : { port: account.port }),
    ...(account.caFile === undefined ? {} : { caFile: account.caFile }),
    ...(account.passwordCommand === undefined ? {} : { passwordCommand: account.passwordCommand }),
    ...(account.mechanism === undefined ? {} : { mechanism: account.mechanism }),
    ...(restorePresence && account.lastPresence ? { presence: { priority: 0, ...account.lastPresence } } : {}),
  };
}

export function settingsFromCli(account: OneRunAccount): AccountSettings {
  return { ...account, pinnedCertificates: [], saved: false };
}
