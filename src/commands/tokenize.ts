export type TokenizeResult = { ok: true; tokens: string[] } | { ok: false; error: string };

/**
 * Splits an argument string shell-like: whitespace separates, "double" and 'single' quotes
 * group, backslash escapes the next character outside single quotes. `maxTokens` stops
 * splitting so the last token keeps the rest of the line verbatim (message text).
 */
export function tokenize(input: string, maxTokens = Infinity): TokenizeResult {
  const tokens: string[] = [];
  let i = 0;
  const skipSpace = (): void => {
    while (i < input.length && /\s/.test(input[i] ?? '')) i++;
  };
  skipSpace();
  while (i < input.length) {
    if (tokens.length === maxTokens - 1) {
      tokens.push(input.slice(i).trimEnd());
      return { ok: true, tokens };
    }
    let token = '';
    let quote: '"' | "'" | null = null;
    const start = i;
    while (i < input.length) {
      const ch = input[i] ?? '';
      if (quote) {
        if (ch === quote) quote = null;
        else if (ch === '\\' && quote === '"' && i + 1 < input.length) token += input[++i];
        else token += ch;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '\\' && i + 1 < input.length) token += input[++i];
      else if (/\s/.test(ch)) break;
      else token += ch;
      i++;
    }
    if (quote) return { ok: false, error: `unclosed ${quote} quote starting at column ${start + 1}` };
    tokens.push(token);
    skipSpace();
  }
  return { ok: true, tokens };
}

/**
 * A word as `tokenize` reads it back as one token: in double quotes when it holds whitespace,
 * quotes or backslashes. `open` leaves the closing quote off (a directory Tab goes on into).
 */
export function quoteToken(word: string, { open = false } = {}): string {
  if (!/[\s"'\\]/.test(word)) return word;
  return `"${word.replace(/["\\]/g, '\\$&')}${open ? '' : '"'}`;
}
