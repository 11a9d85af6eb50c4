import { tokenize } from './tokenize.js';

/** How many aliases may expand into each other before natter calls it a loop. */
export const MAX_ALIAS_DEPTH = 8;

export const ALIAS_NAME = /^[a-z][a-z0-9_-]{0,31}$/;

export type Expansion = { ok: true; line: string } | { ok: false; error: string };

/**
 * `/name args…` with an alias `name = /cmd $1 $*` becomes `/cmd ARG1 ARGS…`: $1…$9 are the
 * words after the name, $* all of them (as typed). Aliases may use aliases, up to a depth;
 * a command name always wins over an alias.
 */
export function expandAliases(line: string, aliases: Readonly<Record<string, string>>, isCommand: (name: string) => boolean): Expansion {
  let current = line;
  for (let depth = 0; depth <= MAX_ALIAS_DEPTH; depth++) {
    const match = /^\/(\S+)\s*(.*)$/s.exec(current.trim());
    const name = match?.[1] ?? '';
    const expansion = aliases[name];
    if (!match || isCommand(name) || expansion === undefined) return { ok: true, line: current };
    if (depth === MAX_ALIAS_DEPTH) break;
    const rest = match[2] ?? '';
    const words = tokenize(rest, Infinity);
    const args = words.ok ? words.tokens : rest.split(/\s+/).filter(Boolean);
    current = expansion.replace(/\$(\*|[1-9])/g, (_m, which: string) => (which === '*' ? rest : (args[Number(which) - 1] ?? '')));
  }
  return { ok: false, error: `/${/^\/(\S+)/.exec(line.trim())?.[1] ?? ''}: aliases expand into each other more than ${MAX_ALIAS_DEPTH} times (a loop?); see /alias` };
}
