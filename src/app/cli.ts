import meow from 'meow';
import { bareJid } from '../domain/jid.js';

export const HELP = `
  Usage
    $ natter [options]        open the chat screen
    $ natter search WORDS...  search the message history [--with JID] [--json]

  Options
    --jid JID                 log in as JID for this run, without saving anything
    --host HOST               connect to HOST instead of the JID's domain
    --port PORT               connect to PORT (default 5222, or 5223 with --direct-tls)
    --direct-tls              TLS from the first byte (XEP-0368) instead of STARTTLS
    --ca-file PEM             also trust the CA certificates in PEM for this connection
    --password-command CMD    run CMD (through /bin/sh) and use its first output line
                              as the password, e.g. --password-command 'pass show xmpp/me'
    --help                    show this help
    --version                 show natter's version

  Inside natter, type /help for the commands and Ctrl-C or /quit to leave.

  Files
    config    $XDG_CONFIG_HOME/natter/config.json (default ~/.config/natter/config.json)
    Passwords are kept in the OS keychain, never in the config file.

  Exit codes
    0 ok, 1 failure (e.g. invalid config), 2 usage, 3 authentication, 4 network or TLS
`;

export interface OneRunAccount {
  jid: string;
  host?: string;
  port?: number;
  directTls: boolean;
  caFile?: string;
  passwordCommand?: string;
}

export type CliResult =
  | { kind: 'ui'; account?: OneRunAccount }
  | { kind: 'search'; words: string; peer?: string; json: boolean }
  | { kind: 'usage-error'; message: string };

/**
 * Parses argv with meow. meow itself prints --help/--version and exits 0, and reports an
 * unknown flag ("Unknown flag --x") with exit code 2; unknown commands are ours to report.
 */
export function parseCli(argv: string[]): CliResult {
  const cli = meow(HELP, {
    importMeta: import.meta,
    argv,
    allowUnknownFlags: false,
    flags: {
      jid: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'number' },
      directTls: { type: 'boolean', default: false },
      caFile: { type: 'string' },
      passwordCommand: { type: 'string' },
      with: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const [command, ...rest] = cli.input;
  if (command === 'search') return parseSearch(rest, cli.flags.with, cli.flags.json);
  if (cli.flags.with !== undefined || cli.flags.json) {
    return { kind: 'usage-error', message: '--with and --json go with natter search.' };
  }
  if (command !== undefined) {
    return { kind: 'usage-error', message: `Unknown command: ${command}. Run natter --help for usage.` };
  }
  const { jid, host, port, directTls, caFile, passwordCommand } = cli.flags;
  if (jid === undefined) {
    const stray = Object.entries({ host, port, caFile, passwordCommand }).find(([, v]) => v !== undefined);
    if (stray || directTls) return { kind: 'usage-error', message: `--${kebab(stray?.[0] ?? 'directTls')} needs --jid.` };
    return { kind: 'ui' };
  }
  const bare = bareJid(jid);
  if (!bare.includes('@') || jid.includes('/')) {
    return { kind: 'usage-error', message: `--jid ${jid} is not a bare JID; write it as name@server.` };
  }
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    return { kind: 'usage-error', message: `--port ${port} is not a port number (1-65535).` };
  }
  return {
    kind: 'ui',
    account: {
      jid: bare,
      directTls,
      ...(host === undefined ? {} : { host }),
      ...(port === undefined ? {} : { port }),
      ...(caFile === undefined ? {} : { caFile }),
      ...(passwordCommand === undefined ? {} : { passwordCommand }),
    },
  };
}

function parseSearch(words: string[], peer: string | undefined, json: boolean): CliResult {
  if (words.length === 0) return { kind: 'usage-error', message: 'natter search needs words to look for, e.g. natter search deploy failed' };
  if (peer !== undefined && !bareJid(peer).includes('@')) return { kind: 'usage-error', message: `--with ${peer} is not a JID.` };
  return { kind: 'search', words: words.join(' '), json, ...(peer === undefined ? {} : { peer: bareJid(peer) }) };
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
