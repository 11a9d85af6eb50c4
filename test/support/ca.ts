import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileAsync } from './run.js';

export interface TestCertificates {
  caFile: string;
  caPem: string;
  certFile: string;
  keyFile: string;
}

/** A private certificate authority: its certificate and the key that signs with it. */
export interface TestCa {
  caFile: string;
  caPem: string;
  caKey: string;
}

/** Names the private server certificate is valid for. */
export const SERVER_NAMES = ['localhost', 'conference.localhost', 'upload.localhost', 'example.localhost', 'conference.example.localhost'];

const openssl = (...args: string[]) => execFileAsync('openssl', args);

/** A private CA in `dir` (EC P-256, 2 days); `caCn` is its common name. */
export async function makeCa(dir: string, caCn = 'natter test CA'): Promise<TestCa> {
  const f = (name: string): string => join(dir, name);
  await openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2',
    '-utf8', '-subj', `/CN=${caCn}`, '-keyout', f('ca.key'), '-out', f('ca.pem'),
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  return { caFile: f('ca.pem'), caPem: readFileSync(f('ca.pem'), 'utf8'), caKey: f('ca.key') };
}

/**
 * A server certificate `ca` signs for `names` (EC P-256, 2 days), written to `dir` as
 * `<file>.crt` and `<file>.key`; `cn` is its common name.
 */
export async function issueCertificate(ca: TestCa, dir: string, names: readonly string[], options: { cn?: string; file?: string } = {}): Promise<TestCertificates> {
  const f = (suffix: string): string => join(dir, `${options.file ?? 'localhost'}${suffix}`);
  await openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-utf8', '-subj', `/CN=${options.cn ?? names[0]}`,
    '-keyout', f('.key'), '-out', f('.csr'));
  writeFileSync(f('.ext.cnf'), `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}\nextendedKeyUsage=serverAuth\n`);
  await openssl('x509', '-req', '-in', f('.csr'), '-CA', ca.caFile, '-CAkey', ca.caKey, '-CAcreateserial',
    '-days', '2', '-extfile', f('.ext.cnf'), '-out', f('.crt'));
  return { caFile: ca.caFile, caPem: ca.caPem, certFile: f('.crt'), keyFile: f('.key') };
}

/**
 * A private CA and a server certificate it signs, for SERVER_NAMES (EC P-256, 2 days). `cn` sets
 * the server certificate's common name and `caCn` its issuer's (UTF-8, up to 64 characters,
 * anything a certificate's maker may write in it).
 */
export async function makeCertificates(dir: string, options: { cn?: string; caCn?: string } = {}): Promise<TestCertificates> {
  const ca = await makeCa(dir, options.caCn);
  return issueCertificate(ca, dir, SERVER_NAMES, { cn: options.cn ?? 'localhost' });
}
