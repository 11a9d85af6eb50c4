import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './backoff.js';

describe('reconnectDelay', () => {
  it('doubles from 1 s and stops at 60 s', () => {
    const top = (n: number) => reconnectDelay(n, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(top)).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  });

  it('jitters within the upper half of each step', () => {
    expect(reconnectDelay(1, () => 0)).toBe(500);
    expect(reconnectDelay(7, () => 0)).toBe(30000);
    for (let i = 0; i < 100; i++) {
      const d = reconnectDelay(3);
      expect(d).toBeGreaterThanOrEqual(2000);
      expect(d).toBeLessThanOrEqual(4000);
    }
  });
});
