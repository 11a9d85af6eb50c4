import { checkSubCommands, commandName, descend, subCommandError, usageOf } from './sub-commands.js';
import { tokenize } from './tokenize.js';
import { fail, isCommandGroup, type CommandContext, type CommandLookup, type CommandResult, type CommandSpec, type RunnableCommandSpec } from './types.js';

export { usageOf } from './sub-commands.js';

export interface ParsedInput {
  /** The command that runs: the one named, or the sub-command the words after it name. */
  command: RunnableCommandSpec;
  /** Its names from the top: ['account', 'add']. */
  path: string[];
  args: string[];
}

/** The one place commands are registered, looked up, parsed and run. */
export class CommandRegistry implements CommandLookup {
  readonly #byName = new Map<string, CommandSpec>();
  readonly #specs: CommandSpec[] = [];

  register(spec: CommandSpec): void {
    checkSubCommands(spec);
    for (const name of [spec.name, ...(spec.aliases ?? [])]) {
      if (this.#byName.has(name)) throw new Error(`command /${name} is registered twice`);
      this.#byName.set(name, spec);
    }
    this.#specs.push(spec);
  }

  all(): readonly CommandSpec[] {
    return [...this.#specs].sort((a, b) => a.name.localeCompare(b.name));
  }

  find(name: string): CommandSpec | undefined {
    return this.#byName.get(name.replace(/^\//, '').toLowerCase());
  }

  /**
   * Parses `/name [sub-command...] args...`; returns the command that runs and its arguments,
   * or an error to show: which command or action is unknown, or the usage.
   */
  parse(line: string): { ok: true; value: ParsedInput } | { ok: false; error: string } {
    const match = /^\/(\S+)\s*(.*)$/s.exec(line.trim());
    if (!match) return { ok: false, error: 'Commands start with /. Type /help for the list.' };
    const [, name = '', rest = ''] = match;
    const top = this.find(name);
    if (!top) return { ok: false, error: `Unknown command /${name}. Type /help for the list of commands.` };
    const descent = descend(top, rest);
    if (!descent.ok) return descent;
    const { spec: command, path } = descent.value;
    if (isCommandGroup(command)) return { ok: false, error: subCommandError(command, path, descent.value.unknown) };
    const hasRest = command.args.at(-1)?.rest === true;
    const tokens = tokenize(descent.value.rest, hasRest ? command.args.length : Infinity);
    if (!tokens.ok) return { ok: false, error: `${commandName(path)}: ${tokens.error}` };
    const args = tokens.tokens;
    const required = command.args.filter((a) => a.required).length;
    if (args.length < required || args.length > command.args.length) {
      return { ok: false, error: `Wrong number of arguments. Usage: ${usageOf(command, path)}  (see /help ${path.join(' ')})` };
    }
    return { ok: true, value: { command, path, args } };
  }

  async execute(ctx: CommandContext, line: string): Promise<CommandResult> {
    const parsed = this.parse(line);
    if (!parsed.ok) return fail(parsed.error);
    try {
      return await parsed.value.command.run(ctx, parsed.value.args);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return fail(`${commandName(parsed.value.path)} failed: ${reason}`);
    }
  }
}
