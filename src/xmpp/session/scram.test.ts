import { describe, expect, it } from 'vitest';
import { scramMechanism } from './scram.js';

// RFC 5802 §5 (SHA-1) and RFC 7677 §3 (SHA-256): user "user", password "pencil".
const vectors = [
  {
    name: 'SCRAM-SHA-1' as const, hash: 'sha1' as const, cnonce: 'fyko+d2lbbFgONRv9qkxdawL',
    serverFirst: 'r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096',
    clientFinal: 'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=',
    serverFinal: 'v=rmF9pqV8S7suAoZWja4dJRkFsKQ=',
  },
  {
    name: 'SCRAM-SHA-256' as const, hash: 'sha256' as const, cnonce: 'rOprNGfwEbeRWgbNEkqO',
    serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
    clientFinal: 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
    serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
  },
];

describe.each(vectors)('$name (RFC test vector)', (v) => {
  it('produces the client messages and verifies the server signature', () => {
    const Mechanism = scramMechanism(v.name, v.hash, () => v.cnonce);
    const mech = new Mechanism();
    const creds = { username: 'user', password: 'pencil' };
    expect(mech.response(creds)).toBe(`n,,n=user,r=${v.cnonce}`);
    mech.challenge(v.serverFirst);
    expect(mech.response(creds)).toBe(v.clientFinal);
    mech.challenge(v.serverFinal);
    expect(mech.serverVerified).toBe(true);
  });

  it('rejects a wrong server signature and a nonce that is not ours', () => {
    const Mechanism = scramMechanism(v.name, v.hash, () => v.cnonce);
    const mech = new Mechanism();
    const creds = { username: 'user', password: 'pencil' };
    mech.response(creds);
    mech.challenge(v.serverFirst);
    mech.response(creds);
    expect(() => mech.challenge('v=AAAA')).toThrow('SCRAM: the server signature is wrong');
    const other = new Mechanism();
    other.response(creds);
    other.challenge(v.serverFirst.replace(v.cnonce, 'someoneelse'));
    expect(() => other.response(creds)).toThrow('SCRAM: the server nonce does not extend ours');
  });
});
