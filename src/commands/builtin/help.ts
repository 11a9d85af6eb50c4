import { usageOf } from '../registry.js';
import { fail, ok, type CommandSpec } from '../types.js';

export const helpCommand: CommandSpec = {
  name: 'help',
  summary: 'List the commands, or show how to use one.',
  args: [{ name: 'command', required: false, description: 'a command name, with or without the /' }],
  examples: ['/help', '/help quit'],
  run(ctx, [name]) {
    if (name === undefined) {
      const specs = ctx.registry.all();
      const width = Math.max(...specs.map((s) => s.name.length)) + 1;
      const rows = specs.map((s) => `  /${s.name.padEnd(width)} ${s.summary}`);
      return ok(['Commands (/help NAME for details):', ...rows].join('\n'));
    }
    const spec = ctx.registry.find(name);
    if (!spec) return fail(`There is no command /${name.replace(/^\//, '')}. Type /help for the list.`);
    const lines = [`Usage: ${usageOf(spec)}`, '', spec.description ?? spec.summary];
    if (spec.args.length > 0) {
      lines.push('', 'Arguments:', ...spec.args.map((a) => `  ${a.name}  ${a.description}`));
    }
    if (spec.aliases?.length) lines.push('', `Aliases: ${spec.aliases.map((a) => '/' + a).join(', ')}`);
    if (spec.examples?.length) lines.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`));
    return ok(lines.join('\n'));
  },
  complete(ctx, index, partial) {
    if (index !== 0) return [];
    const prefix = partial.replace(/^\//, '');
    return ctx.registry
      .all()
      .map((s) => s.name)
      .filter((n) => n.startsWith(prefix));
  },
};
