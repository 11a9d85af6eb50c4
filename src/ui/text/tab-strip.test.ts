import { describe, expect, it } from 'vitest';
import type { Tab } from '../../domain/tab.js';
import { tabStrip } from './tab-strip.js';

const tab = (n: number, extra: Partial<Tab> = {}): Tab => ({ id: `t${n}`, kind: 'chat', title: `peer${n}`, unread: 0, highlight: false, ...extra });
const tabs = (count: number, extra: Record<number, Partial<Tab>> = {}): Tab[] => Array.from({ length: count }, (_, i) => tab(i + 1, extra[i + 1]));
const labels = (strip: ReturnType<typeof tabStrip>): string[] => strip.shown.map((s) => s.label);

describe('tabStrip', () => {
  it('shows every tab when they fit', () => {
    const strip = tabStrip(tabs(3, { 2: { unread: 4, highlight: true } }), 't1', 80);
    expect(labels(strip)).toEqual(['[1:peer1]', '[2:peer2 (4)!]', '[3:peer3]']);
    expect(strip.before).toBeUndefined();
    expect(strip.after).toBeUndefined();
  });

  it('shows from the first tab when the active one fits there, and counts those left out after it', () => {
    const strip = tabStrip(tabs(20, { 19: { unread: 1 } }), 't2', 40); // "[1:peer1] " is 10 cells
    expect(labels(strip)).toEqual(['[1:peer1]', '[2:peer2]', '[3:peer3]']);
    expect(strip.after).toEqual({ count: 17, unread: true, highlight: false });
    expect(strip.shown.reduce((sum, s) => sum + s.cells, 0) + '‹17 '.length + '17›'.length).toBeLessThanOrEqual(40);
  });

  it('always shows the active tab, with its neighbours and counts on both sides', () => {
    const strip = tabStrip(tabs(91, { 3: { highlight: true }, 90: { unread: 2 } }), 't50', 50);
    const first = Number(/^\[(\d+):/.exec(strip.shown[0]!.label)![1]);
    expect(labels(strip)).toContain('[50:peer50]');
    expect(strip.before).toEqual({ count: first - 1, unread: false, highlight: true });
    expect(strip.after).toEqual({ count: 91 - (first - 1) - strip.shown.length, unread: true, highlight: false });
    expect(strip.shown.length).toBeGreaterThan(1);
    const cells = strip.shown.reduce((sum, s) => sum + s.cells, 0) + `‹${strip.before!.count} `.length + `${strip.after!.count}›`.length;
    expect(cells).toBeLessThanOrEqual(50);
  });

  it('shows the last tab at the end with nothing left out after it', () => {
    const strip = tabStrip(tabs(30), 't30', 40);
    expect(labels(strip).at(-1)).toBe('[30:peer30]');
    expect(strip.after).toBeUndefined();
    expect(strip.before!.count + strip.shown.length).toBe(30);
  });

  it('counts wide characters by the cells they take', () => {
    const wide = [tab(1, { title: '日本語の部屋' }), ...tabs(5).slice(1)];
    const strip = tabStrip(wide, 't1', 30);
    expect(strip.shown[0]).toMatchObject({ label: '[1:日本語の部屋]', cells: 17 });
  });
});
