import { accountsWith, configuredAccounts, defaultAccount, removeAccount } from '../../config/accounts.js';
import type { ConfigStore } from '../../config/load-config.js';
import { forgetPassword, HEADLESS_README, savePassword, type SavedPassword } from '../../credentials/keychain.js';
import type { SecretStore } from '../../credentials/secret-store.js';
import { settingsFromCli } from '../../client/account/account-settings.js';
import type { AccountAction, OneRunAccount } from './cli.js';
import { loginOnce, OneShotError } from './one-shot.js';
import { ExitCode } from './exit-codes.js';
import { readSecret } from './read-secret.js';
import { notKeptLines, savedLine } from './account-password.js';
import type { RunningAnswer } from './ask-running-natter.js';
import { sanitizeText } from '../../domain/sanitize.js';

interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  readPassword(prompt: string): Promise<string | undefined>;
}

const defaultIo: Io = { out: process.stdout, err: process.stderr, readPassword: (prompt) => readSecret(prompt) };

/** Runs a command in the natter running now, if one is (see askRunningNatter). */
export type AskRunning = (command: string) => Promise<RunningAnswer | undefined>;

/**
 * `natter account list|add|password|remove`: the config and the keychain, without the UI. A
 * remove while natter runs is done by that natter (`running`), so it also stops the account
 * and takes it off its status line; it falls back to doing it here when that natter refuses.
 */
export async function runAccountCommand(command: AccountAction, config: ConfigStore, keychain: readonly SecretStore[], io: Io = defaultIo, running?: AskRunning): Promise<number> {
  switch (command.action) {
    case 'list': {
      const accounts = configuredAccounts(config);
      const chosen = defaultAccount(config);
      if (Object.keys(accounts).length === 0) {
        io.err.write('No accounts yet. Add one with: natter account add name@server\n');
        return ExitCode.ok;
      }
      for (const [jid, a] of Object.entries(accounts)) {
        const server = a.host ? `${a.host}:${a.port ?? (a.directTls ? 5223 : 5222)}` : 'server from DNS';
        const flags = [jid === chosen ? 'default' : '', a.enabled === false ? 'disabled' : '', a.passwordCommand ? 'password command' : ''].filter(Boolean);
        io.out.write(`${jid}\t${server}${flags.length ? `\t${flags.join(', ')}` : ''}\n`);
      }
      return ExitCode.ok;
    }
    case 'add': {
      const { jid } = command.account;
      if (configuredAccounts(config)[jid]) {
        io.err.write(`natter: ${jid} is already an account. Change its password with: natter account password ${jid}\n`);
        return ExitCode.failure;
      }
      if (command.account.passwordCommand) {
        addToConfig(config, command.account);
        io.err.write(`Added ${jid} to ${config.path}.\n`);
        return ExitCode.ok;
      }
      return addWithPassword(command.account, config, keychain, io);
    }
    case 'register':
      return register(command.account, config, keychain, io);
    case 'password':
      if (!configuredAccounts(config)[command.jid]) {
        io.err.write(`natter: ${command.jid} is not an account. Add it with: natter account add ${command.jid}\n`);
        return ExitCode.failure;
      }
      return changePassword(command.jid, keychain, io);
    case 'remove': {
      const answer = await running?.(`/account remove ${command.jid}`);
      if (answer?.ok) {
        io.err.write(`natter (running): ${sanitizeText(answer.text ?? `removed ${command.jid}`)}\n`);
        return ExitCode.ok;
      }
      if (!removeAccount(config, command.jid)) {
        io.err.write(`natter: ${command.jid} is not an account (see natter account list).\n`);
        return ExitCode.failure;
      }
      const stores = await forgetPassword(keychain, command.jid);
      io.err.write(`Removed ${command.jid}${stores.length ? ` and its password from the ${stores.join(' and ')}` : ''}; its history is kept.\n`);
      return ExitCode.ok;
    }
  }
}

