import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:https';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCertificates } from './ca.js';
import { ejabberdConfig } from './ejabberd-config.js';
import { canConnect, freePort } from './free-port.js';
import type { ProsodyAccount } from './prosody.js';
import { execFileAsync, requirePrograms, waitUntil } from './run.js';

/** What a test needs to reach the server (the same shape as Prosody's, for connectPeer and oneRunLogin). */
export interface EjabberdInfo {
  host: '127.0.0.1';
  domain: 'localhost';
  c2sPort: number;
  /** c2s with TLS from the first byte (XEP-0368), as natter's --direct-tls expects. */
  directTlsPort: number;
  /** HTTPS of the upload service (XEP-0363, upload.localhost). */
  httpsPort: number;
  caFile: string;
  caPem: string;
  dir: string;
}

export interface EjabberdServer extends EjabberdInfo {
  register(local: string, password?: string): Promise<ProsodyAccount>;
  /** Makes `a` and each of `others` each other's contacts (subscription both), as Prosody's makeContacts does. */
  makeContacts(a: ProsodyAccount, ...others: ProsodyAccount[]): Promise<void>;
  /** Calls an ejabberd API command (mod_http_api: what ejabberdctl runs, with named arguments) over HTTPS. */
  api(command: string, args: Record<string, string>): Promise<unknown>;
  /** Runs an ejabberdctl command on this node (as `ejabberdctl ARGS` would); resolves with its output. */
  ctl(...args: string[]): Promise<string>;
  /** `ejabberdctl restart`: the node restarts ejabberd (every stream is closed), and is back when this resolves. */
  restart(): Promise<void>;
  /** Milliseconds from spawning the node to its c2s port accepting connections. */
  startupMs: number;
  log(): string;
  stop(): Promise<void>;
}

/** Where Debian's ejabberd keeps its Erlang applications (ejabberdctl's ERL_LIBS). */
function ejabberdLibs(): string {
  const ctl = existsSync('/usr/sbin/ejabberdctl') ? readFileSync('/usr/sbin/ejabberdctl', 'utf8') : '';
  const libs = /^ERL_LIBS='([^']+)'/m.exec(ctl)?.[1];
  if (libs && readdirSync(libs).some((name) => name.startsWith('ejabberd-'))) return libs;
  throw new Error('ejabberd is not installed (no ERL_LIBS in /usr/sbin/ejabberdctl). Install with:\n  apt-get install -y ejabberd');
}

/**
 * Starts a private ejabberd (Debian's 23.01) for a test file: its own config, spool, logs and
 * certificates (the tests' private CA) in a temp dir, its own Erlang node name, 127.0.0.1 on free
 * ports, and no epmd (the node listens for ejabberdctl on a port of its own, ERL_DIST_PORT). Like
 * the Prosody harness it runs under a sh watchdog that stops it when its stdin closes; the
 * system's ejabberd service, its config and its ports are never touched.
 */
