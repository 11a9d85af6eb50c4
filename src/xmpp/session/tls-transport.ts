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

  private yielding = false;

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'data' && this.socket) return this.deliverThenYield(args);
    if (event === 'connect' && this.socket) {
      const problem = checkPeer(this.socket, this.policy);
      if (problem) {
        this.socket.destroy();
        return super.emit('error', problem);
      }
    }
    return super.emit(event, ...args);
  }

  /**
   * One socket read can hold hundreds of stanzas (a flood, a MAM page), all parsed and handled
   * before anything else runs. After each decrypted chunk (a TLS record, at most 16 KB) the
   * socket pauses until the next turn of the event loop, so a key typed meanwhile is handled
   * and drawn between two chunks instead of after all of them. Nothing is dropped: a paused
   * socket keeps what arrives, and stops reading from the network when its buffer is full.
   */
  private deliverThenYield(args: unknown[]): boolean {
    const delivered = super.emit('data', ...args);
    const raw = this.socket;
    if (raw && !this.yielding) {
      this.yielding = true;
      raw.pause();
      setImmediate(() => {
        this.yielding = false;
        raw.resume();
      });
    }
    return delivered;
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
