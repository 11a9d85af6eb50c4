import { expect, it } from 'vitest';
import type { Line } from '../../domain/line.js';
import { TRANSPARENT, type Picture } from '../../domain/picture.js';
import { ansi256Of, nearestAnsi16, pictureRow } from './picture-cells.js';
import { visibleRows } from './visible-rows.js';

// 2×3: red over blue, green over transparent; then a last row (odd height) over nothing.
const picture: Picture = { width: 2, height: 3, pixels: [0xff0000, 0x00ff00, 0x0000ff, TRANSPARENT, TRANSPARENT, 0xffffff] };

it('draws two pixel rows a text row: ▀ in the upper colour over the lower, ▄ or a space where the upper is transparent', () => {
  expect(pictureRow(picture, 0, 3)).toEqual([{ text: '▀', fg: '#ff0000', bg: '#0000ff' }, { text: '▀', fg: '#00ff00' }]);
  expect(pictureRow(picture, 1, 3)).toEqual([{ text: ' ' }, { text: '▀', fg: '#ffffff' }]);
  expect(pictureRow({ width: 3, height: 2, pixels: [TRANSPARENT, TRANSPARENT, TRANSPARENT, 0x0000ff, 0x0000ff, 0x0000ff] }, 0, 3)).toEqual([{ text: '▄▄▄', fg: '#0000ff' }]);
});

it('takes the colours to the terminal depth: 256 (cube and greys), 16 by nearest, none without colour', () => {
  expect(pictureRow(picture, 0, 2)).toEqual([{ text: '▀', fg: 'ansi256(196)', bg: 'ansi256(21)' }, { text: '▀', fg: 'ansi256(46)' }]);
  expect(pictureRow(picture, 0, 1)).toEqual([{ text: '▀', fg: 'redBright', bg: 'blue' }, { text: '▀', fg: 'greenBright' }]);
  expect(pictureRow(picture, 0, 0)).toEqual([{ text: '  ' }]);
  expect([ansi256Of(128, 128, 128), ansi256Of(0, 0, 0), ansi256Of(255, 255, 255), ansi256Of(95, 135, 175)]).toEqual([244, 16, 231, 67]);
  expect([nearestAnsi16(250, 10, 10), nearestAnsi16(120, 120, 120)]).toEqual(['redBright', 'blackBright']);
});

it("puts a picture's rows under its line's text, or one row saying it is not drawn without colour", () => {
  const line: Line = { id: 1, at: 0, kind: 'info', text: 'avatar:', picture };
  const rows = visibleRows([line], 40, 10);
  expect(rows.map((r) => [r.text, r.picture])).toEqual([['avatar:', undefined], ['▀▀', 0], ['▀▀', 1]]);
  expect(visibleRows([line], 80, 10, 0, { pictures: false }).map((r) => r.text)).toEqual(['avatar:', '  (a picture: not drawn, the terminal shows no colour)']);
});