export async function startEjabberd(options: { logLevel?: string; maxAckQueue?: number; modules?: readonly string[] } = {}): Promise<EjabberdServer> {
  requirePrograms(['erl', 'openssl'], 'ejabberd openssl');
  const libs = ejabberdLibs();
  const dir = mkdtempSync(join(tmpdir(), 'natter-ejabberd-'));
  for (const sub of ['spool', 'logs', 'certs', 'upload']) mkdirSync(join(dir, sub), { mode: 0o700 });
  const certs = await makeCertificates(join(dir, 'certs'));
  const [c2sPort, directTlsPort, httpsPort, distPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const configFile = join(dir, 'ejabberd.yml');
  writeFileSync(configFile, ejabberdConfig({
    certs, c2sPort, directTlsPort, httpsPort, uploadDir: join(dir, 'upload'), logLevel: options.logLevel ?? 'info',
    ...(options.maxAckQueue === undefined ? {} : { maxAckQueue: options.maxAckQueue }),
    ...(options.modules ? { modules: options.modules } : {}),
  }));
  const node = `natter-${process.pid}-${randomBytes(3).toString('hex')}@localhost`;
  // HOME holds the node's Erlang cookie, which ejabberdctl (ctl below) must share.
  const env = { ...process.env, HOME: dir, ERL_LIBS: libs, ERL_CRASH_DUMP: '/dev/null', EJABBERD_CONFIG_PATH: configFile, EJABBERD_LOG_PATH: join(dir, 'logs', 'ejabberd.log') };
  const erl = ['-sname', node, '-erl_epmd_port', String(distPort), '-start_epmd', 'false', '-noinput', '-mnesia', 'dir', JSON.stringify(join(dir, 'spool')), '-s', 'ejabberd'];
  const spawnedAt = Date.now();
  const watchdog: ChildProcess = spawn('sh', ['-c', 'cd "$1" && shift && erl "$@" </dev/null >stdout.log 2>&1 & p=$!; cat >/dev/null; kill $p; wait $p', 'sh', dir, ...erl], {
    stdio: ['pipe', 'ignore', 'ignore'], env,
  });
  let exited = false;
  watchdog.once('exit', () => (exited = true));
  const info: EjabberdInfo = { host: '127.0.0.1', domain: 'localhost', c2sPort, directTlsPort, httpsPort, caFile: certs.caFile, caPem: certs.caPem, dir };
  const log = (): string => ['logs/ejabberd.log', 'logs/error.log', 'stdout.log'].map((f) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : '')).join('');
  const stop = async (): Promise<void> => {
    if (!exited) {
      const done = new Promise((resolve) => watchdog.once('exit', resolve));
      watchdog.stdin?.end();
      await done;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const ctl = async (...args: string[]): Promise<string> => {
    const client = ['-sname', `ctl-${randomBytes(3).toString('hex')}@localhost`, '-erl_epmd_port', String(distPort), '-start_epmd', 'false', '-dist_listen', 'false', '-hidden', '-noinput', '-s', 'ejabberd_ctl', '-extra', node, ...args];
    const { stdout } = await execFileAsync('erl', client, { env, cwd: dir });
    return stdout;
  };
  const api = (command: string, args: Record<string, string>) => callApi(httpsPort, certs.caPem, command, args);
  const listening = (what: string) => waitUntil(
    async () => {
      if (exited) throw new Error(`ejabberd exited at start:\n${log()}`);
      return (await canConnect(c2sPort)) && (await canConnect(directTlsPort)) && (await canConnect(httpsPort));
    },
    30_000,
    () => `ejabberd did not ${what} on 127.0.0.1:${c2sPort} within 30 s:\n${log()}`,
  );
  try {
    await listening('listen');
  } catch (error) {
    await stop();
    throw error;
  }
  const startupMs = Date.now() - spawnedAt;
  return {
    ...info, startupMs, log, stop, ctl, api,
    async register(local, password = `pw-${randomBytes(6).toString('hex')}`) {
      await api('register', { user: local, host: 'localhost', password });
      return { jid: `${local}@localhost`, local, domain: 'localhost', password };
    },
    async makeContacts(a, ...others) {
      const add = (owner: ProsodyAccount, contact: ProsodyAccount) => api('add_rosteritem', {
        localuser: owner.local, localhost: owner.domain, user: contact.local, host: contact.domain, nick: contact.local, group: '', subs: 'both',
      });
      for (const other of others) {
        await add(a, other);
        await add(other, a);
      }
    },
    async restart() {
      const before = log().length;
      await ctl('restart');
      // The node stops its listeners and starts them again: wait for the log to say it is back.
      await waitUntil(() => /is started in the node/.test(log().slice(before)), 30_000, () => `ejabberd did not come back within 30 s:\n${log().slice(before)}`);
      await listening('listen again');
    },
  };
}

/** POST /api/COMMAND with JSON arguments; resolves with the JSON answer, rejects on an HTTP error. */
function callApi(port: number, caPem: string, command: string, args: Record<string, string>): Promise<unknown> {
  const body = JSON.stringify(args);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', servername: 'localhost', port, path: `/api/${command}`, method: 'POST', ca: caPem, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => (res.statusCode === 200 ? resolve(text ? JSON.parse(text) : undefined) : reject(new Error(`ejabberd API ${command}: HTTP ${res.statusCode} ${text}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
