import type { TLSSocket } from 'node:tls';
import { BoundedParser } from './bounded-parser.js';
import { EarlyDataError } from './errors.js';
import { checkPeer, tlsConnectOptions, type TlsPolicy } from './tls-policy.js';
import { utf8Boundary } from './utf8-boundary.js';
import { setTransportParser, setTransportSocket, TlsSocketBase, TlsTransport } from './xmppjs-internals.js';

/** Bytes handed to the XMPP parser per turn of the event loop: about ten chat messages. */
const SLICE_BYTES = 4096;

/**
 * @xmpp/tls's socket wrapper with natter's certificate decision made the moment the TLS
 * handshake ends, before a single byte from the peer is read: an unverified, unpinned peer is
 * cut and reported as a CertificateError. (@xmpp/tls itself emits 'connect' a timer tick
 * after a TLS 1.3 handshake, and forwards whatever arrives meanwhile: an impostor that spoke
 * first was parsed before its certificate was looked at.)
 */
export class VerifyingSocket extends TlsSocketBase {
  constructor(private readonly policy: TlsPolicy) {
    super();
    // A TLS error can arrive after the connection gave up on this socket; with no listener
    // Node would throw it and kill the process (stack.md, "late TLS socket error").
    this.on('error', () => undefined);
    // Secure means verified: isSecure() is false until the peer passed the check.
    this.setSecure(false);
  }

  /** The peer's certificate passed natter's check (the CA chain and name, or a pin). */
  verified = false;
  /** 'connect' was emitted: natter may now send its stream header, and read the answer. */
  private connected = false;

  /** Received, not yet handed to the XMPP parser. */
  private pending: Buffer = Buffer.alloc(0);
  private pacing = false;

  protected override beforeListening(socket: TLSSocket): void {
    // Registered before @xmpp/tls's own listeners, so it runs first.
    socket.once('secureConnect', () => this.judge(socket));
    // Nagle off: XMPP writes are small and often follow one another (an XEP-0198 <a/>, then
    // the next IQ); with Nagle the second waited for the server's delayed ACK of the first:
    // 45 ms per IQ round trip on loopback, 2 ms without (STARTTLS and direct TLS alike).
    socket.setNoDelay(true);
  }

  private judge(socket: TLSSocket): void {
    const problem = checkPeer(socket, this.policy);
    if (problem) {
      socket.destroy();
      super.emit('error', problem);
      return;
    }
    this.verified = true;
    this.setSecure(true);
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'data' && this.raw) return this.receive(args);
    if (event === 'connect') {
      if (!this.verified) return false; // judged and refused: the error was emitted instead
      this.connected = true;
    }
    return super.emit(event, ...args);
  }

  /**
   * One socket read can hold a TLS record of 16 KB (some forty chat messages of a flood, a MAM
   * page), all parsed and handled before anything else runs: a key typed meanwhile waited
   * 10-20 ms. What arrives is handed to the parser SLICE_BYTES at a time, one slice per turn of
   * the event loop, the socket paused until all is handed on, so a key is handled and drawn
   * between two slices. Slices end between two UTF-8 characters (utf8Boundary), and a character
   * cut at the end of a read waits for the rest of it. Nothing is dropped: a paused socket keeps
   * what arrives, and stops reading from the network when its buffer is full.
   */
  private receive(args: unknown[]): boolean {
    // Nothing from a peer that is not verified is read; nor before natter has opened its
    // stream, when a server has nothing to say (RFC 6120 §4.2: it answers the client's header).
    if (!this.verified) return true;
    if (!this.connected) {
      this.raw?.destroy();
      return super.emit('error', new EarlyDataError(this.policy.domain));
    }
    const [chunk] = args;
    if (!Buffer.isBuffer(chunk)) return super.emit('data', ...args);
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    if (!this.pacing) this.deliverSlice();
    return true;
  }

  private deliverSlice(): void {
    const cut = utf8Boundary(this.pending, SLICE_BYTES);
    if (cut > 0) {
      const slice = this.pending.subarray(0, cut);
      this.pending = this.pending.subarray(cut);
      super.emit('data', slice);
    }
    const raw = this.raw;
    this.pacing = true;
    raw?.pause();
    setImmediate(() => {
      if (utf8Boundary(this.pending, SLICE_BYTES) > 0) return this.deliverSlice();
      this.pacing = false;
      raw?.resume();
    });
  }
}

/** A direct-TLS (xmpps://) transport bound to one account's TLS policy. */
export function verifyingTransport(policy: TlsPolicy) {
  class VerifyingTls extends TlsTransport {
    override socketParameters(service: string) {
      const params = super.socketParameters(service);
      return params && { ...params, ...tlsConnectOptions(policy) };
    }
  }
  setTransportParser(VerifyingTls, BoundedParser);
  setTransportSocket(
    VerifyingTls,
    class extends VerifyingSocket {
      constructor() {
        super(policy);
      }
    },
  );
  return VerifyingTls;
}
