/**
 * SASL PLAIN (RFC 4616), only ever used over TLS. Like scram.ts it hands xmpp.js a binary
 * string so that a UTF-8 password survives its btoa-based base64 (xmpp.js #1122).
 */
export class PlainMechanism {
  readonly name = 'PLAIN';
  readonly clientFirst = true;

  response(credentials: { username: string; password: string }): string {
    return Buffer.from(`\u0000${credentials.username}\u0000${credentials.password.normalize('NFKC')}`, 'utf8').toString('latin1');
  }

  challenge(): void {}
}
