import { sanitizeText } from '../../domain/sanitize.js';

/**
 * The most bytes (UTF-8) of one NATTER_* value a hook is given. Linux refuses to start a
 * program with one environment string over 128 KiB (MAX_ARG_STRLEN: spawn fails with E2BIG),
 * and natter keeps bodies of 65,536 characters, up to 196,608 bytes when each takes three
 * bytes. 64 KiB keeps every ASCII body whole.
 */
export const MAX_HOOK_VALUE_BYTES = 64 * 1024;

/** `peer` → NATTER_PEER, `corrects` → NATTER_CORRECTS, `bodyText` → NATTER_BODY_TEXT. */
export const hookVariable = (key: string): string => `NATTER_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

/**
 * natter's environment plus one NATTER_* variable per field of the event. Each value is made
 * inert like text for the screen (sanitizeText: no NUL, which no environment can hold, no
 * escape sequences or other controls but newline and tab) and cut to MAX_HOOK_VALUE_BYTES at a
 * character boundary; a cut value has NATTER_<NAME>_TRUNCATED=1 beside it, and its variable
 * name is listed in `cut`.
 */
export function hookEnvironment(event: object, inherited: NodeJS.ProcessEnv): { env: Record<string, string>; cut: string[] } {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(inherited)) if (value !== undefined) env[name] = value;
  const cut: string[] = [];
  for (const [key, value] of Object.entries(event)) {
    if (value === undefined || value === null) continue;
    const name = hookVariable(key);
    const bounded = cutToBytes(sanitizeText(String(value)), MAX_HOOK_VALUE_BYTES);
    env[name] = bounded.text;
    // Set only when cut: one inherited from natter's own environment must not claim it.
    delete env[`${name}_TRUNCATED`];
    if (bounded.cut) {
      env[`${name}_TRUNCATED`] = '1';
      cut.push(name);
    }
  }
  return { env, cut };
}

/** The longest start of `text` that is at most `maxBytes` of UTF-8, never splitting a character. */
export function cutToBytes(text: string, maxBytes: number): { text: string; cut: boolean } {
  // A UTF-16 unit takes at most 3 bytes (a surrogate pair 4 for its 2): most texts need no encoding.
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text, 'utf8') <= maxBytes) return { text, cut: false };
  const bytes = Buffer.from(text, 'utf8');
  let end = maxBytes;
  // bytes[end] is the first byte left out: while it continues a character (10xxxxxx), that
  // character started inside the kept part and is left out whole.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return { text: bytes.subarray(0, end).toString('utf8'), cut: true };
}
