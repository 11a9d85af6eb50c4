import { describe, expect, it } from 'vitest';
import { defaultKeyBindings, keyMap } from './keybindings.js';

describe('keybindings', () => {
  it('binds every default key to exactly one action', () => {
    const keys = defaultKeyBindings.flatMap((b) => b.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keyMap().get('alt+1')).toBe('tab.goto.1');
    expect(keyMap().get('alt+0')).toBe('tab.goto.10');
  });

  it('gives every action a line of help', () => {
    for (const binding of defaultKeyBindings) expect(binding.help.length).toBeGreaterThan(5);
  });

  it('lets the user rebind an action', () => {
    const map = keyMap({ 'tab.next': ['ctrl+t'] });
    expect(map.get('ctrl+t')).toBe('tab.next');
    expect(map.get('ctrl+n')).toBeUndefined();
  });
});
