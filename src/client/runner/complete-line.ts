import { candidatesLine, completeLine, completeName, type Completion } from '../../commands/complete.js';
import type { CommandRegistry } from '../../commands/registry.js';
import type { CommandContext } from '../../commands/types.js';
import { parseTabId } from '../../domain/tab-address.js';
import type { Store } from '../../store/create-store.js';
import type { ConsoleWriter } from './console-lines.js';

/**
 * Tab on the command line: in a room tab, a message completes the nicks of the room; a
 * command line completes command names and arguments. Several candidates are listed in the
 * console.
 */
export function lineCompleter(store: Store, registry: CommandRegistry, ctx: CommandContext, say: ConsoleWriter) {
  return (line: string, cursor: number): Completion | undefined => {
    const room = parseTabId(store.getState().activeTabId, 'room')?.room;
    const nicks = room && !line.startsWith('/') ? (store.getState().rooms[room]?.occupants.map((o) => o.nick) ?? []) : undefined;
    const completion = nicks ? completeName(line, cursor, nicks) : completeLine(registry, ctx, line, cursor);
    if (completion && completion.candidates.length > 1) say('info', candidatesLine(completion.candidates));
    return completion;
  };
}
