import { commandName, usageOf } from './sub-commands.js';
import { isCommandGroup, type CommandGroupSpec, type CommandSpec } from './types.js';

/** /help: every command with its one-line summary. */
export function commandList(specs: readonly CommandSpec[]): string {
  const width = Math.max(...specs.map((s) => s.name.length)) + 1;
  const rows = specs.map((s) => `  /${s.name.padEnd(width)} ${s.summary}`);
  return ['Commands (/help NAME for details):', ...rows].join('\n');
}

/**
 * /help NAME [ACTION…]: the usage, the description, then the arguments, or for a command made
 * of sub-commands one line for each (its usage and summary); aliases and examples last.
 */
export function commandHelp(spec: CommandSpec, path: readonly string[]): string {
  const lines = [`Usage: ${usageOf(spec, path)}`, '', spec.description ?? spec.summary];
  if (isCommandGroup(spec)) lines.push('', ...subCommandLines(spec, path));
  else if (spec.args.length > 0) lines.push('', 'Arguments:', ...spec.args.map((a) => `  ${a.name}  ${a.description}`));
  if (spec.aliases?.length) lines.push('', `Aliases: ${spec.aliases.map((a) => commandName([...path.slice(0, -1), a])).join(', ')}`);
  if (spec.examples?.length) lines.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`));
  return lines.join('\n');
}

function subCommandLines(group: CommandGroupSpec, path: readonly string[]): string[] {
  const name = commandName(path);
  const usages = group.subCommands.map((sub) => usageOf(sub, [...path, sub.name]));
  const width = Math.max(...usages.map((u) => u.length));
  const alone = group.defaultSubCommand === undefined ? '' : `; ${name} alone is ${name} ${group.defaultSubCommand}`;
  const rows = group.subCommands.map((sub, i) => `  ${(usages[i] ?? '').padEnd(width)}  ${sub.summary}`);
  return [`Actions (/help ${path.join(' ')} ACTION for details${alone}):`, ...rows];
}
