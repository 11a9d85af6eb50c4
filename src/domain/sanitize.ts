/**
 * Makes text from the network inert before it reaches the screen or the store.
 *
 * Removes ESC/CSI/OSC/DCS sequences, C0 controls except newline and tab, DEL, C1 controls
 * (U+0080–U+009F, which some terminals treat as 8-bit CSI/OSC), and Unicode bidi overrides
 * and isolates (they can reorder or hide text: CVE-2021-42574 "Trojan Source").
 * Written by hand rather than with strip-ansi because we also need C1, bidi and lone ESC.
 */
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[PX^_][^\u001b]*(?:\u001b\\)?|[ -/]*[0-~])?/g;
// eslint-disable-next-line no-control-regex
const C1_SEQUENCE = /\u009b[0-?]*[ -/]*[@-~]|[\u009d\u0090\u0098\u009e\u009f][^\u0007\u009c\u001b]*(?:\u0007|\u009c)?/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Any character one of the above starts with (CR included): text without one is left as it is. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export function sanitizeText(input: string): string {
  // The store runs every text through here: most have nothing to remove, and one test is all they cost.
  if (!UNSAFE.test(input)) return input;
  return input
    .replace(ESCAPE_SEQUENCE, '')
    .replace(C1_SEQUENCE, '')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROLS, '')
    .replace(BIDI, '');
}

/** For single-line fields (nicks, titles, status texts): newlines and tabs become spaces. */
export function sanitizeLine(input: string): string {
  const text = sanitizeText(input);
  return text.includes('\n') || text.includes('\t') ? text.replace(/[\n\t]+/g, ' ') : text;
}

/*
 * Text for the screen must take the columns Ink lays it out in. Ink measures with string-width,
 * which counts every Default_Ignorable_Code_Point as 0 columns and an emoji sequence (joined by
 * ZWJ U+200D, or made an emoji by VS16 U+FE0F, or a flag of tag characters) as 2; terminals do
 * not agree (the headless xterm the tests read: family emoji 4 columns, "❤️" and keycaps 1, a
 * tag flag 1; U+00AD, U+180E, U+3164, U+115F, U+FFA0, U+2065, U+FFF0, U+E0080 1 or 2). A
 * combining mark that starts a line attaches to nothing: string-width counts 0, Ink's output
 * 1, a terminal puts it on the cell before. So every default-ignorable is removed (bidi
 * controls are among them), ZWJ and variation selectors too: the parts of a sequence then
 * show one by one at the width both sides give them; and marks that start a line go.
 * (The Unicode Standard, §5.21: a default-ignorable code point a renderer does not support is
 * shown as nothing, and never as a visible glyph of its own.)
 */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
const HAS_IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
const LEADING_MARKS = /(^|[\n\t])\p{M}+/gu;
const MARK_FIRST = /^\p{M}/u;
const MARK_AFTER_BREAK = /[\n\t]\p{M}/u;
/** string-width counts a digit, # or * with U+20E3 (a keycap without VS16) 2 columns; xterm.js and tmux draw 1. */
const KEYCAP = /([\d#*])\u20e3/g;
/**
 * The viramas Unicode 15.1 joins a conjunct with (InCB=Linker, grapheme rule GB9c): string-width
 * counts "न्द" as one cluster, 1 column; xterm.js and tmux draw न and द, 2 (ten of them: 10
 * against 20). A ZERO WIDTH NON-JOINER after the virama ends the cluster where terminals end
 * it, and asks for the form they draw anyway: the explicit virama (Unicode §12.1).
 */
const CONJUNCT_VIRAMA = /([\u094d\u09cd\u0acd\u0b4d\u0c4d\u0d4d])(?=\p{L})/gu;
const HAS_VIRAMA = /[\u094d\u09cd\u0acd\u0b4d\u0c4d\u0d4d]/;

/**
 * `text` without what terminals and Ink measure differently (above); text without any is
 * returned as it is. Each step is tested for before it runs, with separate tests, not one regex
 * with alternatives: that one took ~5 µs for a line of 200 Hebrew characters, these 1-2 µs
 * (every line a flood brings is tested). Marks are looked for once ignorables are gone.
 */
export function sameWidthEverywhere(text: string): string {
  let shown = HAS_IGNORABLE.test(text) ? text.replace(IGNORABLE, '') : text;
  const breaks = shown.includes('\n') || shown.includes('\t');
  if (MARK_FIRST.test(shown) || (breaks && MARK_AFTER_BREAK.test(shown))) shown = shown.replace(LEADING_MARKS, '$1');
  if (shown.includes('\u20e3')) shown = shown.replace(KEYCAP, '$1');
  return HAS_VIRAMA.test(shown) ? shown.replace(CONJUNCT_VIRAMA, '$1\u200c') : shown;
}

/** sanitizeText for text drawn on the screen: inert, and as wide as Ink thinks. The history keeps what arrived. */
export const displayText = (input: string): string => sameWidthEverywhere(sanitizeText(input));

/** sanitizeLine for a single-line field drawn on the screen: inert, and as wide as Ink thinks. */
export const displayLine = (input: string): string => sameWidthEverywhere(sanitizeLine(input));

/**
 * A single-line field from the network, made inert and cut to `max` characters (an ellipsis
 * says it was cut): a peer's client name, a vCard value, a disco feature. Cut before it is
 * cleaned too, so a megabyte of text costs no more than `max` of it.
 */
export function boundedLine(input: string, max: number): string {
  const head = input.length > max * 4 ? input.slice(0, max * 4) : input;
  const line = sanitizeLine(head).trim();
  if (line.length <= max) return line;
  // Not between the two halves of a surrogate pair (an emoji): a lone half shows as garbage.
  const end = /[\ud800-\udbff]/.test(line.charAt(max - 2)) ? max - 2 : max - 1;
  return `${line.slice(0, end)}…`;
}
