/**
 * HSLuv (https://www.hsluv.org), the colour space XEP-0392 §5 builds its colours in: a hue
 * angle at a given saturation and lightness gives colours of the same apparent brightness.
 * Written from the reference implementation's published maths (CIE LUV with the chroma
 * limited to what sRGB can show at that lightness and hue); checked against the XEP's test
 * vectors in consistent-colour.test.ts.
 */

/** Linear sRGB from CIE XYZ (D65), rows R, G, B. */
const M = [
  [3.240969941904521, -1.537383177570093, -0.498610760293],
  [-0.96924363628087, 1.87596750150772, 0.041555057407175],
  [0.055630079696993, -0.20397695888897, 1.056971514242878],
] as const;
/** CIE XYZ from linear sRGB. */
const M_INV = [
  [0.41239079926595, 0.35758433938387, 0.18048078840183],
  [0.21263900587151, 0.71516867876775, 0.072192315360733],
  [0.019330818715591, 0.11919477979462, 0.95053215224966],
] as const;
const REF_U = 0.19783000664283;
const REF_V = 0.46831999493879;
const KAPPA = 903.2962962;
const EPSILON = 0.0088564516;

export type Rgb = readonly [number, number, number];

/** The six lines bounding sRGB in the chroma/hue plane at lightness `l`, as slope and intercept. */
function bounds(l: number): Array<[number, number]> {
  const sub1 = (l + 16) ** 3 / 1560896;
  const sub2 = sub1 > EPSILON ? sub1 : l / KAPPA;
  const lines: Array<[number, number]> = [];
  for (const [m1, m2, m3] of M) {
    for (const t of [0, 1]) {
      const top1 = (284517 * m1 - 94839 * m3) * sub2;
      const top2 = (838422 * m3 + 769860 * m2 + 731718 * m1) * l * sub2 - 769860 * t * l;
      const bottom = (632260 * m3 - 126452 * m2) * sub2 + 126452 * t;
      lines.push([top1 / bottom, top2 / bottom]);
    }
  }
  return lines;
}

/** The largest chroma sRGB can show at this lightness and hue (degrees). */
function maxChroma(l: number, h: number): number {
  const rad = (h / 360) * 2 * Math.PI;
  let min = Number.POSITIVE_INFINITY;
  for (const [slope, intercept] of bounds(l)) {
    const length = intercept / (Math.sin(rad) - slope * Math.cos(rad));
    if (length >= 0) min = Math.min(min, length);
  }
  return min;
}

const fromLinear = (c: number): number => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
const toLinear = (c: number): number => (c > 0.04045 ? ((c + 0.055) / 1.055) ** 2.4 : c / 12.92);
const yOfL = (l: number): number => (l <= 8 ? l / KAPPA : ((l + 16) / 116) ** 3);
const lOfY = (y: number): number => (y <= EPSILON ? y * KAPPA : 116 * Math.cbrt(y) - 16);

/** sRGB (each 0–1) of an HSLuv colour: hue in degrees, saturation and lightness 0–100. */
export function hsluvToRgb(h: number, s: number, l: number): Rgb {
  if (l > 99.9999999) return [1, 1, 1];
  if (l < 0.00000001) return [0, 0, 0];
  const c = (maxChroma(l, h) / 100) * s;
  const rad = (h / 360) * 2 * Math.PI;
  const u = Math.cos(rad) * c;
  const v = Math.sin(rad) * c;
  const varU = u / (13 * l) + REF_U;
  const varV = v / (13 * l) + REF_V;
  const y = yOfL(l);
  const x = -(9 * y * varU) / ((varU - 4) * varV - varU * varV);
  const z = (9 * y - 15 * varV * y - varV * x) / (3 * varV);
  const [r, g, b] = M.map(([a, bb, cc]) => fromLinear(a * x + bb * y + cc * z)) as [number, number, number];
  return [r, g, b];
}

/** The HSLuv hue (degrees) and lightness (0–100) of an sRGB colour (each 0–1): what palette mapping needs. */
export function rgbToHsluvHueLightness([r, g, b]: Rgb): { h: number; l: number } {
  const lin = [toLinear(r), toLinear(g), toLinear(b)];
  const [x, y, z] = M_INV.map(([a, bb, cc]) => a * lin[0]! + bb * lin[1]! + cc * lin[2]!) as [number, number, number];
  const l = lOfY(y);
  const divider = x + 15 * y + 3 * z;
  if (l < 0.00000001 || divider === 0) return { h: 0, l };
  const u = 13 * l * ((4 * x) / divider - REF_U);
  const v = 13 * l * ((9 * y) / divider - REF_V);
  const h = (Math.atan2(v, u) * 180) / Math.PI;
  return { h: h < 0 ? h + 360 : h, l };
}
