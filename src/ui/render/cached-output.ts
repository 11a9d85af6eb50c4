// Ink's Output (ink/build/output.js), the stage that turns one frame's text writes into the
// rows sent to the terminal, with caches that outlive a frame. Ink's own builds a fresh grid of
// 10,000 cell objects for a 200×50 screen and re-tokenizes every row's ANSI at every frame: 40 %
// of a frame and most of its garbage (npm run bench:frame). From one frame to the next almost
// every line is the same string (a chat scrolls by one line, the roster does not move), so here
// a line is tokenized once, and a row whose pieces do not overlap is the pieces joined with
// blanks. Rows with overlapping pieces take Ink's cell-by-cell path. The screen is the same as
// Ink's, cell for cell and style for style (cached-output.test.ts compares the two); the bytes
// may differ where Ink merges the styles of adjacent pieces.
// The bundle (scripts/bundle.mjs) puts this module in place of Ink's.
import { styledCharsFromTokens, styledCharsToString, tokenize, type StyledChar } from '@alcalzone/ansi-tokenize';
import stringWidth from 'string-width';
import { GenerationCache } from './generation-cache.js';

type Transformer = (line: string, index: number) => string;

export interface Clip {
  x1?: number;
  x2?: number;
  y1?: number;
  y2?: number;
}

type Operation =
  | { type: 'write'; x: number; y: number; text: string; transformers: Transformer[] }
  | { type: 'clip'; clip: Clip }
  | { type: 'unclip' };

/** One line placed on a row: at column x, in Ink's normalized form. */
interface Piece {
  x: number;
  line: string;
}

interface LineFacts {
  /** The line as Ink writes it: styles re-opened per run, reset at the end. */
  normalized: string;
  /** Columns the line advances (Ink counts every character as at least one column). */
  advance: number;
  hasWide: boolean;
}

const IGNORABLE = /^\p{Default_Ignorable_Code_Point}+$/u;

const styledChars = (line: string): StyledChar[] =>
  styledCharsFromTokens(tokenize(line)).filter((character) => !IGNORABLE.test(character.value));

const widths = new GenerationCache<string, number>(1000);
const width = (text: string): number => widths.get(text, stringWidth);

const lineFacts = new GenerationCache<string, LineFacts>(1000);
/** A line's facts from its characters; the line is cached under its normalized form. */
const factsFrom = (characters: StyledChar[]): LineFacts => {
  let advance = 0;
  let hasWide = false;
  for (const character of characters) {
    const columns = width(character.value);
    if (columns > 1) hasWide = true;
    advance += Math.max(1, columns);
  }
  return { normalized: styledCharsToString(characters), advance, hasWide };
};
const factsOf = (line: string): LineFacts => lineFacts.get(line, () => plainFacts(line) ?? factsFrom(styledChars(line)));

/** Printable ASCII and SGR sequences only: most of what natter draws (timestamps, nicks, bodies). */
// eslint-disable-next-line no-control-regex -- ESC is what these match
const PLAIN = /^(?:[\x20-\x7e]|\x1b\[[\d;]*m)*$/;
// eslint-disable-next-line no-control-regex -- ESC is what these match
const SGR = /\x1b\[([\d;]*)m/g;
// The style class an SGR code opens, and the code that closes it (as ansi-styles pairs them).
const CLASS_OF: Record<string, string> = { '1': 'weight', '2': 'weight', '3': 'italic', '4': 'underline', '7': 'inverse', '8': 'hidden', '9': 'strike' };
const CLOSES: Record<string, string> = { '22': 'weight', '23': 'italic', '24': 'underline', '27': 'inverse', '28': 'hidden', '29': 'strike', '39': 'fg', '49': 'bg' };
const classOf = (code: string): string | undefined => {
  const n = Number(code);
  if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97) || /^38;(5;\d+|2;\d+;\d+;\d+)$/.test(code)) return 'fg';
  if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107) || /^48;(5;\d+|2;\d+;\d+;\d+)$/.test(code)) return 'bg';
  return CLASS_OF[code];
};

/**
 * A line of printable ASCII with its styles in the form Ink's normalizing gives (each escape
 * opens a style not yet open or closes one that is, none next to another, all closed by the
 * end) is its own normalized form: one column a character, no wide ones. Such a line (nearly
 * every new line of a flood) is measured without tokenizing it into an object per character.
 * Anything else: undefined, and the tokenizer decides.
 */
