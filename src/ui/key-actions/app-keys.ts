import type { KeyGroup } from './key-context.js';

export const appKeys: KeyGroup<'app'> = {
  'app.quit': ({ controller }) => controller.quit(),
  'app.redraw': ({ redraw }) => redraw(),
  'app.help': ({ setHelpOpen }) => setHelpOpen((open) => !open),
};

/** Escape with no question asked (nor a search, nor the help overlay open): nothing to cancel. */
export const promptKeys: KeyGroup<'prompt'> = {
  'prompt.cancel': () => false,
};
