import type { CommandRegistry } from './registry.js';
import { tokenize } from './tokenize.js';
import type { CommandContext } from './types.js';

export interface Completion {
  /** The line with the word before the cursor replaced by the completion. */
  text: string;
  cursor: number;
  /** Every candidate, for showing when there is more than one. */
  candidates: string[];
}

/**
 * Completes the word before the cursor: a command name after "/", otherwise the argument
 * at that position through the command's own `complete`. One candidate is inserted with a
 * trailing space; several are reduced to their longest common prefix (readline behaviour).
 */
export function completeLine(registry: CommandRegistry, ctx: CommandContext, line: string, cursor: number): Completion | undefined {
  const before = line.slice(0, cursor);
  const after = line.slice(cursor);
  if (!before.startsWith('/')) return undefined;
  const wordStart = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\t')) + 1;
  const partial = before.slice(wordStart);
  let candidates: string[];
  if (wordStart === 0) {
    const prefix = partial.slice(1).toLowerCase();
    candidates = registry
      .all()
      .flatMap((spec) => [spec.name, ...(spec.aliases ?? [])])
      .filter((name) => name.startsWith(prefix))
      .sort()
      .map((name) => `/${name}`);
  } else {
    const head = tokenize(before.slice(0, wordStart));
    if (!head.ok) return undefined;
    const [name = '', ...args] = head.tokens;
    const spec = registry.find(name);
    candidates = spec?.complete?.(ctx, args.length, partial) ?? [];
  }
  if (candidates.length === 0) return undefined;
  const unique = [...new Set(candidates)];
  // One candidate is complete (a space follows), unless it is a directory to go on into.
  const only = unique.length === 1 ? unique[0] : undefined;
  const insert = only !== undefined ? (only.endsWith('/') ? only : `${only} `) : commonPrefix(unique);
  if (insert.length < partial.length) return { text: line, cursor, candidates: unique };
  const text = before.slice(0, wordStart) + insert + after;
  return { text, cursor: wordStart + insert.length, candidates: unique };
}

/**
 * Completes the word before the cursor in a message from `names` (a room's nicks), any case;
 * at the start of the line one name gets ": " after it, as IRC and Poezio do.
 */
export function completeName(line: string, cursor: number, names: readonly string[]): Completion | undefined {
  const before = line.slice(0, cursor);
  const wordStart = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\t')) + 1;
  const partial = before.slice(wordStart).toLowerCase();
  if (partial === '') return undefined;
  const candidates = [...new Set(names.filter((n) => n.toLowerCase().startsWith(partial)))].sort();
  if (candidates.length === 0) return undefined;
  const only = candidates.length === 1 ? candidates[0] : undefined;
  const insert = only !== undefined ? `${only}${wordStart === 0 ? ':' : ''} ` : commonPrefix(candidates);
  if (insert.length < partial.length) return { text: line, cursor, candidates };
  const text = before.slice(0, wordStart) + insert + line.slice(cursor);
  return { text, cursor: wordStart + insert.length, candidates };
}

function commonPrefix(words: string[]): string {
  let prefix = words[0] ?? '';
  for (const word of words) while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