export function plainFacts(line: string): LineFacts | undefined {
  if (!PLAIN.test(line)) return undefined;
  const open = new Set<string>();
  let escapes = 0;
  let lastEnd = -1;
  for (const match of line.matchAll(SGR)) {
    if (match.index === lastEnd) return undefined; // two escapes in a row: Ink would merge them
    lastEnd = match.index + match[0].length;
    escapes += match[0].length;
    const code = match[1] as string;
    const opened = classOf(code);
    if (opened !== undefined) {
      if (open.has(opened)) return undefined;
      open.add(opened);
      continue;
    }
    const closed = CLOSES[code];
    if (closed === undefined || !open.has(closed)) return undefined;
    open.delete(closed);
  }
  if (open.size > 0) return undefined;
  return { normalized: line, advance: line.length - escapes, hasWide: false };
}

const textLines = new GenerationCache<string, string[]>(1000);
/**
 * A write's text as Ink splits it: one normalized string per line. Each line's facts come from
 * the same tokenizing, so a new line (a flood brings ~100 a frame) is not tokenized again when
 * its row is assembled. (The characters themselves are not kept: 8,000 cached lines of them
 * were ~9 MB of heap.)
 */
const splitText = (text: string): string[] =>
  textLines.get(text, () => {
    const plain = text.split('\n');
    const facts: LineFacts[] = [];
    for (const line of plain) {
      const fact = plainFacts(line);
      if (fact === undefined) break;
      facts.push(fact);
    }
    if (facts.length === plain.length) {
      plain.forEach((line, index) => {
        const fact = facts[index] as LineFacts;
        lineFacts.get(line, () => fact);
        widths.get(line, () => fact.advance);
      });
      return plain;
    }
    const lines: StyledChar[][] = [[]];
    for (const character of styledChars(text)) {
      if (character.value === '\n') lines.push([]);
      else lines.at(-1)?.push(character);
    }
    return lines.map((characters) => {
      const facts = factsFrom(characters);
      return lineFacts.get(facts.normalized, () => facts).normalized;
    });
  });

const widestLines = new GenerationCache<string, number>(1000);
const widestLine = (text: string): number =>
  widestLines.get(text, () => Math.max(0, ...text.split('\n').map(width)));

const slices = new GenerationCache<string, string>(1000);
const sliceToColumns = (line: string, from: number, to: number): string => {
  if (from >= to) return '';
  return slices.get(`${from},${to},${line}`, () => {
    const result: StyledChar[] = [];
    let column = 0;
    for (const character of styledChars(line)) {
      const columns = width(character.value);
      const start = column;
      column += columns;
      if (column <= from) continue;
      if (start >= to) break;
      result.push(columns > 1 && (start < from || column > to) ? blankCell(character) : character);
    }
    return styledCharsToString(result);
  });
};

const blankCell = (cell: StyledChar): StyledChar => ({ ...cell, value: ' ', fullWidth: false });

const isClipEmpty = (clip: Clip): boolean =>
  (clip.x1 !== undefined && clip.x2 !== undefined && clip.x1 >= clip.x2) ||
  (clip.y1 !== undefined && clip.y2 !== undefined && clip.y1 >= clip.y2);

const tighter = (a: number | undefined, b: number | undefined, pick: (a: number, b: number) => number): number | undefined =>
  a === undefined ? b : b === undefined ? a : pick(a, b);

const intersect = (outer: Clip | undefined, inner: Clip): Clip =>
  outer === undefined
    ? inner
    : {
        x1: tighter(outer.x1, inner.x1, Math.max),
        x2: tighter(outer.x2, inner.x2, Math.min),
        y1: tighter(outer.y1, inner.y1, Math.max),
        y2: tighter(outer.y2, inner.y2, Math.min),
      };

export default class CachedOutput {
  readonly width: number;
  readonly height: number;
  private readonly operations: Operation[] = [];

  constructor({ width, height }: { width: number; height: number }) {
    this.width = width;
    this.height = height;
  }

  write(x: number, y: number, text: string, { transformers }: { transformers: Transformer[] }): void {
    if (text !== '') this.operations.push({ type: 'write', x, y, text, transformers });
  }

  clip(clip: Clip): void {
    this.operations.push({ type: 'clip', clip });
  }

  unclip(): void {
    this.operations.push({ type: 'unclip' });
  }

  get(): { output: string; height: number } {
    const rows: Piece[][] = Array.from({ length: this.height }, () => []);
    const clips: Clip[] = [];
    for (const operation of this.operations) {
      if (operation.type === 'clip') clips.push(intersect(clips.at(-1), operation.clip));
      else if (operation.type === 'unclip') clips.pop();
      else this.place(rows, operation, clips.at(-1));
    }
    return { output: rows.map((pieces) => this.row(pieces)).join('\n'), height: this.height };
  }

