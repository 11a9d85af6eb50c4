import { TRANSPARENT, type Picture } from '../../domain/picture.js';

/** Pixels as decoders give them: 4 bytes (R, G, B, A) a pixel, row by row. */
export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The size that fits in `maxWidth` × `maxHeight`, aspect kept, never larger than the image. */
export function fitInside(width: number, height: number, maxWidth: number, maxHeight: number): { width: number; height: number } {
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Shrinks an image by a box filter: each output pixel is the mean of the input pixels its box
 * covers (whole pixels; colours weighted by their alpha, so a transparent edge does not darken).
 * For shrinking by whole factors and more, as avatars are (512 → 96, 96 → 24), it is what an
 * area resampler gives and needs no library; it never enlarges.
 */
export function boxShrink(image: Rgba, width: number, height: number): Rgba {
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor((y * image.height) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * image.height) / height));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor((x * image.width) / width);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * image.width) / width));
      meanOfBox(image, x0, x1, y0, y1, out, (y * width + x) * 4);
    }
  }
  return { width, height, data: out };
}

function meanOfBox(image: Rgba, x0: number, x1: number, y0: number, y1: number, out: Uint8Array, at: number): void {
  let r = 0, g = 0, b = 0, a = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * 4;
      const alpha = image.data[i + 3]!;
      r += image.data[i]! * alpha;
      g += image.data[i + 1]! * alpha;
      b += image.data[i + 2]! * alpha;
      a += alpha;
    }
  }
  const count = (x1 - x0) * (y1 - y0);
  out[at] = a === 0 ? 0 : Math.round(r / a);
  out[at + 1] = a === 0 ? 0 : Math.round(g / a);
  out[at + 2] = a === 0 ? 0 : Math.round(b / a);
  out[at + 3] = Math.round(a / count);
}

/** The picture a line carries: fitted into `side` × `side` pixels; a pixel under half opaque is transparent. */
export function toPicture(image: Rgba, side: number): Picture {
  const size = fitInside(image.width, image.height, side, side);
  const small = size.width === image.width && size.height === image.height ? image : boxShrink(image, size.width, size.height);
  const pixels: number[] = [];
  for (let i = 0; i < small.width * small.height; i++) {
    const [r, g, b, a] = [small.data[i * 4]!, small.data[i * 4 + 1]!, small.data[i * 4 + 2]!, small.data[i * 4 + 3]!];
    pixels.push(a < 128 ? TRANSPARENT : (r << 16) | (g << 8) | b);
  }
  return { width: small.width, height: small.height, pixels };
}
