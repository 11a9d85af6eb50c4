import { describe, expect, it } from 'vitest';
import { formatCount, formatDay } from './plain-format.js';

describe('plain formats', () => {
  it('gives the day as the en-GB long date does, in local time, on every weekday and month', () => {
    for (let day = 0; day < 400; day += 3) {
      const at = new Date(2024, 0, 1 + day, 23, 59).getTime();
      expect(formatDay(at)).toBe(new Date(at).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }));
    }
  });

  it('groups thousands as en-US does', () => {
    for (const n of [0, 7, 999, 1000, 12_345, 100_000, 1_234_567, 4_000_000_000]) expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
  });
});