  /** Ink's applyWriteOperation up to the point where characters land on cells. */
  private place(rows: Piece[][], { text, transformers, ...at }: Extract<Operation, { type: 'write' }>, clip: Clip | undefined): void {
    let { x, y } = at;
    let lines = splitText(text);
    if (clip) {
      if (isClipEmpty(clip)) return;
      const clipX = clip.x1 !== undefined && clip.x2 !== undefined;
      const clipY = clip.y1 !== undefined && clip.y2 !== undefined;
      if (clipX && (x + widestLine(text) < (clip.x1 as number) || x > (clip.x2 as number))) return;
      if (clipY && (y + lines.length < (clip.y1 as number) || y > (clip.y2 as number))) return;
      if (clipX) {
        const x1 = clip.x1 as number;
        const x2 = clip.x2 as number;
        lines = lines.map((line) => {
          const columns = width(line);
          if (x >= x1 && x + columns <= x2) return line; // inside the clip: most lines, every frame
          return sliceToColumns(line, x < x1 ? x1 - x : 0, x + columns > x2 ? x2 - x : columns);
        });
        if (x < x1) x = x1;
      }
      if (clipY) {
        const y1 = clip.y1 as number;
        const y2 = clip.y2 as number;
        lines = lines.slice(y < y1 ? y1 - y : 0, y + lines.length > y2 ? y2 - y : lines.length);
        if (y < y1) y = y1;
      }
    }
    lines.forEach((original, index) => {
      const row = rows[y + index];
      if (!row) return;
      let line = original;
      for (const transform of transformers) line = transform(line, index + y - at.y);
      row.push({ x, line });
    });
  }

  private row(pieces: Piece[]): string {
    if (pieces.length === 0) return '';
    // The usual row: pieces left to right, apart, narrow, on the screen: joined in one pass.
    let out = '';
    let column = 0;
    for (const piece of pieces) {
      const facts = factsOf(piece.line);
      if (facts.advance === 0) continue;
      if (piece.x < column || facts.hasWide || piece.x + facts.advance > this.width) return this.anyRow(pieces);
      out += ' '.repeat(piece.x - column) + facts.normalized;
      column = piece.x + facts.advance;
    }
    return out.trimEnd();
  }

  private anyRow(pieces: Piece[]): string {
    const facts = pieces.map((piece) => factsOf(piece.line));
    return this.joinable(pieces, facts) ? this.join(pieces, facts) : this.cells(pieces);
  }

  /** Pieces that neither overlap nor hold wide characters can be joined as strings. */
  private joinable(pieces: Piece[], facts: LineFacts[]): boolean {
    const spans = pieces
      .map((piece, index) => ({ from: piece.x, to: piece.x + (facts[index] as LineFacts).advance, facts: facts[index] as LineFacts }))
      .filter((span) => span.facts.advance > 0);
    if (spans.some((span) => span.from < 0 || span.to > this.width || span.facts.hasWide)) return false;
    spans.sort((a, b) => a.from - b.from);
    return spans.every((span, index) => index === 0 || (spans[index - 1]?.to ?? 0) <= span.from);
  }

  private join(pieces: Piece[], facts: LineFacts[]): string {
    const order = pieces.map((piece, index) => ({ x: piece.x, facts: facts[index] as LineFacts }))
      .filter((piece) => piece.facts.advance > 0)
      .sort((a, b) => a.x - b.x);
    let out = '';
    let column = 0;
    for (const piece of order) {
      out += ' '.repeat(piece.x - column) + piece.facts.normalized;
      column = piece.x + piece.facts.advance;
    }
    if (column < this.width) out += ' '.repeat(this.width - column);
    return out.trimEnd();
  }

  /** Ink's own way: every character on a cell, later pieces over earlier ones. */
  private cells(pieces: Piece[]): string {
    const cells: (StyledChar | undefined)[] = Array.from({ length: this.width }, () => ({ type: 'char', value: ' ', fullWidth: false, styles: [] }));
    for (const { x, line } of pieces) {
      const characters = styledChars(line);
      if (characters.length === 0) continue;
      let offset = x;
      const before = cells[offset - 1];
      if (cells[offset]?.value === '' && offset > 0 && before && width(before.value) > 1) cells[offset - 1] = blankCell(before);
      for (const character of characters) {
        cells[offset] = character;
        const columns = Math.max(1, width(character.value));
        for (let extra = 1; extra < columns; extra++) {
          cells[offset + extra] = { type: 'char', value: offset < 0 ? ' ' : '', fullWidth: false, styles: character.styles };
        }
        offset += columns;
      }
      const after = cells[offset];
      if (after?.value === '') cells[offset] = blankCell(after);
    }
    return styledCharsToString(cells.filter((cell): cell is StyledChar => cell !== undefined)).trimEnd();
  }
}
