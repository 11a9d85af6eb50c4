import { describe, expect, it } from 'vitest';
import { defaultKeyBindings, isKeyAction, keyMap, unknownKeyActions } from './keybindings.js';

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

  it("names the config's ui.keys that are no action, and only those", () => {
    expect(isKeyAction('tab.next')).toBe(true);
    expect(isKeyAction('tab.nxt')).toBe(false);
    expect(unknownKeyActions({ 'tab.next': ['alt+j'], 'tab.nxt': ['alt+k'], 'line.submit': ['return'] })).toEqual(['tab.nxt']);
  });

  it('lists the actions in the order of the table, tabs 1 to 10 by Alt-1 … Alt-0', () => {
    expect(defaultKeyBindings.slice(0, 3).map((b) => b.action)).toEqual(['app.quit', 'app.redraw', 'app.help']);
    expect(defaultKeyBindings.filter((b) => b.action.startsWith('tab.goto.')).map((b) => b.keys.join())).toEqual(
      ['alt+1', 'alt+2', 'alt+3', 'alt+4', 'alt+5', 'alt+6', 'alt+7', 'alt+8', 'alt+9', 'alt+0'],
    );
  });
});
