/**
 * Hostile strings for the hostile-flood test, drawn from a seeded generator so that a run can
 * be repeated exactly (HOSTILE_SEED). Everything here can travel in XML 1.0: C1 controls,
 * DEL, bidi and zero-width characters can; ESC and the other C0 controls (but tab, LF, CR)
 * cannot (XML 1.0 §2.2 "Char"), so a server refuses them and they are sent once on a
 * connection of their own (see hostile-flood.test.ts).
 */

/** mulberry32: a small, fast, seedable PRNG (deterministic across runs and Node versions). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rng {
  next(): number;
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function rng(seed: number): Rng {
  const next = seededRandom(seed);
  const int = (max: number): number => Math.floor(next() * max);
  return { next, int, pick: (items) => items[int(items.length)]!, chance: (p) => next() < p };
}

/**
 * Canaries: parameters of escape sequences natter never writes itself. If one of them is in
 * the PTY's output, an escape sequence from the network reached the terminal.
 * 38;2;1;2;3: a 24-bit colour (natter's PTY gets 256 colours, so natter writes 38;5;N only);
 * 5m blink, 8m conceal; 6n asks the terminal to answer with the cursor position (typed into
 * natter's input as if by the user); 21t reports the window title; ?1049l leaves the alternate screen.
 */
export const CANARY_SEQUENCES = ['38;2;1;2;3m', '5m', '8m', '6n', '21t', '?1049l', '3J', '>c'] as const;
/** Text an OSC/DCS from the network would set as the window title or hyperlink, or pass to the terminal. */
export const CANARY_TEXTS = ['pwned-title', 'evil.example/link', 'dcs-payload'] as const;

/** 8-bit (ESC-free) forms: U+009B CSI, U+009D OSC, U+0090 DCS, U+009C ST; and 7-bit forms spelt without ESC. */
const C1_FRAGMENTS = [
  ...CANARY_SEQUENCES.map((s) => `\u009b${s}`),
  '\u009d0;pwned-title\u009c', '\u009d2;pwned-title\u009c', '\u009d8;;https://evil.example/link\u009clink\u009d8;;\u009c',
  '\u009d52;c;cHduZWQ=\u009c', '\u0090dcs-payload\u009c', '\u009d0;pwned-title', '\u009b', '\u0085', '\u008d', '\u0084', '\u009a',
  '\u009e pm \u009c', '\u009f apc \u009c', '\u0098 sos \u009c', '\u009b38;2;1;2;3', '\u009b\u009b5m',
];
/** Bidi overrides and isolates (Trojan Source), marks, and zero-width characters. */
const INVISIBLE_FRAGMENTS = [
  '\u202e', '\u202d', '\u202a', '\u202b', '\u202c', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c',
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u034f', '\u180e', '\u{e0001}', '\u{e0041}',
];
/** What XML allows that a terminal could still mind: DEL, tab, CR, LF, lone CR, text that looks like an escape. */
const OTHER_FRAGMENTS = [
  '\u007f', '\t', '\r', '\n', '\r\n', '\r\r\r', '^[[31m', '\\x1b[2J', '\\e]0;t\\a', '&amp;', '<b>', ']]>', '\ufffd',
  'e\u0301\u0301\u0301\u0301\u0301', '👩‍👩‍👧‍👦', '🏳️‍🌈', 'עברית', 'العربية', '中文字', 'Ж',
];
const PLAIN = ['hello', 'ok', 'see you', 'x', 'meeting at 5', 'natter', 'lorem ipsum dolor'];

/** A short hostile text: plain words with control, C1, bidi and zero-width fragments in between. */
export function hostileText(r: Rng, maxParts = 6): string {
  const parts: string[] = [];
  const n = 1 + r.int(maxParts);
  for (let i = 0; i < n; i++) {
    const kind = r.int(4);
    parts.push(kind === 0 ? r.pick(C1_FRAGMENTS) : kind === 1 ? r.pick(INVISIBLE_FRAGMENTS) : kind === 2 ? r.pick(OTHER_FRAGMENTS) : r.pick(PLAIN));
  }
  return parts.join('');
}

/** A hostile text with no CR/LF/tab (for attributes: XML normalizes them there anyway). */
export function hostileAttr(r: Rng): string {
  return hostileText(r, 4).replace(/[\r\n\t]/g, '');
}

/** A body of about `bytes` bytes of UTF-8, hostile fragments spread through it. */
export function hugeText(r: Rng, bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (;;) {
    const part = r.chance(0.2) ? hostileText(r, 3) : `${r.pick(PLAIN)} `;
    if (size + Buffer.byteLength(part) > bytes) return parts.join('');
    parts.push(part);
    size += Buffer.byteLength(part);
  }
}
