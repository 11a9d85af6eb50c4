import { expect, it } from 'vitest';
import { readImageHeader } from './image-header.js';

function png(width: number, height: number): Buffer {
  const head = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(head);
  head.writeUInt32BE(13, 8);
  head.write('IHDR', 12, 'latin1');
  head.writeUInt32BE(width, 16);
  head.writeUInt32BE(height, 20);
  return head;
}

/** SOI, an APP0 segment, then SOF0 with the size (T.81 B.2.2: P, Y, X). */
function jpeg(width: number, height: number, marker = 0xc0): Buffer {
  const app0 = [0xff, 0xe0, 0x00, 0x04, 0x00, 0x00];
  const sof = [0xff, marker, 0x00, 0x0b, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x01, 0x01, 0x11, 0x00];
  return Buffer.from([0xff, 0xd8, ...app0, ...sof]);
}

it('reads the size of a PNG (IHDR) and of a JPEG (SOF0, SOF2) before anything decodes them', () => {
  expect(readImageHeader(png(96, 48))).toEqual({ ok: true, type: 'image/png', width: 96, height: 48 });
  expect(readImageHeader(jpeg(640, 480))).toEqual({ ok: true, type: 'image/jpeg', width: 640, height: 480 });
  expect(readImageHeader(jpeg(100, 200, 0xc2))).toEqual({ ok: true, type: 'image/jpeg', width: 100, height: 200 });
});

it('refuses images larger than 2048×2048 (or the side given), empty ones, and what is not an image', () => {
  expect(readImageHeader(png(30000, 30000))).toEqual({ ok: false, reason: 'the image is 30000×30000 pixels; natter takes up to 2048×2048' });
  expect(readImageHeader(jpeg(2049, 10))).toMatchObject({ ok: false, reason: 'the image is 2049×10 pixels; natter takes up to 2048×2048' });
  expect(readImageHeader(png(4096, 4096), 4096)).toMatchObject({ ok: true });
  expect(readImageHeader(png(0, 10))).toEqual({ ok: false, reason: 'the image has no pixels' });
  expect(readImageHeader(Buffer.from('GIF89a....'))).toEqual({ ok: false, reason: 'it is not a PNG or JPEG image' });
  expect(readImageHeader(png(10, 10).subarray(0, 20))).toEqual({ ok: false, reason: 'the PNG has no header (IHDR)' });
  expect(readImageHeader(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toEqual({ ok: false, reason: 'the JPEG has no frame header (SOF)' });
  expect(readImageHeader(Buffer.from([0xff, 0xd8, 0x12, 0x34, 0, 2]))).toMatchObject({ ok: false, reason: expect.stringContaining('damaged') });
});
