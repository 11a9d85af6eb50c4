import { expect, it } from 'vitest';
import { validateConfig } from '../../config/validate-config.generated.js';
import { defaultKeyBindings } from '../../ui/input/keybindings.js';

const accepts = (keys: Record<string, string[]>): unknown => (validateConfig({ ui: { keys } }) ? 'valid' : validateConfig.errors);

// The config layer may not import the UI: the schema's key pattern must admit every key the
// table binds by default, or a config that writes a default down (Alt-= for roster.wider) is refused.
it('the config schema accepts every default key, as written in the key table', () => {
  expect(accepts(Object.fromEntries(defaultKeyBindings.map((b) => [b.action, [...b.keys]])))).toBe('valid');
});

it('the config schema accepts punctuation keys with modifiers, and refuses what no key press is called', () => {
  for (const key of ['alt+=', 'alt+-', 'ctrl+]', 'alt+,', 'alt+.', 'alt+/', 'alt+;', "alt+'", 'alt+[', 'alt+`', 'alt++', 'ctrl+_', 'alt+1', 'ctrl+pageup', 'f']) {
    expect(accepts({ 'roster.wider': [key] }), key).toBe('valid');
  }
  for (const key of ['alt+', 'alt+A', 'alt+==', 'meta+x', 'alt+ ', 'alt+é', '']) {
    expect(accepts({ 'roster.wider': [key] }), key).not.toBe('valid');
  }
});
