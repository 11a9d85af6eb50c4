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
