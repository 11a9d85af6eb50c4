import { TRANSPARENT, type Picture } from '../../domain/picture.js';
import { ANSI16, type ColourDepth } from '../theme/consistent-colour.js';

/** One run of cells drawn alike: a half block (or space) in a foreground over a background, as Ink takes colours. */
export interface CellRun {
  text: string;
  fg?: string | undefined;
  bg?: string | undefined;
}

/** The text rows a picture takes: two pixel rows each. */
export const pictureRowCount = (picture: Picture): number => Math.ceil(picture.height / 2);

/**
 * Text row `row` of a picture in half blocks: "▀" in the upper pixel's colour over the lower
 * one's. A transparent pixel keeps the terminal's own background: "▄" when only the upper one
 * is, a space when both are. Runs of equal cells are joined (fewer Ink nodes a row).
 */
export function pictureRow(picture: Picture, row: number, depth: ColourDepth): CellRun[] {
  const runs: CellRun[] = [];
  for (let x = 0; x < picture.width; x++) {
    const upper = picture.pixels[row * 2 * picture.width + x] ?? TRANSPARENT;
    const lower = row * 2 + 1 < picture.height ? (picture.pixels[(row * 2 + 1) * picture.width + x] ?? TRANSPARENT) : TRANSPARENT;
    const cell = halfBlock(colourAt(upper, depth), colourAt(lower, depth));
    const last = runs.at(-1);
    if (last && last.fg === cell.fg && last.bg === cell.bg && last.text.at(-1) === cell.text) last.text += cell.text;
    else runs.push(cell);
  }
  return runs;
}

function halfBlock(upper: string | undefined, lower: string | undefined): CellRun {
  if (upper === undefined && lower === undefined) return { text: ' ' };
  if (upper === undefined) return { text: '▄', fg: lower };
  return { text: '▀', fg: upper, ...(lower === undefined ? {} : { bg: lower }) };
}

/** A pixel's colour at the terminal's depth: "#rrggbb" (truecolor), "ansi256(n)" (256), a name of the 16; none without colour. */
export function colourAt(pixel: number, depth: ColourDepth): string | undefined {
  if (pixel === TRANSPARENT || depth === 0) return undefined;
  const [r, g, b] = [(pixel >> 16) & 255, (pixel >> 8) & 255, pixel & 255];
  if (depth === 3) return `#${pixel.toString(16).padStart(6, '0')}`;
  if (depth === 2) return `ansi256(${ansi256Of(r, g, b)})`;
  return nearestAnsi16(r, g, b);
}

/** xterm's 6×6×6 cube (levels 0, 95, 135, …, 255) and 24 greys (8, 18, …, 238): the nearest of the two. */
export function ansi256Of(r: number, g: number, b: number): number {
  const level = (c: number): number => (c < 48 ? 0 : c < 115 ? 1 : Math.min(5, Math.floor((c - 35) / 40)));
  const value = (i: number): number => (i === 0 ? 0 : 55 + i * 40);
  const [ri, gi, bi] = [level(r), level(g), level(b)];
  const cube = 16 + 36 * ri + 6 * gi + bi;
  const cubeDistance = distance(r, g, b, value(ri), value(gi), value(bi));
  const grey = Math.min(23, Math.max(0, Math.round(((r + g + b) / 3 - 8) / 10)));
  const greyValue = 8 + grey * 10;
  return distance(r, g, b, greyValue, greyValue, greyValue) < cubeDistance ? 232 + grey : cube;
}

const distance = (r: number, g: number, b: number, r2: number, g2: number, b2: number): number => (r - r2) ** 2 + (g - g2) ** 2 + (b - b2) ** 2;

const ANSI16_RGB = ANSI16.map(([name, hex]) => ({ name, r: parseInt(hex.slice(0, 2), 16), g: parseInt(hex.slice(2, 4), 16), b: parseInt(hex.slice(4, 6), 16) }));

/** The nearest of the 16 ANSI colours (xterm's values), by name as chalk knows it. */
export function nearestAnsi16(r: number, g: number, b: number): string {
  let best = ANSI16_RGB[0]!;
  for (const c of ANSI16_RGB) if (distance(r, g, b, c.r, c.g, c.b) < distance(r, g, b, best.r, best.g, best.b)) best = c;
  return best.name;
}
