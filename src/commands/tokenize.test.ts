import { describe, expect, it } from 'vitest';
import { lastToken, quoteToken, tokenize } from './tokenize.js';

describe('tokenize', () => {
  it.each([
    ['a b  c', ['a', 'b', 'c']],
    ['"two words" one', ['two words', 'one']],
    ["'it''s' x", ['its', 'x']],
    ['a\\ b', ['a b']],
    ['   ', []],
  ])('%j', (input, tokens) => {
    expect(tokenize(input)).toEqual({ ok: true, tokens });
  });

  it('keeps the rest of the line verbatim in the last token', () => {
    expect(tokenize('bob@example.org  hello  "world"  ', 2)).toEqual({
      ok: true,
      tokens: ['bob@example.org', 'hello  "world"'],
    });
  });

  it('reports an unclosed quote with its column', () => {
    expect(tokenize('a "b c')).toEqual({ ok: false, error: 'unclosed " quote starting at column 3' });
  });

  it('reads back a word quoted by quoteToken as one token', () => {
    for (const word of ['plain', 'two words', 'say "hi"', "it's", 'back\\slash', 'tab\there']) {
      expect(tokenize(`${quoteToken(word)} next`)).toEqual({ ok: true, tokens: [word, 'next'] });
    }
    expect(quoteToken('plain')).toBe('plain');
    expect(quoteToken('My Docs/', { open: true })).toBe('"My Docs/');
  });

  it('finds the word being typed by the same rules, an open quote included', () => {
    expect(lastToken('/source "My Do')).toEqual({ start: 8, value: 'My Do', trailingEscape: false });
    expect(lastToken('/msg a\\ b')).toEqual({ start: 5, value: 'a b', trailingEscape: false });
    expect(lastToken('/msg bob ')).toEqual({ start: 9, value: '', trailingEscape: false });
    expect(lastToken('/msg bo\\')).toMatchObject({ start: 5, trailingEscape: true });
  });
});
