import { candidatesLine, completeLine, completeName, type Completion } from '../../commands/complete.js';
import type { CommandRegistry } from '../../commands/registry.js';
import type { CommandContext } from '../../commands/types.js';
import { parseTabId } from '../../domain/tab-address.js';
import type { Store } from '../../store/create-store.js';
import { consoleWriter } from './console-lines.js';

/**
 * Tab on the command line: in a room tab, a message completes the nicks of the room; a
 * command line completes command names and arguments. Several candidates are listed in the
 * tab in front, where Tab was pressed.
 */
export function lineCompleter(store: Store, registry: CommandRegistry, ctx: CommandContext) {
  return (line: string, cursor: number): Completion | undefined => {
    const tabId = store.getState().activeTabId;
    const room = parseTabId(tabId, 'room')?.room;
    const nicks = room && !line.startsWith('/') ? (store.getState().rooms[room]?.occupants.map((o) => o.nick) ?? []) : undefined;
    const completion = nicks ? completeName(line, cursor, nicks) : completeLine(registry, ctx, line, cursor);
    if (completion && completion.candidates.length > 1) consoleWriter(store, tabId)('info', candidatesLine(completion.candidates));
    return completion;
  };
}
