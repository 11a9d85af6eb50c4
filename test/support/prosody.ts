import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { makeCertificates } from './ca.js';
import { canConnect, freePort } from './free-port.js';
import { prosodyConfig } from './prosody-config.js';
import { execFileAsync, requirePrograms, waitUntil } from './run.js';

export interface ProsodyAccount {
  jid: string;
  local: string;
  domain: string;
  password: string;
}

/** What a test needs to reach the server; plain data, so it can cross to vitest workers. */
export interface ProsodyInfo {
  host: '127.0.0.1';
  domain: 'localhost';
  c2sPort: number;
  directTlsPort: number;
  httpPort: number;
  httpsPort: number;
  caFile: string;
  caPem: string;
  configFile: string;
  dir: string;
}

export interface ProsodyServer extends ProsodyInfo {
  register(local: string, password?: string, domain?: string): Promise<ProsodyAccount>;
  /**
   * Stops this server's process (its PID, with `signal`: SIGTERM a clean stop, SIGKILL a crash),
   * starts it again on the same ports and data, and resolves when it listens again.
   */
  restart(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  log(): string;
  stop(): Promise<void>;
}

/**
 * Runs Prosody as long as its stdin is open (so it dies with whatever started it, even on
 * kill -9); each line read is a signal to send Prosody's PID before starting it anew.
 */
const WATCHDOG = `run() { prosody --config "$1" -F </dev/null >>"$2" 2>&1 & p=$!; echo $p >"$3.new"; mv "$3.new" "$3"; }
run "$@"
while read -r sig; do kill -s "$sig" $p; wait $p; run "$@"; done
kill $p; wait $p`;

let counter = 0;
/** A local part no other test in this run uses. */
export function uniqueLocal(prefix: string): string {
  return `${prefix}-${process.pid}-${++counter}-${randomBytes(2).toString('hex')}`;
}

/** Creates an account with prosodyctl (works from any process that has the info). */
export async function registerAccount(info: Pick<ProsodyInfo, 'configFile'>, local: string, password = `pw-${randomBytes(6).toString('hex')}`, domain = 'localhost'): Promise<ProsodyAccount> {
  await execFileAsync('prosodyctl', ['--config', info.configFile, 'register', local, domain, password]);
  return { jid: `${local}@${domain}`, local, domain, password };
}

/**
 * Starts a private Prosody for a test run: config, data and certificates in a temp dir,
 * 127.0.0.1 only on free ports. It runs under a small sh watchdog that kills it when its
 * stdin closes, so it dies with whatever started it, even on kill -9; a system Prosody
 * service is never touched.
 */
export async function startProsody(options: { allowRegistration?: boolean; logLevel?: string; archiveItemLimit?: number; smacksQueueSize?: number; invisibleCommand?: boolean } = {}): Promise<ProsodyServer> {
  requirePrograms(['prosody', 'prosodyctl'], 'prosody');
  requirePrograms(['openssl'], 'openssl');
  const dir = mkdtempSync(join(tmpdir(), 'natter-prosody-'));
  mkdirSync(join(dir, 'data'), { mode: 0o700 });
  mkdirSync(join(dir, 'certs'));
  const certs = await makeCertificates(dir);
  const [c2sPort, directTlsPort, httpPort, httpsPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const configFile = join(dir, 'prosody.cfg.lua');
  writeFileSync(
    configFile,
    prosodyConfig({
      dir, certs, c2sPort, directTlsPort, httpPort, httpsPort,
      user: userInfo().username,
      allowRegistration: options.allowRegistration ?? false,
      logLevel: options.logLevel ?? 'info',
      ...(options.archiveItemLimit === undefined ? {} : { archiveItemLimit: options.archiveItemLimit }),
      ...(options.smacksQueueSize === undefined ? {} : { smacksQueueSize: options.smacksQueueSize }),
      invisibleCommand: options.invisibleCommand ?? false,
    }),
  );
  const info: ProsodyInfo = { host: '127.0.0.1', domain: 'localhost', c2sPort, directTlsPort, httpPort, httpsPort, caFile: certs.caFile, caPem: certs.caPem, configFile, dir };
  const { log, stop, restart } = await launchProsody(dir, configFile, [c2sPort, directTlsPort]);
  return { ...info, register: (local, password, domain) => registerAccount(info, local, password, domain), restart, log, stop };
}

/**
 * Runs Prosody on `configFile` (everything else in `dir`) and resolves once it listens on each
 * of `ports` at 127.0.0.1. It runs under a small sh watchdog that kills it when its stdin
 * closes, so it dies with whatever started it, even on kill -9. `stop` ends it and removes `dir`;
 * `restart` sends it a signal and starts it again on the same config and data.
 */
export async function launchProsody(
  dir: string,
  configFile: string,
  ports: readonly number[],
): Promise<{ log(): string; stop(): Promise<void>; restart(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void> }> {
  // Each line on its stdin (a signal name) restarts Prosody: that signal to its PID, then a new one.
  const watchdog: ChildProcess = spawn('sh', ['-c', WATCHDOG, 'sh', configFile, join(dir, 'stdout.log'), join(dir, 'watchdog.pid')], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  let exited = false;
  watchdog.once('exit', () => (exited = true));
  const log = (): string => {
    try {
      return readFileSync(join(dir, 'prosody.log'), 'utf8') + readFileSync(join(dir, 'stdout.log'), 'utf8');
    } catch {
      return '';
    }
  };
  const stop = async (): Promise<void> => {
    if (!exited) {
      const done = new Promise((resolve) => watchdog.once('exit', resolve));
      watchdog.stdin?.end();
      await done;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const listening = () =>
    waitUntil(
      async () => {
        if (exited) throw new Error(`prosody exited at start:\n${log()}`);
        for (const port of ports) if (!(await canConnect(port))) return false;
        return true;
      },
      10_000,
      () => `prosody did not listen on 127.0.0.1:${ports.join(', ')} within 10 s:\n${log()}`,
    );
  try {
    await listening();
  } catch (error) {
    await stop();
    throw error;
  }
  const pidNow = (): string => {
    try {
      return readFileSync(join(dir, 'watchdog.pid'), 'utf8').trim(); // written by the watchdog: Prosody in the foreground writes none
    } catch {
      return ''; // not written yet
    }
  };
  const restart = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> => {
    const pid = pidNow();
    watchdog.stdin?.write(`${signal.slice(3)}\n`); // TERM, KILL: what kill -s takes in every sh
    await waitUntil(() => pidNow() !== pid, 15_000, () => `prosody did not start again after ${pid} (${signal}):\n${log().slice(-2000)}`);
    await listening();
  };
  return { log, stop, restart };
}
