import { describe, expect, it } from 'vitest';
import type { Line } from '../../domain/line.js';
import { visibleRows } from './visible-rows.js';

const line = (id: number, text: string): Line => ({ id, at: 0, kind: 'info', text });

describe('visibleRows', () => {
  it('fills the pane from the bottom with the newest lines', () => {
    const lines = Array.from({ length: 50 }, (_, i) => line(i, `line ${i}`));
    const rows = visibleRows(lines, 40, 5);
    expect(rows.map((r) => r.text)).toEqual(['line 45', 'line 46', 'line 47', 'line 48', 'line 49']);
  });

  it('wraps long lines to the width, counting wide characters as two cells', () => {
    const rows = visibleRows([line(1, '世界世界世界')], 6 + 4, 10);
    expect(rows.map((r) => r.text)).toEqual(['世界', '世界', '世界']);
    expect(rows[0]?.time).toMatch(/^\d\d:\d\d$/);
    expect(rows[1]?.time).toBe('');
  });

  it('scrolls up by an offset in rows', () => {
    const lines = Array.from({ length: 10 }, (_, i) => line(i, `l${i}`));
    expect(visibleRows(lines, 40, 3, 2).map((r) => r.text)).toEqual(['l5', 'l6', 'l7']);
  });

  it('never returns more rows than the pane holds, even for one huge line', () => {
    const rows = visibleRows([line(1, 'x'.repeat(100_000))], 80, 20);
    expect(rows).toHaveLength(20);
  });
});
