/**
 * Private members of xmpp.js 0.14's Connection that natter relies on, named in one place and
 * checked when a client is made: a later xmpp.js that renames one fails at once, loudly,
 * instead of silently losing a safeguard. To re-check after an upgrade, read
 * node_modules/@xmpp/connection/index.js for each name below.
 */
export interface ConnectionInternals {
  /** The stream's XML parser; null between streams. */
  parser: { write(data: string): void; emit(event: 'error', error: Error): boolean } | null;
  status: string;
  /** The socket's 'data' listener: feeds the parser (bound when the first socket is attached). */
  _onData(data: Buffer): void;
  _detachParser(): void;
  _attachSocket(socket: unknown): void;
}

const METHODS = ['_onData', '_detachParser', '_attachSocket'] as const;

/** The entity seen through its private members, after checking they are there. */
export function connectionInternals(entity: object): ConnectionInternals {
  const internals = entity as unknown as ConnectionInternals;
  const missing = METHODS.filter((name) => typeof internals[name] !== 'function');
  if (!('parser' in internals)) missing.push('parser' as never);
  if (missing.length > 0) {
    throw new Error(`this xmpp.js is not the one natter was built for (missing: ${missing.join(', ')}); reinstall natter with its locked dependencies (npm ci)`);
  }
  return internals;
}
