import { expect, it } from 'vitest';
import { TRANSPARENT } from '../../domain/picture.js';
import { boxShrink, fitInside, toPicture, type Rgba } from './box-filter.js';

const image = (width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]): Rgba => {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
  return { width, height, data };
};

it('fits inside a box keeping the aspect, never enlarging', () => {
  expect(fitInside(200, 100, 96, 96)).toEqual({ width: 96, height: 48 });
  expect(fitInside(100, 400, 24, 24)).toEqual({ width: 6, height: 24 });
  expect(fitInside(16, 16, 24, 24)).toEqual({ width: 16, height: 16 });
  expect(fitInside(5000, 1, 96, 96)).toEqual({ width: 96, height: 1 });
});

it('shrinks by the mean of each box, colours weighted by alpha', () => {
  // 4×2: left half black/white checks, right half red; half of the last column transparent.
  const source = image(4, 2, (x, y) => (x < 2 ? ((x + y) % 2 === 0 ? [0, 0, 0, 255] : [255, 255, 255, 255]) : y === 0 || x === 2 ? [255, 0, 0, 255] : [0, 0, 255, 0]));
  const small = boxShrink(source, 2, 1);
  expect([...small.data]).toEqual([128, 128, 128, 255, 255, 0, 0, 191]);
});

it('makes a picture of at most `side` pixels; a mostly transparent pixel is transparent', () => {
  const picture = toPicture(image(48, 48, (x) => (x < 24 ? [255, 0, 0, 255] : [0, 0, 0, 0])), 24);
  expect([picture.width, picture.height]).toEqual([24, 24]);
  expect(picture.pixels.slice(0, 24)).toEqual([...Array(12).fill(0xff0000), ...Array(12).fill(TRANSPARENT)]);
});
