import { chmodSync, chownSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchAccount {
  jid: string;
  local: string;
  password: string;
}

export interface ServerInfo {
  host: string;
  c2sPort: number;
  caFile: string;
}

export interface ClientSetup {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
}

export interface ClientKind {
  name: string;
  /** Debian package, for the install hint. */
  packageName?: string;
  /** Text on screen that means "the first frame is drawn". */
  firstFrame: string | RegExp;
  /** The command line that switches to the first conversation window. */
  switchToChat: string;
  prepare(home: string, account: BenchAccount, server: ServerInfo): ClientSetup;
}

/** The unprivileged user Poezio runs as (it refuses root). */
export const POEZIO_UID = 65534;

const baseEnv = (home: string): Record<string, string> => ({
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: home,
  TERM: 'xterm-256color',
  LANG: 'C.UTF-8',
  XDG_CONFIG_HOME: join(home, 'config'),
  XDG_DATA_HOME: join(home, 'data'),
  XDG_STATE_HOME: join(home, 'state'),
  XDG_CACHE_HOME: join(home, 'cache'),
});

export const natter: ClientKind = {
  name: 'natter',
  firstFrame: '1:console',
  switchToChat: '/win 2\r',
  prepare(home, account, server) {
    writeFileSync(join(home, 'pw'), `${account.password}\n`, { mode: 0o600 });
    return {
      command: process.execPath,
      args: [
        new URL('../../bin/natter.js', import.meta.url).pathname,
        '--jid', account.jid, '--host', server.host, '--port', String(server.c2sPort), '--ca-file', server.caFile,
        '--password-command', `cat '${join(home, 'pw')}'`,
      ],
      // BENCH_NODE_OPTIONS reaches natter's Node only (e.g. --heapsnapshot-signal=SIGUSR1 to look into a soak).
      env: { ...baseEnv(home), ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}) },
      cwd: home,
    };
  },
};

export const profanity: ClientKind = {
  name: 'profanity',
  packageName: 'profanity',
  firstFrame: /Profanity|profanity/,
  switchToChat: '/win 2\r',
  prepare(home, account, server) {
    const env = baseEnv(home);
    mkdirSync(join(env.XDG_DATA_HOME ?? '', 'profanity'), { recursive: true });
    mkdirSync(join(env.XDG_CONFIG_HOME ?? '', 'profanity'), { recursive: true });
    writeFileSync(join(env.XDG_DATA_HOME ?? '', 'profanity', 'accounts'), [
      `[${account.jid}]`, 'enabled=true', `jid=${account.jid}`, `server=${server.host}`, `port=${server.c2sPort}`,
      'resource=profanity', `password=${account.password}`, 'tls.policy=trust', '',
    ].join('\n'), { mode: 0o600 });
    writeFileSync(join(env.XDG_CONFIG_HOME ?? '', 'profanity', 'profrc'), ['[ui]', 'splash=false', 'roster=true', 'roster.offline=true', ''].join('\n'));
    return { command: 'profanity', args: ['-a', account.jid], env, cwd: home };
  },
};

export const poezio: ClientKind = {
  name: 'poezio',
  packageName: 'poezio',
  firstFrame: /poezio|Poezio/,
  switchToChat: '\u001b1', // Alt-1: tab 1 (tab 0 is the roster, where a typed command line is not the input)
  prepare(home, account, server) {
    const env = baseEnv(home);
    const dir = join(env.XDG_CONFIG_HOME ?? '', 'poezio');
    mkdirSync(dir, { recursive: true });
    const config = join(dir, 'poezio.cfg');
    writeFileSync(config, [
      '[Poezio]', `jid = ${account.jid}`, `password = ${account.password}`, `custom_host = ${server.host}`, `custom_port = ${server.c2sPort}`,
      `ca_cert_path = ${join(home, 'ca.pem')}`, 'roster_show_offline = true', 'show_tab_names = true', '',
    ].join('\n'));
    copyFileSync(server.caFile, join(home, 'ca.pem')); // the server's CA dir is root's only
    // Poezio refuses to run as root: give its home to an unprivileged user and drop to it.
    const asRoot = process.getuid?.() === 0;
    for (const path of [home, ...['config', 'data', 'state', 'cache'].map((d) => join(home, d)), dir]) {
      mkdirSync(path, { recursive: true });
      if (asRoot) chownSync(path, POEZIO_UID, POEZIO_UID);
    }
    if (asRoot) for (const file of [config, join(home, 'ca.pem')]) chownSync(file, POEZIO_UID, POEZIO_UID);
    chmodSync(home, 0o755);
    return {
      command: asRoot ? 'setpriv' : 'poezio',
      args: asRoot ? ['--reuid', String(POEZIO_UID), '--regid', String(POEZIO_UID), '--clear-groups', 'poezio', '-f', config] : ['-f', config],
      env,
      cwd: home,
    };
  },
};
