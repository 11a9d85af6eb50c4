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
  log(): string;
  stop(): Promise<void>;
}

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
export async function startProsody(options: { allowRegistration?: boolean; logLevel?: string; archiveItemLimit?: number; smacksQueueSize?: number } = {}): Promise<ProsodyServer> {
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
    }),
  );
  const info: ProsodyInfo = { host: '127.0.0.1', domain: 'localhost', c2sPort, directTlsPort, httpPort, httpsPort, caFile: certs.caFile, caPem: certs.caPem, configFile, dir };
  const { log, stop } = await launchProsody(dir, configFile, [c2sPort, directTlsPort]);
  return { ...info, register: (local, password, domain) => registerAccount(info, local, password, domain), log, stop };
}

/**
 * Runs Prosody on `configFile` (everything else in `dir`) and resolves once it listens on each
 * of `ports` at 127.0.0.1. It runs under a small sh watchdog that kills it when its stdin
 * closes, so it dies with whatever started it, even on kill -9. `stop` ends it and removes `dir`.
 */
export async function launchProsody(dir: string, configFile: string, ports: readonly number[]): Promise<{ log(): string; stop(): Promise<void> }> {
  const watchdog: ChildProcess = spawn('sh', ['-c', 'prosody --config "$1" -F </dev/null >"$2" 2>&1 & p=$!; cat >/dev/null; kill $p; wait $p', 'sh', configFile, join(dir, 'stdout.log')], {
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
  try {
    await waitUntil(
      async () => {
        if (exited) throw new Error(`prosody exited at start:\n${log()}`);
        for (const port of ports) if (!(await canConnect(port))) return false;
        return true;
      },
      10_000,
      () => `prosody did not listen on 127.0.0.1:${ports.join(', ')} within 10 s:\n${log()}`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { log, stop };
}
