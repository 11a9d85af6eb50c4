import { expect, it } from 'vitest';
import { cutText } from './body-limit.js';

it('cuts a text to at most max characters with "…", never half a surrogate pair', () => {
  expect(cutText('hello', 5)).toBe('hello');
  expect(cutText('hello!', 5)).toBe('hell…');
  expect(cutText('abc😀def', 5)).toBe('abc…'); // 😀 is two UTF-16 units: not split
  expect(cutText('x'.repeat(100_000), 200)).toHaveLength(200);
});
