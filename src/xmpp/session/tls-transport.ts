import ConnectionTLS from '@xmpp/tls/lib/Connection.js';
import TlsSocket from '@xmpp/tls/lib/Socket.js';
import { checkPeer, tlsConnectOptions, type TlsPolicy } from './tls-policy.js';

/**
 * @xmpp/tls's socket wrapper with natter's certificate decision made before the stream
 * starts: an unverified, unpinned peer is cut and reported as a CertificateError.
 */
export class VerifyingSocket extends TlsSocket {
  constructor(private readonly policy: TlsPolicy) {
    super();
    // A TLS error can arrive after the connection gave up on this socket; with no listener
    // Node would throw it and kill the process (stack.md, "late TLS socket error").
    this.on('error', () => undefined);
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'connect' && this.socket) {
      const problem = checkPeer(this.socket, this.policy);
      if (problem) {
        this.socket.destroy();
        return super.emit('error', problem);
      }
    }
    return super.emit(event, ...args);
  }
}

/** A direct-TLS (xmpps://) transport bound to one account's TLS policy. */
export function verifyingTransport(policy: TlsPolicy) {
  const Base = ConnectionTLS as unknown as new () => { socketParameters(service: string): object | undefined };
  class VerifyingTls extends Base {
    override socketParameters(service: string) {
      const params = super.socketParameters(service);
      return params && { ...params, ...tlsConnectOptions(policy) };
    }
  }
  (VerifyingTls.prototype as unknown as { Socket: unknown }).Socket = class extends VerifyingSocket {
    constructor() {
      super(policy);
    }
  };
  return VerifyingTls;
}
