import { describe, expect, it } from 'vitest';
import { colourDepthOf } from './colour-depth.js';

describe('colourDepthOf', () => {
  it('reads 16, 256 and truecolor terminals and no colour as chalk does, tmux not taken for truecolor', () => {
    expect(colourDepthOf({ TERM: 'xterm' })).toBe(1);
    expect(colourDepthOf({ TERM: 'linux' })).toBe(1);
    expect(colourDepthOf({ TERM: 'xterm-256color' })).toBe(2);
    expect(colourDepthOf({ TERM: 'xterm-256color', COLORTERM: 'truecolor' })).toBe(3);
    expect(colourDepthOf({ TERM: 'xterm', TMUX: '/tmp/tmux-0/default,1,0' })).toBe(1);
    expect(colourDepthOf({ TERM: 'dumb' })).toBe(0);
    expect(colourDepthOf({ TERM: 'xterm-256color', NO_COLOR: '1' })).toBe(0);
  });
});
