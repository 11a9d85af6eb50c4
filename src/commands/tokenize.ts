export type TokenizeResult = { ok: true; tokens: string[] } | { ok: false; error: string };

/**
 * Splits an argument string shell-like: whitespace separates, "double" and 'single' quotes
 * group, backslash escapes the next character outside single quotes. `maxTokens` stops
 * splitting so the last token keeps the rest of the line verbatim (message text).
 */
export function tokenize(input: string, maxTokens = Infinity): TokenizeResult {
  const tokens: string[] = [];
  let i = skipSpace(input, 0);
  while (i < input.length) {
    if (tokens.length === maxTokens - 1) {
      tokens.push(input.slice(i).trimEnd());
      return { ok: true, tokens };
    }
    const token = readToken(input, i);
    if (token.openQuote) return { ok: false, error: `unclosed ${token.openQuote} quote starting at column ${i + 1}` };
    tokens.push(token.value);
    i = skipSpace(input, token.end);
  }
  return { ok: true, tokens };
}

/**
 * The last word of a line being typed, by the same rules: where it starts and its text so far
 * (an open quote is allowed). After a space it is the empty word at the end. `trailingEscape`:
 * the line ends in a backslash whose character is not typed yet.
 */
export function lastToken(input: string): { start: number; value: string; trailingEscape: boolean } {
  let i = skipSpace(input, 0);
  while (i < input.length) {
    const token = readToken(input, i);
    if (token.end >= input.length) return { start: i, value: token.value, trailingEscape: token.trailingEscape };
    i = skipSpace(input, token.end);
  }
  return { start: input.length, value: '', trailingEscape: false };
}

const skipSpace = (input: string, from: number): number => {
  let i = from;
  while (i < input.length && /\s/.test(input[i] ?? '')) i++;
  return i;
};

/** One token from `start`: its text, where it ends, and a quote left open at the end. */
function readToken(input: string, start: number) {
  let value = '';
  let openQuote: '"' | "'" | null = null;
  let trailingEscape = false;
  let i = start;
  for (; i < input.length; i++) {
    const ch = input[i] ?? '';
    const escapes = ch === '\\' && openQuote !== "'";
    if (escapes && i + 1 < input.length) value += input[++i];
    else if (escapes) {
      value += ch; // a backslash at the very end stands for itself
      trailingEscape = true;
    } else if (openQuote) {
      if (ch === openQuote) openQuote = null;
      else value += ch;
    } else if (ch === '"' || ch === "'") openQuote = ch;
    else if (/\s/.test(ch)) break;
    else value += ch;
  }
  return { value, end: i, openQuote, trailingEscape };
}

/**
 * A word as `tokenize` reads it back as one token: in double quotes when it holds whitespace,
 * quotes or backslashes. `open` leaves the closing quote off (a directory Tab goes on into).
 */
export function quoteToken(word: string, { open = false } = {}): string {
  if (!/[\s"'\\]/.test(word)) return word;
  return `"${word.replace(/["\\]/g, '\\$&')}${open ? '' : '"'}`;
}
