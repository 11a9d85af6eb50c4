import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileAsync } from './run.js';

export interface TestCertificates {
  caFile: string;
  caPem: string;
  certFile: string;
  keyFile: string;
}

/** Names the private server certificate is valid for. */
export const SERVER_NAMES = ['localhost', 'conference.localhost', 'upload.localhost', 'example.localhost', 'conference.example.localhost'];

/**
 * A private CA and a server certificate it signs, for SERVER_NAMES (EC P-256, 2 days). `cn` sets
 * the server certificate's common name and `caCn` its issuer's (UTF-8, up to 64 characters,
 * anything a certificate's maker may write in it).
 */
export async function makeCertificates(dir: string, options: { cn?: string; caCn?: string } = {}): Promise<TestCertificates> {
  const f = (name: string): string => join(dir, name);
  const openssl = (...args: string[]) => execFileAsync('openssl', args);
  await openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2',
    '-utf8', '-subj', `/CN=${options.caCn ?? 'natter test CA'}`, '-keyout', f('ca.key'), '-out', f('ca.pem'),
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  await openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-utf8', '-subj', `/CN=${options.cn ?? 'localhost'}`,
    '-keyout', f('localhost.key'), '-out', f('localhost.csr'));
  writeFileSync(f('ext.cnf'), `subjectAltName=${SERVER_NAMES.map((n) => `DNS:${n}`).join(',')}\nextendedKeyUsage=serverAuth\n`);
  await openssl('x509', '-req', '-in', f('localhost.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial',
    '-days', '2', '-extfile', f('ext.cnf'), '-out', f('localhost.crt'));
  return { caFile: f('ca.pem'), caPem: readFileSync(f('ca.pem'), 'utf8'), certFile: f('localhost.crt'), keyFile: f('localhost.key') };
}
