import { describe, expect, it } from 'vitest';
import { cutToBytes, hookEnvironment, MAX_HOOK_VALUE_BYTES } from './hook-env.js';

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

describe('hook environment', () => {
  it('names a variable per event field, keeps natter\'s environment, and leaves short values whole', () => {
    const { env, cut } = hookEnvironment({ event: 'message', peer: 'bob@x', body: 'hi\nthere', corrects: 'm1', room: undefined, nick: null }, { PATH: '/bin', HOME: '/h' });
    expect(env).toEqual({ PATH: '/bin', HOME: '/h', NATTER_EVENT: 'message', NATTER_PEER: 'bob@x', NATTER_BODY: 'hi\nthere', NATTER_CORRECTS: 'm1' });
    expect(cut).toEqual([]);
  });

  it('takes NUL (no environment can hold it), escape sequences and bidi controls out of every value', () => {
    const { env } = hookEnvironment({ event: 'presence', status: 'a\u0000b\u001b[2J\u001b]0;title\u0007c\u202ed\te' }, {});
    expect(env.NATTER_STATUS).toBe('abcd\te');
  });

  it('cuts a value over 64 KiB at a character boundary and says so in NATTER_<NAME>_TRUNCATED', () => {
    const body = '中'.repeat(65_536); // what natter keeps of a body: 196,608 bytes
    const { env, cut } = hookEnvironment({ event: 'message', body, peer: 'bob@x' }, { NATTER_PEER_TRUNCATED: '1' });
    expect(cut).toEqual(['NATTER_BODY']);
    expect(env.NATTER_BODY).toBe('中'.repeat(21_845)); // 65,535 bytes: the next character does not fit whole
    expect(env.NATTER_BODY_TRUNCATED).toBe('1');
    // A flag inherited from natter's own environment does not claim a whole value was cut.
    expect(env).not.toHaveProperty('NATTER_PEER_TRUNCATED');
    expect(bytes(`NATTER_BODY=${env.NATTER_BODY}`)).toBeLessThan(128 * 1024);
  });

  it('never splits a character, whatever its width, and keeps a value of exactly the limit whole', () => {
    for (const char of ['a', 'é', '中', '😀']) {
      const text = char.repeat(MAX_HOOK_VALUE_BYTES + 1); // over the limit for every width
      const result = cutToBytes(text, MAX_HOOK_VALUE_BYTES);
      expect(result.cut).toBe(true);
      expect(bytes(result.text)).toBeLessThanOrEqual(MAX_HOOK_VALUE_BYTES);
      expect(bytes(result.text)).toBeGreaterThan(MAX_HOOK_VALUE_BYTES - 4);
      expect(text.startsWith(result.text)).toBe(true);
      expect(result.text).not.toContain('\ufffd');
    }
    expect(cutToBytes('a'.repeat(MAX_HOOK_VALUE_BYTES), MAX_HOOK_VALUE_BYTES)).toEqual({ text: 'a'.repeat(MAX_HOOK_VALUE_BYTES), cut: false });
    expect(cutToBytes('ab😀', 5)).toEqual({ text: 'ab', cut: true });
  });
});
