import { expandAliases } from './alias.js';
import { descend, hasSecret } from './sub-commands.js';
import { tokenize } from './tokenize.js';
import { isCommandGroup, type CommandLookup } from './types.js';

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

/**
 * The redaction of a line running a command with a secret argument given, or undefined. The
 * secret may belong to a sub-command (`/NAME ACTION … PASSWORD`): its position counts the
 * sub-command words before the arguments.
 */
function redactCommand(line: string, commands: CommandLookup): RedactedLine | undefined {
  const match = /^\s*(\/\S+)(\s*)(.*)$/s.exec(line);
  const top = match && commands.find(match[1] ?? '');
  if (!match || !top || !hasSecret(top)) return undefined;
  const [, name = '', space = '', rest = ''] = match;
  const hidden = { shown: `${name} [arguments hidden]`, kept: name };
  const descent = descend(top, rest);
  if (!descent.ok) return hidden;
  if (isCommandGroup(descent.value.spec)) {
    // A word that names no sub-command (a typo in the action) may still be followed by a password.
    return descent.value.unknown === undefined ? undefined : hidden;
  }
  const { spec: command, words } = descent.value;
  const argAt = command.args.findIndex((a) => a.secret);
  if (argAt < 0) return undefined;
  const secretAt = words + argAt;
  // The words before the secret as typed, then the rest of the line verbatim from the secret on.
  const split = tokenize(rest, secretAt + 1);
  if (!split.ok) return hidden;
  if (split.tokens.length <= secretAt) return undefined;
  const secret = command.args[argAt]?.name ?? 'secret';
  const before = rest.slice(0, rest.trimEnd().length - (split.tokens.at(-1) ?? '').length).trimEnd();
  const kept = before === '' ? name : `${name}${space}${before}`;
  return { shown: `${kept} [${secret} hidden]`, kept };
}
