import { createHash } from 'node:crypto';
import { hsluvToRgb, rgbToHsluvHueLightness, type Rgb } from './hsluv.js';

/**
 * XEP-0392 (Consistent Color Generation) 1.0, the HSLuv version Conversations and
 * Converse.js implement: every client that follows it gives a nick or a JID the same colour.
 */

/** How many colours the terminal shows (chalk's levels): none, 16, 256, 16 million. */
export type ColourDepth = 0 | 1 | 2 | 3;
/** XEP-0392 §5.2: the hue corrections for colour vision deficiencies ("none": uncorrected). */
export type ColourVision = 'none' | 'red-green' | 'blue';

/**
 * §5.1: "Run the input through SHA-1 … Treat the output as little endian and extract the
 * least-significant 16 bits … Divide the value by 65536 … and multiply it by 360".
 */
export function colourAngle(text: string): number {
  const digest = createHash('sha1').update(text, 'utf8').digest();
  return ((digest[0]! + digest[1]! * 256) / 65536) * 360;
}

/** Floating-point modulo with a non-negative result, as §5.2 assumes. */
const mod = (a: number, n: number): number => ((a % n) + n) % n;

/**
 * §5.2.1 red/green: "Add 90 to the angle, take it modulo 180 and subtract 90. Take the result
 * modulo 360"; §5.2.2 blue: "Take the angle modulo 180".
 */
export function correctForVision(angle: number, vision: ColourVision): number {
  if (vision === 'red-green') return mod(mod(angle + 90, 180) - 90, 360);
  if (vision === 'blue') return mod(angle, 180);
  return angle;
}

/** §5.4: "saturation SHOULD be set to 100 and lightness SHOULD be set to 50". */
export function consistentRgb(text: string, vision: ColourVision = 'none'): Rgb {
  return hsluvToRgb(correctForVision(colourAngle(text), vision), 100, 50);
}

const hex = (rgb: Rgb): string => `#${rgb.map((c) => Math.round(Math.min(1, Math.max(0, c)) * 255).toString(16).padStart(2, '0')).join('')}`;

/** The 16 ANSI colours by the names chalk knows, at xterm's default values. */
export const ANSI16: ReadonlyArray<[string, string]> = [
  ['black', '000000'], ['red', 'cd0000'], ['green', '00cd00'], ['yellow', 'cdcd00'],
  ['blue', '0000ee'], ['magenta', 'cd00cd'], ['cyan', '00cdcd'], ['white', 'e5e5e5'],
  ['blackBright', '7f7f7f'], ['redBright', 'ff0000'], ['greenBright', '00ff00'], ['yellowBright', 'ffff00'],
  ['blueBright', '5c5cff'], ['magentaBright', 'ff00ff'], ['cyanBright', '00ffff'], ['whiteBright', 'ffffff'],
];

/**
 * §5.5, the 16 colours as a hue palette: "If the R, G and B values are equal, skip the color
 * … Round the angle to the next integer value. If the angle is not in the mapping M yet, or if
 * the L value of the existing entry is farther away from 73.2 than the new L value, put" it.
 */
function huePalette(colours: ReadonlyArray<[string, string]>): Map<number, string> {
  const best = new Map<number, { l: number; name: string }>();
  for (const [name, value] of colours) {
    const rgb = [0, 2, 4].map((i) => parseInt(value.slice(i, i + 2), 16) / 255) as unknown as Rgb;
    if (rgb[0] === rgb[1] && rgb[1] === rgb[2]) continue;
    const { h, l } = rgbToHsluvHueLightness(rgb);
    const angle = Math.round(h) % 360;
    const found = best.get(angle);
    if (!found || Math.abs(found.l - 73.2) > Math.abs(l - 73.2)) best.set(angle, { l, name });
  }
  return new Map([...best].map(([angle, { name }]) => [angle, name]));
}
const PALETTE16 = huePalette(ANSI16);

/** §5.6: the palette colour whose angle is closest, `min((α − β) % 360, (β − α) % 360)`. */
export function nearestInPalette(angle: number, palette: ReadonlyMap<number, string> = PALETTE16): string {
  const exact = palette.get(Math.round(angle) % 360);
  if (exact) return exact;
  let nearest = '';
  let distance = Number.POSITIVE_INFINITY;
  for (const [beta, name] of palette) {
    const d = Math.min(mod(angle - beta, 360), mod(beta - angle, 360));
    if (d < distance) [nearest, distance] = [name, d];
  }
  return nearest;
}

/**
 * The colour a nick or JID is drawn in, as Ink takes it: "#rrggbb" where the terminal shows
 * 256 colours or more (chalk takes it to the nearest of the 256), the nearest of the 16 by hue
 * (§5.6) on a 16-colour terminal, none at all without colour.
 */
export function consistentColour(text: string, depth: ColourDepth, vision: ColourVision = 'none'): string | undefined {
  if (depth === 0) return undefined;
  if (depth === 1) return nearestInPalette(correctForVision(colourAngle(text), vision));
  return hex(consistentRgb(text, vision));
}
