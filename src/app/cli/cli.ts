import meow from 'meow';
import { bareJid } from '../../domain/jid.js';
import type { OneRunAccount } from '../../client/account/account-settings.js';

export type { OneRunAccount };

export const HELP = `
  Usage
    $ natter [options]        open the chat screen
    $ natter search WORDS...  search the message history [--with JID] [--json]
    $ natter send JID [TEXT...]  send TEXT (or stdin) and exit once the server has it
                              [--account JID] [--follow: each stdin line as it comes] [--json]
                              [--file PATH: upload it (HTTP upload) and send its link, after TEXT if given]
    $ natter send --room ROOM [TEXT...]  join the room (XEP-0045), say TEXT (or stdin), leave [--follow]
    $ natter listen [JID...]  print incoming messages (from JIDs, or all) until Ctrl-C [--json]
    $ natter run '/COMMAND ...' [...]  log in, run the commands in order, print their results, exit
    $ natter ctl '/COMMAND ...'  run a command in the running natter and print its result [--json]
    $ natter ctl --events     print the running natter's events (messages, connection) as JSON lines
    $ natter account list                 the saved accounts
    $ natter account add JID [--host HOST] [--port PORT] [--direct-tls] [--ca-file PEM] [--password-command CMD]
    $ natter account password JID         set or change the password kept in the keychain
                                          (typed without echo, or the first line of stdin)
    $ natter account remove JID           remove the account and its stored password
    $ natter account register JID [--host ...]  create the account on a server that allows it (XEP-0077)

  Options
    --jid JID                 log in as JID for this run, without saving anything
    --host HOST               connect to HOST (default: DNS SRV records, then the JID's domain)
    --port PORT               connect to PORT (default 5222, or 5223 with --direct-tls)
    --direct-tls              TLS from the first byte (XEP-0368) instead of STARTTLS
    --ca-file PEM             also trust the CA certificates in PEM for this connection
    --password-command CMD    run CMD (through /bin/sh) and use its first output line
                              as the password, e.g. --password-command 'pass show xmpp/me'
    --cmd '/COMMAND ...'      run a slash command after login (repeatable, in order)
    --script FILE             run the slash commands in FILE after login (# comments;
                              repeatable; --script and --cmd run in the order given)
    --help                    show this help
    --version                 show natter's version

  Inside natter, type /help for the commands, Alt-H for the keys, and Ctrl-C or /quit to leave.

  Files
    config    $XDG_CONFIG_HOME/natter/config.json (default ~/.config/natter/config.json)
    Passwords are kept in the OS keychain, never in the config file.

  Exit codes
    0 ok, 1 failure (e.g. invalid config), 2 usage, 3 authentication, 4 network or TLS
`;


/** One thing to run after login: a command (--cmd) or a file of them (--script). */
export type StartupStep = { cmd: string } | { script: string };

/** What to run after login: each --script and --cmd, in the order the command line gives them. */
export interface Startup {
  steps: StartupStep[];
}

export type AccountAction =
  | { action: 'list' }
  | { action: 'add' | 'register'; account: OneRunAccount }
  | { action: 'password' | 'remove'; jid: string };

