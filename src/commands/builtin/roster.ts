import { MAX_ROSTER_WIDTH, MIN_ROSTER_WIDTH } from '../../store/state.js';
import { fail, ok, type CommandSpec } from '../types.js';
import { contactCommands, groupNames } from './roster-contacts.js';

function visibility(visible: boolean): CommandSpec {
  return {
    name: visible ? 'show' : 'hide',
    summary: visible ? 'Show the roster pane (Alt-T shows or hides it).' : 'Hide the roster pane (Alt-T shows or hides it).',
    args: [],
    examples: [visible ? '/roster show' : '/roster hide'],
    run: () => ok(undefined, [{ type: 'roster/visible', visible }]),
  };
}

const size: CommandSpec = {
  name: 'size',
  summary: `Set the width of the roster pane, ${MIN_ROSTER_WIDTH} to ${MAX_ROSTER_WIDTH} columns (Alt-- and Alt-= resize it).`,
  args: [{ name: 'columns', required: true, description: `a whole number from ${MIN_ROSTER_WIDTH} to ${MAX_ROSTER_WIDTH}` }],
  examples: ['/roster size 30'],
  run(_ctx, [value]) {
    const width = Number(value);
    if (!Number.isInteger(width) || width < MIN_ROSTER_WIDTH || width > MAX_ROSTER_WIDTH) {
      return fail(`/roster size needs a whole number of columns from ${MIN_ROSTER_WIDTH} to ${MAX_ROSTER_WIDTH}, e.g. /roster size 30`);
    }
    return ok(undefined, [{ type: 'roster/width', width }]);
  },
};

const filter: CommandSpec = {
  name: 'filter',
  summary: 'Show only contacts whose name or JID contains the text; none shows all again (Alt-R starts it).',
  args: [{ name: 'text', required: false, rest: true, description: 'what a name or JID must contain; none: all contacts' }],
  examples: ['/roster filter ali', '/roster filter'],
  run: (_ctx, [text]) => ok(undefined, [{ type: 'roster/filter', filter: text?.trim() ?? '' }]),
};

const fold: CommandSpec = {
  name: 'fold',
  summary: 'Fold a group of the roster pane, or unfold it (/roster group NAME does the same).',
  args: [{ name: 'name', required: true, rest: true, description: 'the group, spaces and all (Tab completes the groups)' }],
  examples: ['/roster group work', '/roster group fold my friends'],
  run: (_ctx, [name = '']) => ok(undefined, [{ type: 'roster/toggle-group', group: name.trim() }]),
  complete: (ctx, index, partial) => (index === 0 ? groupNames(ctx, partial) : []),
};

const group: CommandSpec = {
  name: 'group',
  summary: 'Put a contact in a group or take it out, rename a group, or fold one in the pane.',
  description: '/roster group NAME folds or unfolds the group NAME in the pane; a group called add, remove, rename or fold is folded with /roster group fold NAME.',
  examples: ['/roster group add bob@example.org Friends', '/roster group remove bob@example.org Friends', '/roster group rename Friends Pals', '/roster group work'],
  subCommands: [contactCommands.groupAdd, contactCommands.groupRemove, contactCommands.renameGroup, fold],
  otherwiseSubCommand: 'fold',
};

const status: CommandSpec = {
  name: 'status',
  summary: 'Show contacts\' status texts beside their names, or hide them (Alt-S switches).',
  args: [{ name: 'on|off', required: false, description: 'on shows them, off hides them; none switches' }],
  examples: ['/roster status on', '/roster status'],
  run(ctx, [mode]) {
    if (mode !== undefined && mode !== 'on' && mode !== 'off') return fail(`/roster status takes on or off, not "${mode}". Usage: /roster status [on|off]`);
    // No mode: the other way round from now.
    return ok(undefined, [{ type: 'roster/show-status', show: mode ? mode === 'on' : !ctx.state().rosterShowStatus }]);
  },
  complete: (_ctx, index, partial) => (index === 0 ? ['on', 'off'].filter((m) => m.startsWith(partial)) : []),
};

export const rosterCommand: CommandSpec = {
  name: 'roster',
  summary: 'Add, remove, rename, group contacts; show, hide, size the pane.',
  description:
    'Changes are made on your server (RFC 6121), so your other clients see them, and changes made there show here. ' +
    'Alt-R starts /roster filter; Alt-S shows or hides status texts; Alt-PageUp and Alt-PageDown scroll the roster.',
  examples: ['/roster add bob@example.org Bob --group Friends', '/roster rename bob@example.org Bobby', '/roster remove bob@example.org', '/roster export ~/roster.txt', '/roster hide', '/roster size 30', '/roster filter ali', '/roster group work'],
  subCommands: [
    contactCommands.add, contactCommands.remove, contactCommands.rename, group,
    contactCommands.subscribe, contactCommands.unsubscribe, contactCommands.approve,
    contactCommands.exportFile, contactCommands.importFile,
    visibility(false), visibility(true), size, filter, status,
  ],
};
