/**
 * What natter itself writes to a terminal, defined precisely, so that a test can tell an
 * escape sequence that came from the network from natter's own.
 *
 * Allowed: CR, LF and ESC-introduced sequences of these shapes only:
 * - SGR `ESC [ … m` whose parameters are natter's theme attributes (bold, dim, italic,
 *   underline, inverse, strike-through and their resets) and colours: the 16 colours
 *   (30–37, 90–97, 40–47, 100–107, 39, 49) and 256 colours (38;5;N, 48;5;N). The PTY gets
 *   TERM=xterm-256color and no COLORTERM, so a 24-bit colour (38;2;…) is not natter's.
 * - cursor moves and erasing: `ESC [ n A|B|C|D|E|F|G`, `ESC [ r;c H`, `ESC [ n J|K`;
 * - the screen's modes: `ESC [ ? n h|l` for cursor visibility (25), the alternate screen
 *   (1049), bracketed paste (2004), focus reports (1004), mouse reports (1000, 1002, 1003,
 *   1006) and synchronized output (2026); keypad modes `ESC =` / `ESC >`.
 * Anything else (C1 controls, other C0 controls, OSC, DCS, APC, PM, SOS, other CSI) is foreign.
 */

// eslint-disable-next-line no-control-regex
const SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[PX^_][^\u001b]*(?:\u001b\\)?|[ -/]*[0-~])?/g;
// eslint-disable-next-line no-control-regex
const OTHER_CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f-\u009f]/g;

const SGR_ATTRIBUTES = new Set([0, 1, 2, 3, 4, 7, 9, 21, 22, 23, 24, 27, 29, 39, 49]);
const isColour16 = (n: number): boolean => (n >= 30 && n <= 37) || (n >= 40 && n <= 47) || (n >= 90 && n <= 97) || (n >= 100 && n <= 107);
const PRIVATE_MODES = new Set(['25', '1049', '2004', '1004', '1000', '1002', '1003', '1006', '2026']);

function isNattersSgr(params: string): boolean {
  if (params === '') return true;
  const numbers = params.split(';').map((p) => (p === '' ? 0 : Number(p)));
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i]!;
    if (n === 38 || n === 48) {
      if (numbers[i + 1] !== 5 || !(numbers[i + 2]! >= 0 && numbers[i + 2]! <= 255)) return false;
      i += 2;
    } else if (!SGR_ATTRIBUTES.has(n) && !isColour16(n)) return false;
  }
  return true;
}

/** Whether an ESC-introduced sequence is one natter writes (see above). */
export function isNattersSequence(sequence: string): boolean {
  if (sequence === '\u001b=' || sequence === '\u001b>') return true;
  // eslint-disable-next-line no-control-regex
  const csi = /^\u001b\[([0-?]*)([ -/]*)([@-~])$/.exec(sequence);
  if (!csi) return false;
  const [, params = '', intermediates, final = ''] = csi;
  if (intermediates !== '') return false;
  if (final === 'm') return isNattersSgr(params);
  if (/^[ABCDEFG]$/.test(final)) return /^\d*$/.test(params);
  if (final === 'H' || final === 'f') return /^(\d*(;\d*)?)$/.test(params);
  if (final === 'J' || final === 'K') return /^[0-3]?$/.test(params);
  if (final === 'h' || final === 'l') return params.startsWith('?') && params.slice(1).split(';').every((m) => PRIVATE_MODES.has(m));
  return false;
}

export interface OutputScan {
  /** How often each of natter's own sequence shapes occurred (parameters replaced by N). */
  own: Map<string, number>;
  /** Every foreign control character or sequence, as written (JSON-escaped), with how often. */
  foreign: Map<string, number>;
}

const shape = (sequence: string): string => JSON.stringify(sequence.replace(/\d+/g, 'N'));

/** Sorts every control character and escape sequence in a terminal's output into natter's own and foreign. */
export function scanTerminalOutput(output: string): OutputScan {
  const own = new Map<string, number>();
  const foreign = new Map<string, number>();
  const count = (map: Map<string, number>, key: string): void => void map.set(key, (map.get(key) ?? 0) + 1);
  const rest = output.replace(SEQUENCE, (sequence) => {
    if (isNattersSequence(sequence)) count(own, shape(sequence));
    else count(foreign, JSON.stringify(sequence));
    return '';
  });
  for (const c of rest.match(OTHER_CONTROL) ?? []) count(foreign, JSON.stringify(c));
  return { own, foreign };
}

/** C0 controls but tab and newline, DEL and C1 controls: what no file natter writes from network text may hold. */
// eslint-disable-next-line no-control-regex
export const FILE_FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
