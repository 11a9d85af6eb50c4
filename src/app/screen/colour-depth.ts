import { WriteStream } from 'node:tty';
import type { ColourDepth } from '../../ui/theme/consistent-colour.js';

/**
 * How many colours the terminal shows, as chalk (under Ink) counts them: 0 none, 1 the 16 ANSI
 * colours, 2 the 256, 3 truecolor. Node reads the signals chalk does (FORCE_COLOR, NO_COLOR,
 * TERM, COLORTERM) but also takes TMUX for truecolor, which chalk does not: that one is left
 * out, so a 16-colour terminal under tmux is not sent colours chalk would then approximate.
 * (The chalk Ink bundles is not a module natter can import as its own.)
 */
export function colourDepthOf(env: NodeJS.ProcessEnv = process.env): ColourDepth {
  // getColorDepth reads only the environment given, not the stream (Node's lib/tty.js).
  const bits = WriteStream.prototype.getColorDepth.call(undefined, { ...env, TMUX: undefined });
  return bits >= 24 ? 3 : bits >= 8 ? 2 : bits >= 4 ? 1 : 0;
}
