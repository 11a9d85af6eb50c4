import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { cutBody, cutText, MAX_BODY_CHARS } from './body-limit.js';

it('cuts a text to at most max characters with "…", never half a surrogate pair', () => {
  expect(cutText('hello', 5)).toBe('hello');
  expect(cutText('hello!', 5)).toBe('hell…');
  expect(cutText('abc😀def', 5)).toBe('abc…'); // 😀 is two UTF-16 units: not split
  expect(cutText('x'.repeat(100_000), 200)).toHaveLength(200);
});

describe('what a cut keeps alive', () => {
  it('keeps no reference to the longer text it was cut from', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    // 20 bodies of 500,000 two-byte characters (1 MB each): 20 MB if the cuts held them.
    const kept = Array.from({ length: 20 }, (_, i) => {
      const body = `${i % 10} é `.repeat(125_000);
      return [cutBody(body), cutText(body, 100)];
    });
    gc();
    const retained = process.memoryUsage().heapUsed - before;
    expect(kept[19]![0]!.length).toBe(MAX_BODY_CHARS);
    expect(retained).toBeLessThan(20 * MAX_BODY_CHARS * 2 + 2 * 1024 * 1024); // what the cuts themselves take, and 2 MiB

  });
});
