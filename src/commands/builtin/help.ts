import { commandHelp, commandList } from '../help-text.js';
import { commandName, followWords, subCommandCandidates, subCommandError } from '../sub-commands.js';
import { tokenize } from '../tokenize.js';
import { fail, isCommandGroup, ok, type CommandSpec } from '../types.js';

export const helpCommand: CommandSpec = {
  name: 'help',
  summary: 'List the commands, or show how to use one.',
  args: [{ name: 'command', required: false, rest: true, description: 'a command name, with or without the /, and an action of it: /help account add' }],
  examples: ['/help', '/help quit', '/help account add'],
  run(ctx, [query]) {
    if (query === undefined) return ok(commandList(ctx.registry.all()));
    const words = tokenize(query);
    const [name = '', ...actions] = words.ok ? words.tokens : query.split(/\s+/);
    const top = ctx.registry.find(name);
    if (!top) return fail(`There is no command /${name.replace(/^\//, '')}. Type /help for the list.`);
    const { spec, path, used } = followWords(top, actions);
    const unknown = actions[used];
    if (unknown === undefined) return ok(commandHelp(spec, path));
    if (isCommandGroup(spec)) return fail(subCommandError(spec, path, unknown));
    return fail(`${commandName(path)} has no actions; /help ${path.join(' ')} shows how to use it.`);
  },
  complete(ctx, index, partial, before = []) {
    if (index === 0) {
      const prefix = partial.replace(/^\//, '');
      return ctx.registry
        .all()
        .map((s) => s.name)
        .filter((n) => n.startsWith(prefix));
    }
    const top = ctx.registry.find(before[0] ?? '');
    // `/help account ` completes account's actions, as `/account ` does.
    const reached = top ? followWords(top, before.slice(1)) : undefined;
    if (!reached || !isCommandGroup(reached.spec) || reached.used < before.length - 1) return [];
    return subCommandCandidates(reached.spec, partial);
  },
};
