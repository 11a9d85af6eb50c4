import { sanitizeLine } from '../domain/sanitize.js';
import type { CommandRegistry } from './registry.js';
import { followWords, otherwiseOf, subCommandCandidates } from './sub-commands.js';
import { lastToken, quoteToken, tokenize } from './tokenize.js';
import { isCommandGroup, type CommandContext } from './types.js';

export interface Completion {
  /** The line with the word before the cursor replaced by the completion. */
  text: string;
  cursor: number;
  /** Every candidate, for showing when there is more than one. */
  candidates: string[];
}

/**
 * Completes the word before the cursor: a command name after "/", a sub-command's name after
 * a command made of them, otherwise the argument at that position through the command's own
 * `complete`. One candidate is inserted with a trailing space; several are reduced to their
 * longest common prefix (readline behaviour).
 */
export function completeLine(registry: CommandRegistry, ctx: CommandContext, line: string, cursor: number): Completion | undefined {
  const before = line.slice(0, cursor);
  const after = line.slice(cursor);
  if (!before.startsWith('/')) return undefined;
  // By the tokenizer's rules, so a path or nick with spaces, typed in quotes, is one word.
  const word = lastToken(before);
  if (word.trailingEscape) return undefined;
  if (word.start === 0) {
    const prefix = word.value.slice(1).toLowerCase();
    const names = registry
      .all()
      .flatMap((spec) => [spec.name, ...(spec.aliases ?? [])])
      .filter((name) => name.startsWith(prefix))
      .sort()
      .map((name) => `/${name}`);
    return insertCompletion(before, after, word, names);
  }
  const head = tokenize(before.slice(0, word.start));
  if (!head.ok) return undefined;
  const [name = '', ...words] = head.tokens;
  return insertCompletion(before, after, word, argumentCandidates(registry, ctx, name, words, word.value));
}

/**
 * Candidates for the word after `name` and `words`: a sub-command's name where one is expected
 * (`/account ` → add, remove, …), else what the (sub-)command's own `complete` offers for the
 * argument at that position (`/account remove ` → the accounts).
 */
function argumentCandidates(registry: CommandRegistry, ctx: CommandContext, name: string, words: readonly string[], partial: string): string[] {
  const top = registry.find(name);
  if (!top) return [];
  const { spec, used } = followWords(top, words);
  const args = words.slice(used);
  if (isCommandGroup(spec)) {
    const own = args.length === 0 ? subCommandCandidates(spec, partial) : [];
    // A group with an otherwise sub-command (`/roster group work`): its arguments too.
    const otherwise = otherwiseOf(spec);
    const theirs = otherwise && !isCommandGroup(otherwise) ? (otherwise.complete?.(ctx, args.length, partial, args) ?? []) : [];
    return [...own, ...theirs];
  }
  return spec.complete?.(ctx, args.length, partial, args) ?? [];
}

/** The word being typed: where it starts in the line, and its text with quotes and escapes undone. */
interface Word {
  start: number;
  value: string;
}

/**
 * One candidate is inserted whole with a space after it (a directory without, so Tab can go on
 * into it); several are reduced to their longest common prefix (readline behaviour).
 */
function insertCompletion(before: string, after: string, word: Word, candidates: string[]): Completion | undefined {
  // Candidates can come from the network (a requester's JID, a contact's): as shown, never
  // with control or bidi characters into the command line.
  const unique = [...new Set(candidates.map(sanitizeLine).filter((c) => c !== ''))];
  if (unique.length === 0) return undefined;
  const only = unique.length === 1 ? unique[0] : undefined;
  const completed = only ?? commonPrefix(unique);
  if (completed.length < word.value.length) return { text: before + after, cursor: before.length, candidates: unique };
  const finished = only !== undefined && !only.endsWith('/');
  const insert = finished ? `${quoteToken(completed)} ` : quoteToken(completed, { open: true });
  const text = before.slice(0, word.start) + insert + after;
  return { text, cursor: word.start + insert.length, candidates: unique };
}

/**
 * Completes the word before the cursor in a message from `names` (a room's nicks), any case;
 * at the start of the line one name gets ": " after it, as IRC and Poezio do. Nicks come from
 * the network: they are completed as shown (sanitizeLine), never with the control or bidi
 * characters they may carry into the command line.
 */
export function completeName(line: string, cursor: number, names: readonly string[]): Completion | undefined {
  const before = line.slice(0, cursor);
  const wordStart = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\t')) + 1;
  const partial = before.slice(wordStart).toLowerCase();
  if (partial === '') return undefined;
  const candidates = [...new Set(names.map(sanitizeLine).filter((n) => n.toLowerCase().startsWith(partial)))].sort();
  if (candidates.length === 0) return undefined;
  const only = candidates.length === 1 ? candidates[0] : undefined;
  const insert = only !== undefined ? `${only}${wordStart === 0 ? ':' : ''} ` : commonPrefix(candidates);
  if (insert.length < partial.length) return { text: line, cursor, candidates };
  const text = before.slice(0, wordStart) + insert + line.slice(cursor);
  return { text, cursor: wordStart + insert.length, candidates };
}

/** Candidates listed in the console at most; a room of thousands must not make a line of megabytes. */
export const MAX_LISTED_CANDIDATES = 50;

/** The candidates of an ambiguous completion as one console line: inert, and at most MAX_LISTED_CANDIDATES of them. */
export function candidatesLine(candidates: readonly string[]): string {
  const listed = candidates.slice(0, MAX_LISTED_CANDIDATES).map(sanitizeLine).join('  ');
  const rest = candidates.length - MAX_LISTED_CANDIDATES;
  return rest > 0 ? `${listed}  … and ${rest} more` : listed;
}

function commonPrefix(words: string[]): string {
  let prefix = words[0] ?? '';
  for (const word of words) while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
