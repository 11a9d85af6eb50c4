/**
 * A small picture natter draws in the terminal (an avatar): `width` × `height` pixels, row by
 * row, each 0xRRGGBB or TRANSPARENT. Numbers only: nothing from the network reaches the
 * terminal through it but colours, and the UI draws two pixel rows a text row (half blocks).
 */
export interface Picture {
  width: number;
  height: number;
  pixels: readonly number[];
}

export const TRANSPARENT = -1;

/** The largest picture a line carries: 24 columns, 12 rows of half blocks. */
export const MAX_PICTURE_SIDE = 24;

/** A picture a line may carry: sides 1..MAX_PICTURE_SIDE and one whole-number colour (or TRANSPARENT) a pixel. */
export function isPicture(picture: Picture): boolean {
  const { width, height, pixels } = picture;
  const side = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= MAX_PICTURE_SIDE;
  return side(width) && side(height) && Array.isArray(pixels) && pixels.length === width * height
    && pixels.every((p) => Number.isInteger(p) && p >= TRANSPARENT && p <= 0xffffff);
}
