import { describe, expect, it } from 'vitest';
import { boundedLine, sanitizeLine, sanitizeText } from './sanitize.js';

describe('sanitizeText', () => {
  it.each([
    ['colour change', 'a\u001b[31mred\u001b[0mb', 'aredb'],
    ['cursor movement and clear', '\u001b[2J\u001b[Hhi\u001b[10;5H', 'hi'],
    ['window title (OSC 0, BEL)', '\u001b]0;pwned\u0007text', 'text'],
    ['OSC 52 clipboard write (ST)', '\u001b]52;c;ZXZpbA==\u001b\\ok', 'ok'],
    ['8-bit CSI', 'x\u009b31my', 'xy'],
    ['lone ESC and bell', 'a\u001bb\u0007c', 'ac'],
    ['bidi override', 'abc\u202edcba\u202c', 'abcdcba'],
    ['backspace overwrite', 'good\u0008\u0008\u0008\u0008evil', 'goodevil'],
    ['CRLF normalised', 'one\r\ntwo\rthree', 'one\ntwo\nthree'],
  ])('strips %s', (_name, input, expected) => {
    expect(sanitizeText(input)).toBe(expected);
  });

  it('keeps ordinary text, CJK, emoji, newlines and tabs', () => {
    const text = 'hello 世界 👩‍💻\n\tindent';
    expect(sanitizeText(text)).toBe(text);
  });

  it('sanitizeLine folds newlines and tabs into one space', () => {
    expect(sanitizeLine('nick\n\n\tname')).toBe('nick name');
  });
});

describe('boundedLine', () => {
  it('makes a field inert, on one line, trimmed', () => {
    expect(boundedLine(' Gajim\u001b[31m\n1.8\u202e ', 40)).toBe('Gajim 1.8');
  });

  it('cuts a long field with an ellipsis, never between the halves of a surrogate pair', () => {
    expect(boundedLine('x'.repeat(1_000_000), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(boundedLine(`${'x'.repeat(8)}😀yz`, 10)).toBe(`${'x'.repeat(8)}…`);
    expect(boundedLine('x'.repeat(10), 10)).toBe('x'.repeat(10));
  });
});
