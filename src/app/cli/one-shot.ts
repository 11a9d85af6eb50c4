import { readFile } from 'node:fs/promises';
import { configuredAccounts, defaultAccount } from '../../config/accounts.js';
import type { ConfigStore } from '../../config/load-config.js';
import { resolvePassword } from '../../credentials/resolve-password.js';
import type { SecretStore } from '../../credentials/secret-store.js';
import { discoFeature } from '../../xmpp/features/disco/feature.js';
import { buildInitialPresence } from '../../xmpp/features/presence/build.js';
import { createXmppClient, type XmppClient } from '../../xmpp/session/create-client.js';
import { randomResource } from '../../xmpp/session/resource.js';
import { settingsFromCli, settingsFromConfig, type AccountSettings } from '../../client/account/account-settings.js';
import type { AccountChoice } from './cli.js';
import { ExitCode } from './exit-codes.js';
import { mayAnswerQuery } from '../../client/privacy/may-tell.js';
import { natterVersion } from '../../client/natter-version.js';
import type { LineDelivery } from '../../domain/line.js';
import type { MessageHistory } from '../../history/message-history.js';
import { createStore } from '../../store/create-store.js';
import { initialState } from '../../store/state.js';
import { createChatTabs } from '../../client/conversations/chat-tabs.js';
import { createOutbox, type Outbox } from '../../client/outbox/outbox.js';

/** A failure of a one-shot command, with the exit code scripts rely on. */
export class OneShotError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
    this.name = 'OneShotError';
  }
}

const EXIT_BY_ERROR: Record<string, number> = {
  AuthenticationError: ExitCode.authentication,
  NoPasswordError: ExitCode.authentication,
  DowngradeError: ExitCode.authentication,
  CertificateError: ExitCode.network,
  TlsRequiredError: ExitCode.network,
  RegistrationError: ExitCode.failure,
};

export function chooseAccount(config: ConfigStore, choice: AccountChoice): AccountSettings {
  if (choice.kind === 'one-run') return settingsFromCli(choice.account);
  const jid = choice.jid ?? defaultAccount(config);
  if (!jid) throw new OneShotError('no account: add one with natter account add JID, or pass --jid JID --password-command CMD', ExitCode.usage);
  const account = configuredAccounts(config)[jid];
  if (!account) throw new OneShotError(`${jid} is not an account (see natter account list)`, ExitCode.usage);
  return settingsFromConfig(jid, account);
}

/**
 * Logs in once for a command without a screen: no prompt (nobody to ask), no reconnect, and
 * an untrusted certificate is refused with the way to pin it. Resolves when the session is
 * ready (XEP-0198 negotiated), with available presence sent when `presence` is set.
 */
export async function loginOnce(
  settings: AccountSettings,
  keychain: readonly SecretStore[],
  options: { presence: boolean; timeoutMs?: number; register?: { password: string } },
): Promise<XmppClient> {
  const caPem = settings.caFile ? [await readFile(settings.caFile, 'utf8')] : undefined;
  const client = createXmppClient({
    jid: settings.jid,
    resource: randomResource('natter-cli'),
    directTls: settings.directTls,
    pinnedFingerprints: settings.pinnedCertificates,
    ...(settings.host === undefined ? {} : { host: settings.host }),
    ...(settings.port === undefined ? {} : { port: settings.port }),
    ...(caPem ? { caPem } : {}),
    ...(settings.mechanism ? { pinnedMechanism: settings.mechanism } : {}),
    ...(options.register ? { register: true } : {}),
    async getPassword() {
      if (options.register) return options.register.password;
      const result = await resolvePassword(settings.jid, {
        stores: settings.saved ? keychain : [],
        ...(settings.passwordCommand ? { passwordCommand: settings.passwordCommand } : {}),
      });
      if (!result.ok) throw new Error(result.reason);
      return result.password;
    },
  });
  client.reconnect.stop();
  client.on('error', () => undefined); // start() rejects with the same error
  // Its presence carries caps: answer for them, but only to the account itself and its server
  // (no roster here to know who else may learn that this session is online).
  discoFeature(client, { version: natterVersion(), mayAnswer: (from) => mayAnswerQuery(settings.jid, from, () => false) });
  const ready = new Promise<void>((resolve) => client.once('session-ready', () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OneShotError(`no session with the server within ${(options.timeoutMs ?? 30_000) / 1000} s`, ExitCode.network)), options.timeoutMs ?? 30_000);
  });
  try {
    await Promise.race([client.start().then(() => ready), timeout]);
  } catch (error) {
    await client.shutdown();
    if (error instanceof OneShotError) throw error;
    const name = error instanceof Error ? error.name : '';
    const message = error instanceof Error ? error.message : String(error);
    const hint = name === 'CertificateError' ? `\nTo trust it, add the fingerprint to "pinnedCertificates" of ${settings.jid} in the config file, or pass --ca-file.` : '';
    throw new OneShotError(`${settings.jid}: ${message}${hint}`, EXIT_BY_ERROR[name] ?? ExitCode.network);
  } finally {
    clearTimeout(timer);
  }
  if (options.presence) await client.send(buildInitialPresence(client.caps()));
  return client;
}

/**
 * The account's outbox for a command without a screen, over its one session: what it sends is
 * stored and goes out as the screen's does; the lines the outbox shows go to a store nobody draws.
 */
export function oneShotOutbox(client: XmppClient, account: string, history: MessageHistory, onDelivery?: (id: string, delivery: LineDelivery, reason?: string) => void): Outbox {
  const store = createStore(initialState(), { intervalMs: 0 });
  return createOutbox({
    account, history, store, tabs: createChatTabs(store, undefined, () => account),
    session: {
      isOnline: () => client.isReady(), acknowledges: () => client.acknowledges(), isQueued: (id) => client.isQueued(id),
      send: (stanza) => client.send(stanza), target: (peer) => peer,
    },
    ...(onDelivery ? { onDelivery } : {}),
  });
}
