import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { makeCertificates } from './ca.js';

/** A stream header and features offering PLAIN, as an impostor sends to harvest a password. */
export const PLAIN_FEATURES =
  "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' from='localhost' id='mitm' version='1.0'>" +
  "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>";

/** Only the bare features: what the old stream's parser, still attached on a reconnect, would take. */
export const BARE_PLAIN_FEATURES =
  "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>";

export interface HostileTlsServer {
  port: number;
  /** Everything every client sent, decrypted. */
  received(): string;
  connections(): number;
  /** Relaying so far: cut every relayed connection, and be the impostor from now on. */
  takeOver(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A man in the middle with a certificate for `localhost` from its own CA (one natter does not
 * trust), in a process of its own: the moment a TLS handshake ends it writes `greeting`,
 * before the client has said anything, and records what comes back. With `relayTo` it first
 * passes connections through to the real server, until takeOver().
 */
export async function startHostileTlsServer(greeting: string, relayTo?: { host: string; port: number }, cert: { cn?: string; caCn?: string } = {}): Promise<HostileTlsServer> {
  const dir = mkdtempSync(join(tmpdir(), 'natter-mitm-'));
  const certs = await makeCertificates(dir, cert);
  const program = new URL('./hostile-tls-server.mjs', import.meta.url).pathname;
  const child = spawn(process.execPath, [program, certs.certFile, certs.keyFile, Buffer.from(greeting).toString('base64'), ...(relayTo ? [relayTo.host, String(relayTo.port)] : [])], { stdio: ['pipe', 'pipe', 'inherit'] });
  let received = '';
  let count = 0;
  let taken: (() => void) | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the impostor exited (${code})`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [kind, value = ''] = line.split(' ');
      if (kind === 'port') resolve(Number(value));
      else if (kind === 'conn') count++;
      else if (kind === 'taken') taken?.();
      else if (kind === 'data') received += Buffer.from(value, 'base64').toString('utf8');
    });
  });
  return {
    port,
    received: () => received,
    connections: () => count,
    takeOver: () =>
      new Promise<void>((resolve) => {
        taken = resolve;
        child.stdin.write('takeover\n');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.stdin.end();
      }),
  };
}
