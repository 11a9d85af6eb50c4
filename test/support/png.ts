import { createHash } from 'node:crypto';
import pngjs from 'pngjs';

/** A PNG of `width` × `height` whose pixel (x, y) is colour(x, y) as 0xRRGGBB, opaque. */
export function makePng(width: number, height: number, colour: (x: number, y: number) => number): Buffer {
  const png = new pngjs.PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = colour(x, y);
      const i = (y * width + x) * 4;
      [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]] = [(c >> 16) & 255, (c >> 8) & 255, c & 255, 255];
    }
  }
  return pngjs.PNG.sync.write(png);
}

/** Red and green pixel rows over blue ones: each half block is red (left half) or green (right) over blue. */
export const STRIPES = (x: number, y: number, width = 16): number => (y % 2 === 1 ? 0x0000ff : x < width / 2 ? 0xff0000 : 0x00ff00);

/** Only a PNG header (signature and IHDR) saying `width` × `height`: what a hostile peer sends to make a decoder allocate gigabytes. */
export function pngHeaderOnly(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr[16] = 8; // bit depth
  ihdr[17] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr, Buffer.alloc(64, 0x42)]);
}

export const sha1 = (bytes: Buffer): string => createHash('sha1').update(bytes).digest('hex');