export type CliResult =
  | { kind: 'ui'; account?: OneRunAccount; startup?: Startup }
  | { kind: 'account'; command: AccountAction }
  | { kind: 'search'; words: string; peer?: string; json: boolean }
  | { kind: 'send'; to: string; room?: true; text?: string; file?: string; follow: boolean; json: boolean; from: AccountChoice }
  | { kind: 'listen'; peers: string[]; json: boolean; from: AccountChoice }
  | { kind: 'ctl'; command?: string; events: boolean; json: boolean }
  | { kind: 'run'; commands: string[]; account?: OneRunAccount }
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
      account: { type: 'string' },
      follow: { type: 'boolean', default: false },
      file: { type: 'string' },
      room: { type: 'string' },
      cmd: { type: 'string', isMultiple: true },
      events: { type: 'boolean', default: false },
      script: { type: 'string', isMultiple: true },
      json: { type: 'boolean', default: false },
    },
  });
  const [command, ...rest] = cli.input;
  if (command === 'search') return parseSearch(rest, cli.flags.with, cli.flags.json);
  if (command === 'account') return parseAccount(rest, cli.flags);
  if (command === 'run') {
    if (rest.length === 0) return { kind: 'usage-error', message: "natter run needs commands, e.g. natter run '/account list' '/msg bob@example.org hi'" };
    const bad = rest.find((c) => !c.trim().startsWith('/'));
    if (bad !== undefined) return { kind: 'usage-error', message: `natter run: "${bad}" is not a slash command (quote each command: natter run '/msg bob@example.org hi')` };
    if (cli.flags.jid === undefined) {
      const stray = connectionFlag(cli.flags);
      return stray ? { kind: 'usage-error', message: `--${stray} needs --jid.` } : { kind: 'run', commands: rest.map((c) => c.trim()) };
    }
    const account = accountFrom(cli.flags.jid, cli.flags, '--jid ');
    return typeof account === 'string' ? { kind: 'usage-error', message: account } : { kind: 'run', commands: rest.map((c) => c.trim()), account };
  }
  if (command === 'ctl') {
    const line = rest.join(' ').trim();
    if (cli.flags.events === (line !== '')) return { kind: 'usage-error', message: "natter ctl needs a command or --events, e.g. natter ctl '/account list'" };
    if (line !== '' && !line.startsWith('/')) return { kind: 'usage-error', message: `natter ctl: "${line}" is not a slash command` };
    return { kind: 'ctl', events: cli.flags.events, json: cli.flags.json, ...(line ? { command: line } : {}) };
  }
  if (cli.flags.events) return { kind: 'usage-error', message: '--events goes with natter ctl.' };
  if (command === 'send' || command === 'listen') {
    const from = accountChoice(cli.flags);
    if (typeof from === 'string') return { kind: 'usage-error', message: from };
    if (command === 'listen' && (cli.flags.file !== undefined || cli.flags.room !== undefined)) return { kind: 'usage-error', message: `--${cli.flags.file !== undefined ? 'file' : 'room'} goes with natter send.` };
    return command === 'send' ? parseSend(rest, cli.flags, from) : parseListen(rest, cli.flags.json, from);
  }
  if (cli.flags.account !== undefined || cli.flags.follow) return { kind: 'usage-error', message: '--account and --follow go with natter send and natter listen.' };
  if (cli.flags.file !== undefined || cli.flags.room !== undefined) return { kind: 'usage-error', message: `--${cli.flags.file !== undefined ? 'file' : 'room'} goes with natter send.` };
  if (cli.flags.with !== undefined || cli.flags.json) {
    return { kind: 'usage-error', message: '--with goes with natter search; --json with natter search, send and listen.' };
  }
  if (command !== undefined) {
    return { kind: 'usage-error', message: `Unknown command: ${command}. Run natter --help for usage.` };
  }
  const commands = cli.flags.cmd ?? [];
  const notCommand = commands.find((c) => !c.trim().startsWith('/'));
  if (notCommand !== undefined) return { kind: 'usage-error', message: `--cmd "${notCommand}" is not a slash command, e.g. --cmd '/msg bob@example.org hi'` };
  const steps = inArgvOrder(argv, commands, cli.flags.script ?? []);
  const startup = steps.length > 0 ? { startup: { steps } } : {};
  if (cli.flags.jid === undefined) {
    const stray = connectionFlag(cli.flags);
    if (stray) return { kind: 'usage-error', message: `--${stray} needs --jid.` };
    return { kind: 'ui', ...startup };
  }
  const account = accountFrom(cli.flags.jid, cli.flags, '--jid ');
  return typeof account === 'string' ? { kind: 'usage-error', message: account } : { kind: 'ui', account, ...startup };
}

/**
 * --cmd and --script as the command line orders them (meow keeps each flag's values apart, in
 * order): the flags' names are read from argv, their values taken from meow's lists.
 */
function inArgvOrder(argv: readonly string[], commands: readonly string[], scripts: readonly string[]): StartupStep[] {
  const order: Array<'cmd' | 'script'> = [];
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    const name = /^--(cmd|script)(=|$)/.exec(argv[i] ?? '');
    if (!name) continue;
    order.push(name[1] as 'cmd' | 'script');
    if (name[2] === '') i++; // its value is the next word
  }
  const cmds = [...commands];
  const files = [...scripts];
  const ordered = order.flatMap((kind): StartupStep[] => {
    const value = kind === 'cmd' ? cmds.shift() : files.shift();
    if (value === undefined) return [];
    return kind === 'cmd' ? [{ cmd: value }] : [{ script: value }];
  });
  // Whatever argv did not show in a way read here (meow reads more spellings) keeps meow's order.
  return [...ordered, ...files.map((script) => ({ script })), ...cmds.map((cmd) => ({ cmd }))];
}

type Flags = { jid?: string | undefined; host?: string | undefined; port?: number | undefined; directTls: boolean; caFile?: string | undefined; passwordCommand?: string | undefined };

function connectionFlag(flags: Flags): string | undefined {
  const { host, port, caFile, passwordCommand, directTls } = flags;
  const stray = Object.entries({ host, port, caFile, passwordCommand }).find(([, v]) => v !== undefined);
  return stray ? kebab(stray[0]) : directTls ? 'direct-tls' : undefined;
}

/** The account described by a JID and the connection flags, or the usage error to print. */
function accountFrom(jid: string, flags: Flags, what: string): OneRunAccount | string {
  const bare = bareJid(jid);
  if (!bare.includes('@') || jid.includes('/')) return `${what}${jid} is not a bare JID; write it as name@server.`;
  const { host, port, caFile, passwordCommand, directTls } = flags;
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    return `--port ${port} is not a port number (1-65535).`;
  }
  return {
    jid: bare,
    directTls,
    ...(host === undefined ? {} : { host }),
    ...(port === undefined ? {} : { port }),
    ...(caFile === undefined ? {} : { caFile }),
    ...(passwordCommand === undefined ? {} : { passwordCommand }),
  };
}

