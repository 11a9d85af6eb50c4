/** What an image's header says, read before anything decodes it. */
export type ImageHeader = { ok: true; type: 'image/png' | 'image/jpeg'; width: number; height: number } | { ok: false; reason: string };

/** The widest and tallest image natter decodes (an avatar is 96 to 512 pixels; a hostile 30000×30000 PNG would take gigabytes). */
export const MAX_IMAGE_SIDE = 2048;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The type and size of a PNG or JPEG from its first bytes, refused when either side is 0 or
 * above MAX_IMAGE_SIDE. PNG (RFC 2083 §4.1.1): "The IHDR chunk must appear FIRST", width and
 * height the first two 4-byte fields. JPEG (ITU T.81 B.2.2): the frame header SOFn holds the
 * height (2 bytes) then the width, after the sample precision.
 */
export function readImageHeader(bytes: Buffer, maxSide: number = MAX_IMAGE_SIDE): ImageHeader {
  const size = bytes.subarray(0, 8).equals(PNG_SIGNATURE) ? pngSize(bytes) : isJpeg(bytes) ? jpegSize(bytes) : undefined;
  if (size === undefined) return { ok: false, reason: 'it is not a PNG or JPEG image' };
  if ('reason' in size) return { ok: false, reason: size.reason };
  const { type, width, height } = size;
  if (width === 0 || height === 0) return { ok: false, reason: 'the image has no pixels' };
  if (width > maxSide || height > maxSide) return { ok: false, reason: `the image is ${width}×${height} pixels; natter takes up to ${maxSide}×${maxSide}` };
  return { ok: true, type, width, height };
}

type Size = { type: 'image/png' | 'image/jpeg'; width: number; height: number } | { reason: string };

function pngSize(bytes: Buffer): Size {
  if (bytes.length < 24 || bytes.toString('latin1', 12, 16) !== 'IHDR') return { reason: 'the PNG has no header (IHDR)' };
  return { type: 'image/png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const isJpeg = (bytes: Buffer): boolean => bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8;

/** SOF markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
const isFrameHeader = (marker: number): boolean => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpegSize(bytes: Buffer): Size {
  let at = 2;
  // Segments up to the frame header; each says its length. Bounded by the buffer (itself bounded).
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return { reason: 'the JPEG is damaged (no marker where one must be)' };
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill bytes (T.81 B.1.1.2)
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image, or scan data before any frame
    const length = bytes.readUInt16BE(at + 2);
    if (isFrameHeader(marker)) {
      if (at + 9 > bytes.length) break;
      return { type: 'image/jpeg', height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    }
    if (length < 2) return { reason: 'the JPEG is damaged (a segment of no length)' };
    at += 2 + length;
  }
  return { reason: 'the JPEG has no frame header (SOF)' };
}