/** XEP-0077: creates the account on the server, then saves it like `add` (password in the keychain). */
async function register(account: OneRunAccount, config: ConfigStore, keychain: readonly SecretStore[], io: Io): Promise<number> {
  const { jid, passwordCommand: _unused, ...settings } = account;
  if (configuredAccounts(config)[jid]) {
    io.err.write(`natter: ${jid} is already an account here.\n`);
    return ExitCode.failure;
  }
  const password = await io.readPassword(`New password for ${jid}: `);
  if (!password) {
    io.err.write('natter: no password was entered; nothing registered.\n');
    return ExitCode.failure;
  }
  const again = await io.readPassword('The same password again: ');
  if (again !== undefined && again !== password) {
    io.err.write('natter: the two passwords differ; nothing registered.\n');
    return ExitCode.failure;
  }
  try {
    const client = await loginOnce(settingsFromCli(account), [], { presence: false, register: { password } });
    await client.shutdown();
  } catch (error) {
    if (!(error instanceof OneShotError)) throw error;
    io.err.write(`natter: ${error.message}\n`);
    return error.code;
  }
  addToConfig(config, { ...settings, jid });
  io.err.write(`Registered ${jid} on the server and added it to ${config.path}.\n`);
  try {
    const saved = await savePassword(keychain, jid, password);
    for (const notice of saved.notices) io.err.write(`${notice}\n`);
    io.err.write(savedLine(jid, saved));
  } catch (error) {
    // The account exists on the server now, so it stays in the config: only the password is not kept.
    const reason = error instanceof Error ? error.message : String(error);
    io.err.write(`natter: the password was not saved (${reason}); natter will ask for it at every login. To keep it: ${HEADLESS_README}.\n`);
  }
  return ExitCode.ok;
}

/**
 * One write, so the account and its being the default land in the file together or not at
 * all (conf writes the file atomically: a temporary file renamed over it).
 */
function addToConfig(config: ConfigStore, account: OneRunAccount): void {
  const { jid, ...settings } = account;
  const accounts = accountsWith(config, jid, { ...settings, directTls: settings.directTls || undefined, enabled: true });
  config.set(config.get('defaultAccount') ? { accounts } : { accounts, defaultAccount: jid });
}

/**
 * `natter account add` is all or nothing: the account goes into the config only once its
 * password is kept, or when the person chose (Enter) to be asked at every login. A password
 * no store would keep leaves the config as it was.
 */
async function addWithPassword(account: OneRunAccount, config: ConfigStore, keychain: readonly SecretStore[], io: Io): Promise<number> {
  const { jid } = account;
  const password = await io.readPassword(`Password for ${jid} (Enter to be asked at login instead): `);
  if (!password) {
    addToConfig(config, account);
    io.err.write(`Added ${jid} to ${config.path}.\nNo password stored; natter will ask for it when it connects.\n`);
    return ExitCode.ok;
  }
  let saved: SavedPassword;
  try {
    saved = await savePassword(keychain, jid, password);
  } catch (error) {
    io.err.write(notKeptLines(account, error instanceof Error ? error.message : String(error)));
    return ExitCode.failure;
  }
  try {
    addToConfig(config, account);
  } catch (error) {
    // All or nothing: the password of an account that is not there must not stay behind.
    await forgetPassword(keychain, jid);
    const reason = error instanceof Error ? error.message : String(error);
    io.err.write(`natter: ${jid} was not added: ${config.path} could not be written (${reason}); its password was not kept either. Free the disk or fix the file's permissions, then run the same command again.\n`);
    return ExitCode.failure;
  }
  for (const notice of saved.notices) io.err.write(`${notice}\n`);
  io.err.write(`Added ${jid} to ${config.path}.\n${savedLine(jid, saved)}`);
  return ExitCode.ok;
}

/** `natter account password JID`: replaces the stored password of an account. */
async function changePassword(jid: string, keychain: readonly SecretStore[], io: Io): Promise<number> {
  const password = await io.readPassword(`Password for ${jid}: `);
  if (!password) {
    io.err.write('natter: no password was entered; nothing changed.\n');
    return ExitCode.failure;
  }
  try {
    const saved = await savePassword(keychain, jid, password);
    for (const notice of saved.notices) io.err.write(`${notice}\n`);
    io.err.write(savedLine(jid, saved));
    return ExitCode.ok;
  } catch (error) {
    io.err.write(
      `natter: the password was not saved: ${error instanceof Error ? error.message : String(error)}\n` +
        `Use a password command instead (natter account remove ${jid}; natter account add ${jid} --password-command 'pass show xmpp/${jid}'), ` +
        `or start an unlocked Secret Service: ${HEADLESS_README}.\n`,
    );
    return ExitCode.failure;
  }
}