const ACCOUNT_USAGE = 'Usage: natter account list | add JID [--host H] [--port P] [--direct-tls] [--ca-file PEM] [--password-command CMD] | register JID [same options] | password JID | remove JID';

function parseAccount(args: string[], flags: Flags): CliResult {
  const [action, jid, ...extra] = args;
  const usage = (message: string): CliResult => ({ kind: 'usage-error', message: `${message}\n${ACCOUNT_USAGE}` });
  if (flags.jid !== undefined) return usage('natter account takes the JID as an argument, not --jid.');
  if (extra.length > 0) return usage(`Unexpected argument: ${extra[0]}.`);
  const stray = action === 'add' || action === 'register' ? undefined : connectionFlag(flags);
  if (stray) return usage(`--${stray} goes with natter account add and register.`);
  if (action === 'list') return jid === undefined ? { kind: 'account', command: { action: 'list' } } : usage('natter account list takes no JID.');
  if (action !== 'add' && action !== 'register' && action !== 'password' && action !== 'remove') {
    return usage(action === undefined ? 'natter account needs an action.' : `Unknown account action: ${action}.`);
  }
  if (jid === undefined) return usage(`natter account ${action} needs a JID, e.g. natter account ${action} alice@example.org`);
  const account = accountFrom(jid, flags, '');
  if (typeof account === 'string') return usage(account);
  return { kind: 'account', command: action === 'add' || action === 'register' ? { action, account } : { action, jid: account.jid } };
}

function parseSearch(words: string[], peer: string | undefined, json: boolean): CliResult {
  if (words.length === 0) return { kind: 'usage-error', message: 'natter search needs words to look for, e.g. natter search deploy failed' };
  if (peer !== undefined && !bareJid(peer).includes('@')) return { kind: 'usage-error', message: `--with ${peer} is not a JID.` };
  return { kind: 'search', words: words.join(' '), json, ...(peer === undefined ? {} : { peer: bareJid(peer) }) };
}

/** Which account a one-shot command uses: --jid for this run, --account JID, or the default. */
export type AccountChoice = { kind: 'one-run'; account: OneRunAccount } | { kind: 'saved'; jid?: string };

function accountChoice(flags: Flags & { account?: string | undefined }): AccountChoice | string {
  if (flags.jid !== undefined) {
    if (flags.account !== undefined) return '--jid and --account can not be used together.';
    const account = accountFrom(flags.jid, flags, '--jid ');
    return typeof account === 'string' ? account : { kind: 'one-run', account };
  }
  const stray = connectionFlag(flags);
  if (stray) return `--${stray} needs --jid.`;
  if (flags.account === undefined) return { kind: 'saved' };
  const jid = bareJid(flags.account);
  return jid.includes('@') ? { kind: 'saved', jid } : `--account ${flags.account} is not a JID.`;
}

function parseSend(args: string[], flags: { json: boolean; follow: boolean; file?: string | undefined; room?: string | undefined }, from: AccountChoice, room = false): CliResult {
  if (flags.room !== undefined) {
    const room = bareJid(flags.room);
    if (!room.includes('@')) return { kind: 'usage-error', message: `--room ${flags.room} is not a room JID; write it as room@conference.server.` };
    return parseSend([room, ...args], { ...flags, room: undefined }, from, true);
  }
  const [to, ...words] = args;
  const peer = to === undefined ? '' : bareJid(to);
  if (!peer.includes('@')) return { kind: 'usage-error', message: `natter send needs a recipient JID first, e.g. natter send bob@example.org hello${to ? ` ("${to}" is not a JID)` : ''}` };
  if (flags.follow && words.length > 0) return { kind: 'usage-error', message: 'natter send --follow reads the lines to send from stdin; give no text.' };
  if (flags.file !== undefined && (flags.follow || flags.file.trim() === '')) return { kind: 'usage-error', message: flags.follow ? '--file and --follow do not go together.' : '--file needs the path of a file, e.g. natter send --file report.pdf bob@example.org' };
  return {
    kind: 'send', to: peer, follow: flags.follow, json: flags.json, from,
    ...(room ? { room: true as const } : {}),
    ...(words.length ? { text: words.join(' ') } : {}),
    ...(flags.file !== undefined ? { file: flags.file } : {}),
  };
}

function parseListen(args: string[], json: boolean, from: AccountChoice): CliResult {
  const peers = args.map(bareJid);
  const bad = args.find((_, i) => !peers[i]?.includes('@'));
  if (bad !== undefined) return { kind: 'usage-error', message: `natter listen: "${bad}" is not a JID.` };
  return { kind: 'listen', peers, json, from };
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
