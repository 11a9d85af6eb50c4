import { describe, expect, it } from 'vitest';
import { utf8Boundary } from './utf8-boundary.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('utf8Boundary', () => {
  it('keeps whole input whole', () => {
    expect(utf8Boundary(bytes('plain'))).toBe(5);
    expect(utf8Boundary(bytes('日本'))).toBe(6);
    expect(utf8Boundary(bytes('a😀'))).toBe(5);
  });

  it('holds back a character cut at the end of a read', () => {
    const emoji = bytes('a😀'); // 61 f0 9f 98 80
    for (const cut of [2, 3, 4]) expect(utf8Boundary(emoji.subarray(0, cut))).toBe(1);
    expect(utf8Boundary(bytes('é').subarray(0, 1))).toBe(0);
  });

  it('cuts at or before a limit, only between characters', () => {
    const text = bytes('ab日本'); // 61 62 | e6 97 a5 | e6 9c ac
    expect(utf8Boundary(text, 2)).toBe(2);
    expect(utf8Boundary(text, 3)).toBe(2);
    expect(utf8Boundary(text, 4)).toBe(2);
    expect(utf8Boundary(text, 5)).toBe(5);
    expect(utf8Boundary(text, 7)).toBe(5);
    // Every cut of a long mixed text decodes to the text again.
    const mixed = bytes('héllo 日本語 😀 ok '.repeat(50));
    for (let limit = 1; limit < 40; limit++) {
      const parts: string[] = [];
      let rest = mixed;
      while (rest.length > 0) {
        const cut = utf8Boundary(rest, limit) || utf8Boundary(rest, 4);
        parts.push(rest.subarray(0, cut).toString('utf8'));
        rest = rest.subarray(cut);
      }
      expect(parts.join('')).toBe(mixed.toString('utf8'));
    }
  });

  it('does not hold back bytes that are not UTF-8', () => {
    expect(utf8Boundary(Uint8Array.from([0x61, 0x80, 0x80, 0x80, 0x80]))).toBe(5);
    expect(utf8Boundary(Uint8Array.from([0x80, 0x80]))).toBe(2);
  });
});
