import { tokenize } from './tokenize.js';
import { fail, type CommandContext, type CommandLookup, type CommandResult, type CommandSpec } from './types.js';

export interface ParsedInput {
  command: CommandSpec;
  args: string[];
}

export function usageOf(spec: CommandSpec): string {
  const args = spec.args.map((a) => {
    const name = a.rest ? `${a.name}...` : a.name;
    return a.required ? name : `[${name}]`;
  });
  return ['/' + spec.name, ...args].join(' ');
}

/** The one place commands are registered, looked up, parsed and run. */
export class CommandRegistry implements CommandLookup {
  readonly #byName = new Map<string, CommandSpec>();
  readonly #specs: CommandSpec[] = [];

  register(spec: CommandSpec): void {
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

  /** Parses `/name args...`; returns the command and its arguments, or an error to show. */
  parse(line: string): { ok: true; value: ParsedInput } | { ok: false; error: string } {
    const match = /^\/(\S+)\s*(.*)$/s.exec(line.trim());
    if (!match) return { ok: false, error: 'Commands start with /. Type /help for the list.' };
    const [, name = '', rest = ''] = match;
    const command = this.find(name);
    if (!command) return { ok: false, error: `Unknown command /${name}. Type /help for the list of commands.` };
    const hasRest = command.args.at(-1)?.rest === true;
    const tokens = tokenize(rest, hasRest ? command.args.length : Infinity);
    if (!tokens.ok) return { ok: false, error: `/${command.name}: ${tokens.error}` };
    const args = tokens.tokens;
    const required = command.args.filter((a) => a.required).length;
    if (args.length < required || args.length > command.args.length) {
      return { ok: false, error: `Wrong number of arguments. Usage: ${usageOf(command)}  (see /help ${command.name})` };
    }
    return { ok: true, value: { command, args } };
  }

  async execute(ctx: CommandContext, line: string): Promise<CommandResult> {
    const parsed = this.parse(line);
    if (!parsed.ok) return fail(parsed.error);
    try {
      return await parsed.value.command.run(ctx, parsed.value.args);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return fail(`/${parsed.value.command.name} failed: ${reason}`);
    }
  }
}
