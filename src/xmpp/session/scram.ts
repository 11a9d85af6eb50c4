import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { ScramIterationsError } from './errors.js';

/**
 * SCRAM (RFC 5802; SHA-256 per RFC 7677) on node:crypto. xmpp.js 0.14's SCRAM-SHA-1 runs
 * 10,000 awaited WebCrypto HMACs (~1 s per login); pbkdf2 does it in a few milliseconds, on
 * libuv's thread pool so the screen keeps answering keys meanwhile.
 *
 * Messages cross xmpp.js's SASL code as binary strings (one char per byte) because its
 * base64 uses btoa, which rejects characters above U+00FF: that keeps UTF-8 passwords and
 * usernames intact.
 */
type Hash = 'sha1' | 'sha256';

const pbkdf2Async = promisify(pbkdf2);

/**
 * The most PBKDF2 iterations natter computes for a server. The count is the server's choice
 * (RFC 5802 §5.1 "i="), so a hostile or compromised server could ask for any number and
 * have every login (and every reconnect) burn seconds of CPU. Servers ask for 4096 (ejabberd,
 * Openfire; RFC 7677 §4: "at least 4096") to 10,000 (Prosody); OWASP's 2023 figure for
 * PBKDF2-HMAC-SHA256, 600,000, is the most a hardened server is told to use, and it takes
 * about 0.15 s (SHA-256) to 0.3 s (SHA-1) here. Above it natter refuses before deriving.
 */
export const MAX_SCRAM_ITERATIONS = 600_000;

const toBinary = (b: Buffer): string => b.toString('latin1');
const fromBinary = (s: string): Buffer => Buffer.from(s, 'latin1');

/** RFC 5802 §5.1: "=" and "," in the username are escaped as "=3D" and "=2C". */
export function saslName(name: string): string {
  return name.replaceAll('=', '=3D').replaceAll(',', '=2C');
}

function xor(a: Buffer, b: Buffer): Buffer {
  return Buffer.from(a.map((byte, i) => byte ^ (b[i] ?? 0)));
}

export interface ScramKeys {
  clientProof: Buffer;
  serverSignature: Buffer;
}

/** RFC 5802 §3 key derivation, for one AuthMessage; Hi() runs off the main thread. */
export async function scramKeys(hash: Hash, password: Buffer, salt: Buffer, iterations: number, authMessage: string): Promise<ScramKeys> {
  const size = hash === 'sha1' ? 20 : 32;
  const salted = await pbkdf2Async(password, salt, iterations, size, hash);
  const hmac = (key: Buffer, data: string | Buffer) => createHmac(hash, key).update(data).digest();
  const clientKey = hmac(salted, 'Client Key');
  const storedKey = createHash(hash).update(clientKey).digest();
  const clientSignature = hmac(storedKey, Buffer.from(authMessage, 'utf8'));
  const serverKey = hmac(salted, 'Server Key');
  return { clientProof: xor(clientKey, clientSignature), serverSignature: hmac(serverKey, Buffer.from(authMessage, 'utf8')) };
}

function parseAttributes(message: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) map.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return map;
}

interface Credentials {
  username: string;
  password: string;
  /** The XMPP domain; @xmpp/sasl passes it (saslmechanisms' "server"). */
  server?: string;
}

/**
 * A saslmechanisms-style mechanism class for SCRAM-SHA-1 or SCRAM-SHA-256. response() is
 * async: @xmpp/sasl 0.14 awaits it (and challenge()), so the proof is derived without
 * blocking the event loop.
 */
export function scramMechanism(name: 'SCRAM-SHA-1' | 'SCRAM-SHA-256', hash: Hash, nonce: () => string = () => randomBytes(18).toString('base64')) {
  class Scram {
    readonly name = name;
    readonly clientFirst = true;
    #step = 0;
    #clientFirstBare = '';
    #cnonce = '';
    #serverFirst = '';
    #expectedServerSignature: Buffer | undefined;
    /** True once the server proved it knows the password too (the v= attribute). */
    serverVerified = false;

    async response(credentials: Credentials): Promise<string> {
      if (this.#step === 0) {
        this.#step = 1;
        this.#cnonce = nonce();
        this.#clientFirstBare = `n=${saslName(credentials.username)},r=${this.#cnonce}`;
        return toBinary(Buffer.from(`n,,${this.#clientFirstBare}`, 'utf8'));
      }
      if (this.#step === 2) {
        this.#step = 3;
        const attrs = parseAttributes(this.#serverFirst);
        const serverNonce = attrs.get('r') ?? '';
        const salt = Buffer.from(attrs.get('s') ?? '', 'base64');
        const iterations = Number(attrs.get('i'));
        if (!serverNonce.startsWith(this.#cnonce) || serverNonce.length <= this.#cnonce.length) throw new Error('SCRAM: the server nonce does not extend ours');
        if (!Number.isInteger(iterations) || iterations < 1) throw new Error('SCRAM: bad iteration count');
        // Refused before any work: nothing is derived and no proof is sent.
        if (iterations > MAX_SCRAM_ITERATIONS) throw new ScramIterationsError(credentials.server ?? 'the server', iterations, MAX_SCRAM_ITERATIONS);
        if (salt.length === 0) throw new Error('SCRAM: empty salt');
        const withoutProof = `c=biws,r=${serverNonce}`;
        const authMessage = `${this.#clientFirstBare},${this.#serverFirst},${withoutProof}`;
        const keys = await scramKeys(hash, Buffer.from(credentials.password.normalize('NFKC'), 'utf8'), salt, iterations, authMessage);
        this.#expectedServerSignature = keys.serverSignature;
        return toBinary(Buffer.from(`${withoutProof},p=${keys.clientProof.toString('base64')}`, 'utf8'));
      }
      return '';
    }

    challenge(data: string): void {
      const text = fromBinary(data).toString('utf8');
      if (this.#step === 1) {
        this.#serverFirst = text;
        this.#step = 2;
        return;
      }
      this.verify(text);
    }

    /** Checks the server-final-message's v= (RFC 5802 §5.1), when the server sends one. */
    verify(serverFinal: string): void {
      const attrs = parseAttributes(serverFinal);
      if (attrs.has('e')) throw new Error(`SCRAM: server error ${attrs.get('e')}`);
      const v = Buffer.from(attrs.get('v') ?? '', 'base64');
      const expected = this.#expectedServerSignature;
      if (!expected || v.length !== expected.length || !timingSafeEqual(v, expected)) throw new Error('SCRAM: the server signature is wrong');
      this.serverVerified = true;
    }
  }
  return Scram;
}
