import tls, { type PeerCertificate, type TLSSocket } from 'node:tls';
import { sanitizeLine } from '../../domain/sanitize.js';
import { CertificateError } from './errors.js';

export interface TlsPolicy {
  /** The XMPP domain the certificate must be valid for (RFC 6120 §13.7.2). */
  domain: string;
  /** Extra trust anchors for this connection only. */
  ca?: string[];
  /** SHA-256 fingerprints the user chose to trust ("AA:BB:..."). */
  pins?: string[];
}

/** Options for tls.connect: Node verifies the chain; we decide, so a pin can override it. */
export function tlsConnectOptions(policy: TlsPolicy): tls.ConnectionOptions {
  return {
    servername: policy.domain,
    rejectUnauthorized: false,
    minVersion: 'TLSv1.2',
    ...(policy.ca ? { ca: [...tls.rootCertificates, ...policy.ca] } : {}),
  };
}

/** Returns a CertificateError unless the peer is verified for the domain, or pinned. */
export function checkPeer(socket: TLSSocket, policy: TlsPolicy): CertificateError | undefined {
  const cert = socket.getPeerCertificate();
  const fingerprint = cert.fingerprint256 ?? '';
  if (fingerprint && policy.pins?.includes(fingerprint)) return undefined;
  let reason = socket.authorized ? '' : String(socket.authorizationError ?? 'not authorized');
  if (!reason) {
    const identity = tls.checkServerIdentity(policy.domain, cert);
    if (identity) reason = identity.message;
  }
  if (!reason) return undefined;
  if (policy.pins && policy.pins.length > 0) {
    // TOFU: the user trusted a certificate for this account, and this is another one.
    reason = `IT CHANGED: this is not the certificate you pinned (${policy.pins.join(', ')}); someone may be intercepting the connection, or the server got a new certificate. Check with its admin before you pin the new one (${reason})`;
  }
  return new CertificateError(policy.domain, describe(cert, reason));
}

/** A certificate field is whatever its maker wrote (a CN can hold escape sequences): inert, one line, bounded. */
const field = (value: unknown): string => {
  const text = sanitizeLine(String(value ?? '?'));
  return text.length > MAX_FIELD ? `${text.slice(0, MAX_FIELD)}…` : text;
};
const MAX_FIELD = 200;

function describe(cert: PeerCertificate, reason: string) {
  const name = (x: PeerCertificate['subject'] | undefined) => (x && typeof x === 'object' ? field(x.CN ?? JSON.stringify(x)) : '?');
  return {
    fingerprint: field(cert.fingerprint256),
    subject: name(cert.subject),
    issuer: name(cert.issuer),
    validFrom: field(cert.valid_from),
    validTo: field(cert.valid_to),
    // Node's reasons quote the certificate's names ("Host: x. is not in the cert's altnames: DNS:…").
    reason: sanitizeLine(reason).slice(0, 2 * MAX_FIELD),
  };
}
