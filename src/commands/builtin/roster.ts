import { fail, ok, type CommandSpec } from '../types.js';

import { MAX_ROSTER_WIDTH, MIN_ROSTER_WIDTH } from '../../store/state.js';

export const rosterCommand: CommandSpec = {
  name: 'roster',
  summary: 'Show, hide, resize or filter the roster pane; fold a group.',
  args: [
    { name: 'hide|show|size|filter|group|status', required: true, description: 'what to do with the pane' },
    {
      name: 'value',
      required: false,
      rest: true,
      description: `size: columns (${MIN_ROSTER_WIDTH} to ${MAX_ROSTER_WIDTH}); filter: text a name or JID must contain (none: all); group: the group to fold or unfold; status: on or off (none: switch)`,
    },
  ],
  description: 'Alt-R starts /roster filter; Alt-S shows or hides status texts; Alt-PageUp and Alt-PageDown scroll the roster.',
  examples: ['/roster hide', '/roster show', '/roster size 30', '/roster filter ali', '/roster filter', '/roster group work', '/roster status on'],
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
    if (action === 'filter') return ok(undefined, [{ type: 'roster-filter', filter: value?.trim() ?? '' }]);
    if (action === 'group') {
      if (!value?.trim()) return fail('/roster group needs the name of a group, e.g. /roster group work');
      return ok(undefined, [{ type: 'roster-toggle-group', group: value.trim() }]);
    }
    if (action === 'status') {
      const mode = value?.trim();
      if (mode !== undefined && mode !== 'on' && mode !== 'off') return fail(`/roster status takes on or off, not "${mode}". Usage: /roster status [on|off]`);
      return ok(undefined, [{ type: 'roster-status', ...(mode ? { show: mode === 'on' } : {}) }]);
    }
    return fail(`Unknown /roster action "${action}". Usage: /roster hide|show|size N|filter TEXT|group NAME|status [on|off]`);
  },
  complete(ctx, index, partial) {
    if (index === 0) return ['hide', 'show', 'size', 'filter', 'group', 'status'].filter((a) => a.startsWith(partial));
    return [...new Set(ctx.state().roster.flatMap((c) => c.groups ?? []))].filter((g) => g.startsWith(partial));
  },
};
