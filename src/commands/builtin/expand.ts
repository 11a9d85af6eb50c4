import { MAX_MESSAGE_ROWS } from '../../domain/line.js';
import { fail, ok, type CommandSpec } from '../types.js';

export const expandCommand: CommandSpec = {
  name: 'expand',
  summary: 'Show long messages in the current tab in full, or cut again.',
  args: [{ name: 'on|off', required: false, description: 'on (the default) shows them in full; off cuts them again' }],
  description: `A message longer than ${MAX_MESSAGE_ROWS} rows shows its start and a note; the whole text is kept. PageUp scrolls through it once expanded.`,
  examples: ['/expand', '/expand off'],
  run(ctx, [mode = 'on']) {
    if (mode !== 'on' && mode !== 'off') return fail(`/expand takes on or off, not "${mode}". Usage: /expand [on|off]`);
    const id = ctx.state().activeTabId;
    return ok(mode === 'on' ? 'Long messages in this tab are shown in full (/expand off to cut them).' : 'Long messages in this tab are cut again.', [
      { type: 'tab/expand', id, expanded: mode === 'on' },
    ]);
  },
  complete: (_ctx, index, partial) => (index === 0 ? ['on', 'off'].filter((m) => m.startsWith(partial)) : []),
};
