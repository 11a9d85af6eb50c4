import { describe, expect, it } from 'vitest';
import { colourAngle, consistentColour, consistentRgb, correctForVision, nearestInPalette } from './consistent-colour.js';

// XEP-0392 §8 test vectors: text, angle, then (no correction) r, g, b.
const VECTORS: Array<[string, number, number, number, number]> = [
  ['Romeo', 327.255249, 0.865, 0.0, 0.686],
  ['juliet@capulet.lit', 209.4104, 0.0, 0.515, 0.573],
  ['😺', 331.199341, 0.872, 0.0, 0.659],
  ['council', 359.994507, 0.918, 0.0, 0.394],
  ['Board', 171.430664, 0.0, 0.527, 0.457],
];

describe('XEP-0392 consistent colour', () => {
  it.each(VECTORS)('gives %s the angle and colour of the XEP test vectors', (text, angle, r, g, b) => {
    expect(colourAngle(text)).toBeCloseTo(angle, 5);
    const rgb = consistentRgb(text);
    expect(rgb[0]).toBeCloseTo(r, 3);
    expect(rgb[1]).toBeCloseTo(g, 3);
    expect(rgb[2]).toBeCloseTo(b, 3);
  });

  it('corrects the hue for red/green and blue blindness as the XEP vectors do', () => {
    // §8 "With Red/Green-blindness correction": juliet's hue becomes 29.410400, rgb 0.742, 0.359, 0.000.
    expect(correctForVision(colourAngle('juliet@capulet.lit'), 'red-green')).toBeCloseTo(29.4104, 4);
    const rgb = consistentRgb('juliet@capulet.lit', 'red-green');
    expect([rgb[0], rgb[1], rgb[2]].map((c) => Math.round(c * 1000) / 1000)).toEqual([0.742, 0.359, 0]);
    // §5.2.2: "Take the angle modulo 180".
    expect(correctForVision(colourAngle('Romeo'), 'blue')).toBeCloseTo(147.255249, 4);
  });

  it('is "#rrggbb" with 256 colours or more, one of the 16 names on a 16-colour terminal, nothing without colour', () => {
    expect(consistentColour('Romeo', 3)).toBe('#dd00af');
    expect(consistentColour('Romeo', 2)).toBe('#dd00af');
    expect(consistentColour('Romeo', 0)).toBeUndefined();
    // The 16 colours make six hues (§5.5 keeps, of red and bright red, the one nearer L 73.2):
    // Romeo's 327° is nearest bright magenta's 308°, juliet's 209° cyan's 192°.
    expect(consistentColour('Romeo', 1)).toBe('magentaBright');
    expect(consistentColour('juliet@capulet.lit', 1)).toBe('cyan');
    expect(consistentColour('council', 1)).toBe('redBright');
  });

  it('maps an angle to the palette colour of the closest hue (§5.6), across 0°', () => {
    const palette = new Map([[10, 'red'], [120, 'green'], [240, 'blue']]);
    expect(nearestInPalette(355, palette)).toBe('red');
    expect(nearestInPalette(10.3, palette)).toBe('red');
    expect(nearestInPalette(181, palette)).toBe('blue');
    expect(nearestInPalette(179, palette)).toBe('green');
  });
});
