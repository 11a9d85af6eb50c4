import { describe, expect, it } from 'vitest';
import type { Sample } from '../../bench/soak/sampler.js';
import { countGrowth, curveSvg, heldGrowth, rssGrowth, windowTable, type Counts } from '../../bench/soak/soak-report.js';

const counts = (timers: number, process: number, extra: Record<string, number> = {}): Counts => ({
  handles: 5, resources: { Timeout: timers, TTYWrap: 3, ...extra }, listeners: { process }, other: { screen: 14 },
});
/** One sample a second for `seconds`, RSS from `rss(t)`. */
const samples = (seconds: number, rss: (t: number) => number): Sample[] => Array.from({ length: seconds }, (_, i) => ({ t: i + 1, rssMiB: rss(i + 1), cpuPercent: 10, sent: 100 * (i + 1) }));

describe('the soak report', () => {
  it('names every count that grew from warm-up to the end, a kind new at the end too; none when nothing grew', () => {
    expect(countGrowth(counts(2, 51), counts(2, 51))).toEqual([]);
    expect(countGrowth(counts(2, 51), counts(1, 50))).toEqual([]);
    expect(countGrowth(counts(2, 51), counts(3, 52, { Immediate: 1 }))).toEqual(['resources.Timeout 2 → 3', 'resources.Immediate 0 → 1', 'listeners.process 51 → 52']);
  });

  it('compares the mean RSS of the last window with the second one (the first is the warm-up)', () => {
    // 100 MiB through the warm-up and the second minute, 120 in the last.
    const growth = rssGrowth(samples(600, (t) => (t < 540 ? 100 : 120)), 60, 600);
    expect(growth.warm.rssMeanMiB).toBe(100);
    expect(growth.last.rssMeanMiB).toBe(120);
    expect(growth.growth).toBeCloseTo(0.2);
  });

  it('gives the heap per line kept, and nothing without the counts', () => {
    const warm = { ...counts(1, 1), held: { lines: 1000, heapUsedMiB: 50 } };
    const end = { ...counts(1, 1), held: { lines: 2024, heapUsedMiB: 51 } };
    expect(heldGrowth(warm, end)).toBe('lines kept 1000 → 2024, V8 heap used 50 → 51 MiB (1024 bytes of heap per line kept)');
    expect(heldGrowth(undefined, end)).toBeUndefined();
  });

  it('writes one table row per minute and an SVG with the RSS and CPU curves', () => {
    const run = samples(180, () => 100);
    const table = windowTable(run, 60, () => 7);
    expect(table.split('\n')).toHaveLength(2 + 3);
    expect(table.split('\n')[2]).toMatch(/^\| 1 +\| 100\.0 +\| 100\.0 +\| 10\.0 +\| 5900 +\| 7 +\|$/);
    const svg = curveSvg(run, rssGrowth(run, 60, 180), 'a <title> & more');
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg).toContain('a &lt;title> &amp; more');
  });
});
