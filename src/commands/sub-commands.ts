import { tokenize } from './tokenize.js';
import { isCommandGroup, type CommandGroupSpec, type CommandSpec } from './types.js';

/** How a command is written from the top: ['account', 'add'] → "/account add". */
export const commandName = (path: readonly string[]): string => `/${path.join(' ')}`;

/** The usage line: `/account add jid [server]`, `/account [list|add|…]` (brackets: a default runs when none is named). */
export function usageOf(spec: CommandSpec, path: readonly string[] = [spec.name]): string {
  if (isCommandGroup(spec)) {
    const names = spec.subCommands.map((sub) => sub.name).join('|');
    return `${commandName(path)} ${spec.defaultSubCommand === undefined ? names : `[${names}]`}`;
  }
  const args = spec.args.map((a) => {
    const name = a.rest ? `${a.name}...` : a.name;
    return a.required ? name : `[${name}]`;
  });
  return [commandName(path), ...args].join(' ');
}

/** The sub-command of `group` that `word` names (its name or an alias, any case). */
export function findSubCommand(group: CommandGroupSpec, word: string): CommandSpec | undefined {
  const name = word.toLowerCase();
  return group.subCommands.find((sub) => sub.name === name || sub.aliases?.includes(name));
}

/** Names and aliases of `group`'s sub-commands that start with `partial`, for Tab. */
export function subCommandCandidates(group: CommandGroupSpec, partial: string): string[] {
  const prefix = partial.toLowerCase();
  return group.subCommands
    .flatMap((sub) => [sub.name, ...(sub.aliases ?? [])])
    .filter((name) => name.startsWith(prefix))
    .sort();
}

/** Where the words after a command's name lead: the command reached and what is left. */
export interface Descent {
  /** A runnable command, or a group when no word (or `unknown`) names one of its sub-commands. */
  spec: CommandSpec;
  /** The canonical names from the top: ['account', 'add']. */
  path: string[];
  /** How many words named sub-commands (a default sub-command takes none). */
  words: number;
  /** The text after those words, as typed: the arguments. */
  rest: string;
  /** The word that named no sub-command of the group reached. */
  unknown?: string;
}

/**
 * Follows the words at the start of `text` (the line after the command's name) down `top`'s
 * sub-commands, read by the tokenizer's rules one at a time so the arguments after them stay
 * as typed (a free-text tail, an unclosed quote in a password). At a group with no word left
 * its default sub-command is taken unless `useDefault` is false (Tab lists them instead).
 */
export function descend(top: CommandSpec, text: string, { useDefault = true } = {}): { ok: true; value: Descent } | { ok: false; error: string } {
  let spec = top;
  let rest = text;
  let words = 0;
  const path = [top.name];
  while (isCommandGroup(spec)) {
    const split = tokenize(rest, 2);
    if (!split.ok) return { ok: false, error: `${commandName(path)}: ${split.error}` };
    const [word, after = ''] = split.tokens;
    const named = word === undefined ? defaultOf(spec, useDefault) : findSubCommand(spec, word);
    const otherwise = word === undefined || named ? undefined : otherwiseOf(spec);
    if (otherwise) {
      // The word is the otherwise sub-command's first argument: not taken.
      spec = otherwise;
      path.push(otherwise.name);
      continue;
    }
    if (!named) return { ok: true, value: { spec, path, words, rest, ...(word === undefined ? {} : { unknown: word }) } };
    if (word !== undefined) {
      rest = after;
      words++;
    }
    spec = named;
    path.push(named.name);
  }
  return { ok: true, value: { spec, path, words, rest } };
}

/** The sub-command that takes words naming none of `group`'s sub-commands, if it has one. */
export const otherwiseOf = (group: CommandGroupSpec): CommandSpec | undefined =>
  group.otherwiseSubCommand === undefined ? undefined : findSubCommand(group, group.otherwiseSubCommand);

const defaultOf = (group: CommandGroupSpec, useDefault: boolean): CommandSpec | undefined =>
  useDefault && group.defaultSubCommand !== undefined ? findSubCommand(group, group.defaultSubCommand) : undefined;

/**
 * Follows already split `words` down `top`'s sub-commands while they name one (Tab, /help):
 * the command reached, its path, and how many of the words named sub-commands.
 */
export function followWords(top: CommandSpec, words: readonly string[]): { spec: CommandSpec; path: string[]; used: number } {
  let spec = top;
  let used = 0;
  const path = [top.name];
  while (isCommandGroup(spec) && used < words.length) {
    const named = findSubCommand(spec, words[used] ?? '');
    if (!named) break;
    spec = named;
    path.push(named.name);
    used++;
  }
  return { spec, path, used };
}

/** Says that `word` names no sub-command of `group` (or that one is needed), and which there are. */
export function subCommandError(group: CommandGroupSpec, path: readonly string[], word: string | undefined): string {
  const what = word === undefined ? `${commandName(path)} needs an action.` : `Unknown ${commandName(path)} action "${word}".`;
  return `${what} Usage: ${usageOf(group, path)}  (see /help ${path.join(' ')})`;
}

/** True when `spec` or one of its sub-commands takes a secret argument (a password). */
export function hasSecret(spec: CommandSpec): boolean {
  return isCommandGroup(spec) ? spec.subCommands.some(hasSecret) : spec.args.some((a) => a.secret);
}

/**
 * Throws when a group is malformed: no sub-commands, a name given twice or not in lower case,
 * a default that names none of them. Checked once at registration, so a mistake shows at start-up, not on use.
 */
export function checkSubCommands(spec: CommandSpec, path: readonly string[] = [spec.name]): void {
  if (!isCommandGroup(spec)) return;
  if (spec.subCommands.length === 0) throw new Error(`command ${commandName(path)} has no sub-commands`);
  const seen = new Set<string>();
  for (const sub of spec.subCommands) {
    for (const name of [sub.name, ...(sub.aliases ?? [])]) {
      if (seen.has(name)) throw new Error(`command ${commandName([...path, name])} is registered twice`);
      if (name !== name.toLowerCase()) throw new Error(`command ${commandName([...path, name])}: names are lower-case (the words typed are matched in any case)`);
      seen.add(name);
    }
    checkSubCommands(sub, [...path, sub.name]);
  }
  for (const [what, name] of [['default', spec.defaultSubCommand], ['otherwise', spec.otherwiseSubCommand]] as const) {
    if (name !== undefined && !spec.subCommands.some((sub) => sub.name === name)) throw new Error(`command ${commandName(path)}: its ${what} "${name}" is none of its sub-commands`);
  }
}
