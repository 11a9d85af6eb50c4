// The image decoders and the PNG encoder: this module is imported only when an avatar is drawn
// or set (load-decoder.ts), so a natter that shows none never loads them.
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import type { Rgba } from './box-filter.js';

/** Decodes a PNG or JPEG whose header was read and judged (image-header.ts); throws on damaged data. */
export function decodeImage(bytes: Buffer, type: 'image/png' | 'image/jpeg'): Rgba {
  if (type === 'image/png') {
    const png = pngjs.PNG.sync.read(bytes);
    return { width: png.width, height: png.height, data: png.data };
  }
  // jpeg-js's own bounds as well: the pixels the header allowed (image-header.ts) and 128 MB.
  const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 16.8, maxMemoryUsageInMB: 128 });
  return { width: image.width, height: image.height, data: image.data };
}

/** An RGBA image as a PNG (8 bits a channel, with alpha). */
export function encodePng(image: Rgba): Buffer {
  const png = new pngjs.PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return pngjs.PNG.sync.write(png);
}
