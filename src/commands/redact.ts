import { expandAliases } from './alias.js';
import { tokenize } from './tokenize.js';
import type { CommandLookup } from './types.js';

/** A typed command line as natter may show and keep it, its secret arguments left out. */
export interface RedactedLine {
  /** For the console tab's echo and messages: `/join room@conf [password hidden]`. */
  shown: string;
  /** For the line history: the line before the secret (`/join room@conf`), for Up to recall. */
  kept: string;
}

const unchanged = (line: string): RedactedLine => ({ shown: line, kept: line });

/**
 * Leaves out what a command declares secret (ArgSpec.secret: a password) from `line`,
 * from the first secret argument to the end of the line, so a password with spaces typed
 * without quotes is hidden whole. A line that runs an alias expanding to such an argument
 * keeps only the alias name: which of its words is the secret is not known.
 */
export function redactSecrets(line: string, commands: CommandLookup, aliases: Readonly<Record<string, string>>): RedactedLine {
  if (!line.startsWith('/') || line.startsWith('//')) return unchanged(line); // a message, not a command
  const own = redactCommand(line, commands);
  if (own) return own;
  const expanded = expandAliases(line, aliases, (name) => commands.find(name) !== undefined);
  if (!expanded.ok || expanded.line === line || !redactCommand(expanded.line, commands)) return unchanged(line);
  const name = /^\/\S+/.exec(line.trim())?.[0] ?? line;
  return { shown: `${name} [arguments hidden]`, kept: name };
}

/** The redaction of a line running a command with a secret argument given, or undefined. */
function redactCommand(line: string, commands: CommandLookup): RedactedLine | undefined {
  const match = /^\s*(\/\S+)(\s*)(.*)$/s.exec(line);
  const command = match && commands.find(match[1] ?? '');
  const secretAt = command?.args.findIndex((a) => a.secret) ?? -1;
  if (!match || !command || secretAt < 0) return undefined;
  const [, name = '', space = '', rest = ''] = match;
  // The words before the secret as typed, then the rest of the line verbatim from the secret on.
  const split = tokenize(rest, secretAt + 1);
  if (!split.ok) return { shown: `${name} [arguments hidden]`, kept: name };
  if (split.tokens.length <= secretAt) return undefined;
  const secret = command.args[secretAt]?.name ?? 'secret';
  const before = rest.slice(0, rest.trimEnd().length - (split.tokens.at(-1) ?? '').length).trimEnd();
  const kept = before === '' ? name : `${name}${space}${before}`;
  return { shown: `${kept} [${secret} hidden]`, kept };
}
