import { describe, expect, it } from 'vitest';
import { MAX_SCRAM_ITERATIONS, scramMechanism } from './scram.js';

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
  it('produces the client messages and verifies the server signature', async () => {
    const Mechanism = scramMechanism(v.name, v.hash, () => v.cnonce);
    const mech = new Mechanism();
    const creds = { username: 'user', password: 'pencil' };
    expect(await mech.response(creds)).toBe(`n,,n=user,r=${v.cnonce}`);
    mech.challenge(v.serverFirst);
    expect(await mech.response(creds)).toBe(v.clientFinal);
    mech.challenge(v.serverFinal);
    expect(mech.serverVerified).toBe(true);
  });

  it('rejects a wrong server signature and a nonce that is not ours', async () => {
    const Mechanism = scramMechanism(v.name, v.hash, () => v.cnonce);
    const mech = new Mechanism();
    const creds = { username: 'user', password: 'pencil' };
    await mech.response(creds);
    mech.challenge(v.serverFirst);
    await mech.response(creds);
    expect(() => mech.challenge('v=AAAA')).toThrow('SCRAM: the server signature is wrong');
    const other = new Mechanism();
    await other.response(creds);
    other.challenge(v.serverFirst.replace(v.cnonce, 'someoneelse'));
    await expect(other.response(creds)).rejects.toThrow('SCRAM: the server nonce does not extend ours');
  });
});

describe('the iteration count the server asks for', () => {
  const serverFirst = (iterations: number) => `r=clientnonceSERVER,s=${Buffer.from('salt').toString('base64')},i=${iterations}`;
  const creds = { username: 'user', password: 'pencil', server: 'example.org' };

  it(`is refused above ${MAX_SCRAM_ITERATIONS}, naming the count, before any derivation`, async () => {
    const mech = new (scramMechanism('SCRAM-SHA-1', 'sha1', () => 'clientnonce'))();
    await mech.response(creds);
    mech.challenge(serverFirst(10_000_000));
    const error = (await mech.response(creds).catch((e: unknown) => e)) as Error;
    expect(error.name).toBe('ScramIterationsError');
    expect(error.message).toContain('example.org: it asks for 10000000 SCRAM iterations');
    expect(error.message).toContain('did not compute or send the password proof');
  });

  it('is accepted up to the limit', async () => {
    const mech = new (scramMechanism('SCRAM-SHA-256', 'sha256', () => 'clientnonce'))();
    await mech.response(creds);
    mech.challenge(serverFirst(MAX_SCRAM_ITERATIONS));
    expect(await mech.response(creds)).toMatch(/^c=biws,r=clientnonceSERVER,p=/);
  });

  it('is derived off the event loop: it keeps turning during a 100,000-iteration derivation', async () => {
    const mech = new (scramMechanism('SCRAM-SHA-1', 'sha1', () => 'clientnonce'))();
    await mech.response(creds);
    mech.challenge(serverFirst(100_000));
    // A turn of the event loop counts one; a synchronous pbkdf2 would hold the loop and
    // leave the count at 0 until the proof is there.
    let turns = 0;
    let spinning = true;
    const spin = (): void => {
      if (!spinning) return;
      turns++;
      setImmediate(spin);
    };
    setImmediate(spin);
    const proof = mech.response(creds);
    const turnsWhenDone = await proof.then(() => turns);
    spinning = false;
    expect(turnsWhenDone).toBeGreaterThan(0);
  });
});
