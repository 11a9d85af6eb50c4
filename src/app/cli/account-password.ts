import { HEADLESS_README, type SavedPassword } from '../../credentials/keychain.js';
import type { OneRunAccount } from './cli.js';

/** What `natter account add|password` says once a password is stored: where, and for how long if not for good. */
export function savedLine(jid: string, saved: SavedPassword): string {
  const advice = saved.lasting ? '' : ` For one that survives a reboot, run a Secret Service or use a passwordCommand (${HEADLESS_README}).`;
  return `Password for ${jid} saved in ${saved.where}.${advice}\n`;
}

/** Why `natter account add` added nothing, and the commands that add the account another way. */
export function notKeptLines(account: OneRunAccount, reason: string): string {
  const again = addCommand(account);
  const example = `pass show xmpp/${account.jid}`;
  return (
    `natter: ${account.jid} was not added: its password could not be kept. ${reason}\n` +
    'Add it in one of these ways:\n' +
    `  with a password command (here from pass): ${again} --password-command ${shellWord(example)}\n` +
    `  with no stored password (natter asks at every login): ${again}, then press Enter at the password prompt\n` +
    `  after starting an unlocked Secret Service: ${HEADLESS_README}\n`
  );
}

/** The `natter account add` command line the person typed (without a password command). */
function addCommand(account: OneRunAccount): string {
  const words = ['natter', 'account', 'add', account.jid];
  if (account.host !== undefined) words.push('--host', account.host);
  if (account.port !== undefined) words.push('--port', String(account.port));
  if (account.directTls) words.push('--direct-tls');
  if (account.caFile !== undefined) words.push('--ca-file', account.caFile);
  return words.map(shellWord).join(' ');
}

/** A word as a POSIX shell reads it back: as is when plain, else in single quotes. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
