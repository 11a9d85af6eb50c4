import { styledCharsFromTokens, styledCharsToString, tokenize } from '@alcalzone/ansi-tokenize';
import { describe, expect, it } from 'vitest';
// Ink's own Output, by path: the package exports only its entry point.
import InkOutput from '../../../node_modules/ink/build/output.js';
import CachedOutput, { plainFacts, type Clip } from './cached-output.js';

type Transformer = (line: string, index: number) => string;
type Step =
  | { kind: 'write'; x: number; y: number; text: string; transformers: Transformer[] }
  | { kind: 'clip'; clip: Clip }
  | { kind: 'unclip' };

interface OutputLike {
  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void;
  clip(clip: Clip): void;
  unclip(): void;
  get(): { output: string; height: number };
}

const play = (output: OutputLike, steps: Step[]): string => {
  for (const step of steps) {
    if (step.kind === 'write') output.write(step.x, step.y, step.text, { transformers: step.transformers });
    else if (step.kind === 'clip') output.clip(step.clip);
    else output.unclip();
  }
  return output.get().output;
};

/** What a terminal shows: each cell's character and the set of styles in force on it. */
const screen = (output: string): string[][] =>
  output.split('\n').map((row) =>
    styledCharsFromTokens(tokenize(row)).map((cell) => `${cell.value}|${cell.styles.map((s) => s.code).sort().join('')}`),
  );

const both = (width: number, height: number, steps: Step[]): { ink: string; cached: string } => ({
  ink: play(new InkOutput({ width, height }) as OutputLike, steps),
  cached: play(new CachedOutput({ width, height }), steps),
});

const red = (text: string): string => `\u001b[31m${text}\u001b[39m`;
const bold = (text: string): string => `\u001b[1m${text}\u001b[22m`;

describe('CachedOutput', () => {
  it('draws pieces side by side, as Ink does, with the styles of each', () => {
    const steps: Step[] = [
      { kind: 'write', x: 0, y: 0, text: `${red('alice')} online`, transformers: [] },
      { kind: 'write', x: 20, y: 0, text: bold('12:00 hello'), transformers: [] },
      { kind: 'write', x: 2, y: 1, text: 'two\nlines', transformers: [(line) => red(line)] },
    ];
    const { ink, cached } = both(40, 4, steps);
    expect(screen(cached)).toEqual(screen(ink));
    expect(cached.split('\n')[0]).toBe(`${red('alice')} online${' '.repeat(8)}${bold('12:00 hello')}`);
  });

  it('lets a later piece cover an earlier one, splitting wide characters as Ink does', () => {
    const steps: Step[] = [
      { kind: 'write', x: 0, y: 0, text: '漢字漢字漢字 background', transformers: [] },
      { kind: 'write', x: 3, y: 0, text: red('X'), transformers: [] },
      { kind: 'write', x: 0, y: 1, text: ' '.repeat(30), transformers: [(line) => `\u001b[44m${line}\u001b[49m`] },
      { kind: 'write', x: 4, y: 1, text: 'on blue 👍', transformers: [] },
    ];
    const { ink, cached } = both(30, 2, steps);
    expect(screen(cached)).toEqual(screen(ink));
  });

  it('clips to a box in both directions', () => {
    const steps: Step[] = [
      { kind: 'clip', clip: { x1: 2, x2: 8, y1: 1, y2: 3 } },
      { kind: 'write', x: 0, y: 0, text: 'row zero\nrow one 世界\nrow two\nrow three', transformers: [(line, i) => `${i}${line}`] },
      { kind: 'unclip' },
    ];
    const { ink, cached } = both(12, 5, steps);
    expect(screen(cached)).toEqual(screen(ink));
    expect(cached.split('\n')[1]).not.toBe('');
  });

  it('takes a styled ASCII line as it is only when it is exactly what Ink would normalize it to', () => {
    let seed = 11;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['ab', ' ', 'x y', '\u001b[31m', '\u001b[39m', '\u001b[1m', '\u001b[2m', '\u001b[22m', '\u001b[3m', '\u001b[23m', '\u001b[7m',
      '\u001b[27m', '\u001b[38;5;208m', '\u001b[38;2;1;2;3m', '\u001b[44m', '\u001b[49m', '\u001b[0m', '\u001b[m', '\u001b[1;31m', '\u001b[4m', '\u001b[24m', '\u001b[90m', 'é'];
    const pairs = [['31', '39'], ['1', '22'], ['2', '22'], ['3', '23'], ['7', '27'], ['38;5;208', '39'], ['44', '49'], ['90', '39'], ['4', '24']];
    const styled = (): string => {
      const [on, off] = pairs[random(pairs.length)] as [string, string];
      const inner = random(3) === 0 ? styled() : (['ab', 'x y', ' '][random(3)] as string);
      return `\u001b[${on}m${inner}${random(2) ? 'z' : ''}\u001b[${off}m`;
    };
    let taken = 0;
    for (let n = 0; n < 20_000; n++) {
      const line = Array.from({ length: 1 + random(5) }, () => (random(3) === 0 ? (pieces[random(pieces.length)] as string) : styled())).join('');
      const fast = plainFacts(line);
      if (fast === undefined) continue;
      taken++;
      const characters = styledCharsFromTokens(tokenize(line));
      expect({ normalized: fast.normalized, advance: fast.advance }, JSON.stringify(line)).toEqual({ normalized: styledCharsToString(characters), advance: characters.length });
    }
    expect(taken).toBeGreaterThan(2000); // the generator reaches the fast path often
    expect(plainFacts(`\u001b[90m12:34 \u001b[39mbob@example.org: hi`)).toEqual({ normalized: `\u001b[90m12:34 \u001b[39mbob@example.org: hi`, advance: 25, hasWide: false });
  });

  it('shows the same screen as Ink for 3,000 random frames', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const words = ['hi', 'alice', '漢字', '👍', 'naïve', 'a\u200bb', '  ', 'x'.repeat(15), '\n', 'été', '🇫🇷', 'cafe\u0301'];
    const styles = [(t: string): string => t, red, bold, (t: string): string => `\u001b[38;5;208m${t}\u001b[39m`, (t: string): string => `\u001b[7m${t}\u001b[27m`];
    const transformers: Transformer[] = [(line) => red(line), (line) => line.toUpperCase(), (line, i) => `${i}:${line}`];
    for (let frame = 0; frame < 3000; frame++) {
      const width = 5 + random(30);
      const height = 1 + random(6);
      const steps: Step[] = [];
      let open = 0;
      for (let n = random(8); n >= 0; n--) {
        const pick = random(10);
        if (pick === 0) {
          steps.push({ kind: 'clip', clip: { x1: random(width), x2: random(width + 2), y1: random(2) ? random(height) : undefined, y2: random(2) ? random(height + 1) : undefined } });
          open++;
        } else if (pick === 1 && open > 0) {
          steps.push({ kind: 'unclip' });
          open--;
        } else {
          const text = Array.from({ length: 1 + random(5) }, () => (styles[random(styles.length)] as (t: string) => string)(words[random(words.length)] as string)).join(random(2) ? ' ' : '');
          const chosen = random(3) ? [] : [transformers[random(transformers.length)] as Transformer];
          steps.push({ kind: 'write', x: random(width + 4) - 2, y: random(height + 2) - 1, text, transformers: chosen });
        }
      }
      const { ink, cached } = both(width, height, steps);
      expect(screen(cached), JSON.stringify({ frame, width, height, steps: steps.map((s) => (s.kind === 'write' ? { ...s, transformers: s.transformers.length } : s)) })).toEqual(screen(ink));
    }
  });
});
