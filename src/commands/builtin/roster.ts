import { fail, ok, type CommandSpec } from '../types.js';

export const MIN_ROSTER_WIDTH = 12;
export const MAX_ROSTER_WIDTH = 80;

export const rosterCommand: CommandSpec = {
  name: 'roster',
  summary: 'Show, hide or resize the roster pane.',
  args: [
    { name: 'hide|show|size', required: true, description: 'what to do with the pane' },
    { name: 'columns', required: false, description: `the width for "size", ${MIN_ROSTER_WIDTH} to ${MAX_ROSTER_WIDTH}` },
  ],
  examples: ['/roster hide', '/roster show', '/roster size 30'],
  run(_ctx, [action = '', value]) {
    if (action === 'hide' || action === 'show') {
      if (value !== undefined) return fail(`/roster ${action} takes no value. Usage: /roster hide|show|size N`);
      return ok(undefined, [{ type: 'roster-visible', visible: action === 'show' }]);
    }
    if (action === 'size') {
      const width = Number(value);
      if (value === undefined || !Number.isInteger(width) || width < MIN_ROSTER_WIDTH || width > MAX_ROSTER_WIDTH) {
        return fail(`/roster size needs a whole number of columns from ${MIN_ROSTER_WIDTH} to ${MAX_ROSTER_WIDTH}, e.g. /roster size 30`);
      }
      return ok(undefined, [{ type: 'roster-width', width }]);
    }
    return fail(`Unknown /roster action "${action}". Usage: /roster hide|show|size N`);
  },
  complete: (_ctx, index, partial) => (index === 0 ? ['hide', 'show', 'size'].filter((a) => a.startsWith(partial)) : []),
};
