import { describe, expect, it } from 'vitest';
import { joinLines } from './listen-command.js';

/** What `natter listen` did before: the same output, in time quadratic in a run of white space. */
const quadratic = (body: string): string => body.replace(/\s*\n\s*/g, ' ');

describe('joinLines (natter listen, text mode)', () => {
  it('turns each run of white space holding a line break into one space and leaves other runs alone', () => {
    const cases = ['', 'plain', 'a\nb', 'a  \n  b', 'a\r\n\r\nb', '\n', ' \n ', '  lead\n', 'tab\t\tkept', 'x\u00a0\n\u3000y', 'p\u2028q', 'no break   here', 'a \n b  c \t\n\t d'];
    for (const body of cases) expect(joinLines(body)).toBe(quadratic(body));
  });

  it('gives what the old pattern gave on thousands of random mixes of spaces, breaks and text', () => {
    let seed = 7;
    const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const alphabet = [' ', ' ', '\n', '\t', '\r', '\u00a0', 'a', 'b'];
    for (let i = 0; i < 5_000; i++) {
      const body = Array.from({ length: random(40) }, () => alphabet[random(alphabet.length)]).join('');
      expect(joinLines(body)).toBe(quadratic(body));
    }
  });

  it('handles a body of 65,536 spaces, with and without line breaks in it', () => {
    const spaces = ' '.repeat(65_536);
    expect(joinLines(spaces)).toBe(spaces);
    expect(joinLines(`a${spaces}b`)).toBe(`a${spaces}b`);
    expect(joinLines(`a${spaces}\n${spaces}b`)).toBe('a b');
    expect(joinLines(`${'x \n'.repeat(20_000)}end`)).toBe(`${'x '.repeat(20_000)}end`);
  });
});
