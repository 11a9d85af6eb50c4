import { describe, expect, it } from 'vitest';
import { defaultKeyBindings } from '../input/keybindings.js';
import { helpLayout } from './help-layout.js';

const keysShown = (columns: { keys: string }[][]): string[] => columns.flat().map((r) => r.keys).filter(Boolean);

describe('helpLayout', () => {
  it('uses one column when the list fits, wrapping long help texts', () => {
    const layout = helpLayout(defaultKeyBindings, 100, 200);
    expect(layout.columns).toHaveLength(1);
    expect(layout.hidden).toBe(0);
    expect(layout.columns[0]?.every((r) => r.keys.length <= layout.keyWidth && r.help.length <= 100 - layout.keyWidth)).toBe(true);
  });

  it('puts the list in columns side by side when one is too short, every key in order', () => {
    const layout = helpLayout(defaultKeyBindings, 135, 41);
    expect(layout.columns.length).toBeGreaterThan(1);
    expect(layout.columns.every((c) => c.length <= 41)).toBe(true);
    expect(keysShown(layout.columns)).toEqual(defaultKeyBindings.map((b) => b.keys.join(', ')));
    expect(layout.hidden).toBe(0);
  });

  it('cuts the list only when even one row per key does not fit, and keeps a row to say how many are left', () => {
    const layout = helpLayout(defaultKeyBindings, 60, 10);
    expect(layout.columns).toHaveLength(1);
    expect(layout.columns[0]).toHaveLength(9);
    expect(layout.hidden).toBe(defaultKeyBindings.length - 9);
  });
});
