import { describe, expect, it } from 'vitest';
import { makeTheme } from './theme.js';

describe('theme', () => {
  it("puts the config's colours in place of the defaults; NO_COLOR still turns every colour off", () => {
    const theme = makeTheme({}, { error: '#ff5f5f', incoming: 'greenBright' });
    expect(theme.error).toBe('#ff5f5f');
    expect(theme.incoming).toBe('greenBright');
    expect(theme.title).toBe('cyan');
    expect(Object.values(makeTheme({ NO_COLOR: '1' }, { error: '#ff5f5f' })).every((v) => v === undefined)).toBe(true);
  });
});
