import { CONSOLE_TAB_ID } from '../../domain/tab.js';
import { parseTabId } from '../../domain/tab-address.js';
import { fail, ok, type CommandSpec } from '../types.js';

export const closeCommand: CommandSpec = {
  name: 'close',
  summary: 'Close the current tab (its history is kept); closing a room\'s tab leaves the room.',
  args: [],
  examples: ['/close'],
  async run(ctx) {
    const id = ctx.state().activeTabId;
    if (id === CONSOLE_TAB_ID) return fail('The console tab can not be closed. Use /quit to leave natter.');
    const room = parseTabId(id, 'room')?.room;
    if (room && ctx.state().rooms[room]) await ctx.api.leaveRoom(room);
    return ok(undefined, [{ type: 'tab/close', id }]);
  },
};
