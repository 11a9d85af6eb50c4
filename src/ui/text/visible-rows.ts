import { MAX_MESSAGE_ROWS, type Line } from '../../domain/line.js';
import { formatCount, formatDay } from '../../domain/plain-format.js';
import type { Picture } from '../../domain/picture.js';
import { formatTime, lineBody } from './format-line.js';
import { pictureRowCount } from './picture-cells.js';
import { wrapText } from './wrap.js';

export interface Row {
  key: string;
  time: string;
  text: string;
  line: Line;
  /** A rule natter draws (a new day, the unread messages, what is below), not a row of `line`. */
  rule?: true;
  /** A row of the line's picture (its index, two pixel rows each), drawn in half blocks. */
  picture?: number;
}

const TIME_WIDTH = 6; // "HH:MM "


export interface ViewOptions {
  /** The line where the "new messages" rule goes. */
  unreadFrom?: number | undefined;
  /** Long messages in full (/expand) instead of their first MAX_MESSAGE_ROWS rows. */
  expanded?: boolean | undefined;
  /**
   * Scrolled back: `offset` counts from the end of this line (the newest when scrolling began),
   * so lines arriving meanwhile do not move the view; the bottom row says how many came.
   */
  anchor?: number | undefined;
  /** Pictures are drawn (the terminal shows colour); otherwise each is one row saying so. */
  pictures?: boolean | undefined;
}

// Wrapping is the costly part of a frame: a line wraps once per width and mode, not on every
// keystroke. Lines are immutable (an edit makes a new object), so the cache can key on them.
const wrapCache = new WeakMap<Line, { key: string; rows: string[] }>();

/**
 * The rows of one line at `width`: all of them, or for a long message (natter's own output,
 * such as /help, is never cut) the first MAX_MESSAGE_ROWS and a note.
 */
export function lineRows(line: Line, width: number, expanded = false, pictures = true): string[] {
  if (line.kind !== 'incoming' && line.kind !== 'outgoing') expanded = true;
  const key = `${width}:${expanded}:${pictures}`;
  const cached = wrapCache.get(line);
  if (cached?.key === key) return cached.rows;
  const body = lineBody(line);
  // Only a prefix is wrapped when the rest would be cut anyway (a 200 KB body must not cost
  // a 200 KB wrap per frame): MAX_MESSAGE_ROWS + 1 rows' worth of characters is enough.
  const limit = (MAX_MESSAGE_ROWS + 1) * width;
  const wrapped = wrapText(expanded || body.length <= limit ? body : body.slice(0, limit), width);
  let rows = wrapped;
  if (!expanded && (wrapped.length > MAX_MESSAGE_ROWS || body.length > limit)) {
    const note = `… long message (${formatCount(line.text.length)} characters): /expand shows it all`;
    rows = [...wrapped.slice(0, MAX_MESSAGE_ROWS), ...wrapText(note, width)];
  }
  if (line.picture) rows = [...rows, ...(pictures ? pictureRows(line.picture) : wrapText(NOT_DRAWN, width))];
  wrapCache.set(line, { key, rows });
  return rows;
}

/** Where a picture would be, on a terminal without colour (NO_COLOR, or none counted). */
const NOT_DRAWN = '  (a picture: not drawn, the terminal shows no colour)';

/** A picture's rows as text (what a copy of the screen shows); the view draws them in colour. */
const pictureRows = (picture: Picture): string[] => Array.from({ length: pictureRowCount(picture) }, () => '▀'.repeat(picture.width));

/**
 * The rows that fill a pane of `height` rows, bottom-anchored, `offset` rows up from the end.
 * Only as many lines as needed are wrapped, walking back from the newest, so the cost is
 * O(visible rows), not O(buffer) (Poezio's text buffers and gomuks' message view do the same).
 */
export function visibleRows(lines: readonly Line[], width: number, height: number, offset = 0, view: ViewOptions = {}): Row[] {
  const { unreadFrom, expanded = false } = view;
  const textWidth = Math.max(1, width - TIME_WIDTH);
  const rows: Row[] = [];
  const need = height + offset;
  const separator = (key: string, label: string, line: Line): Row => ({ key, time: '', text: rule(label, textWidth), line: { ...line, kind: 'info' }, rule: true });
  const last = offset > 0 && view.anchor !== undefined ? lines.findLastIndex((l) => l.id <= view.anchor!) : lines.length - 1;
  const below = lines.length - 1 - last;
  for (let i = last; i >= 0 && rows.length < need; i--) {
    const line = lines[i];
    if (!line) continue;
    const wrapped = lineRows(line, textWidth, expanded, view.pictures ?? true);
    const time = formatTime(line.at);
    const firstPictureRow = line.picture && (view.pictures ?? true) ? wrapped.length - pictureRowCount(line.picture) : wrapped.length;
    for (let j = wrapped.length - 1; j >= 0; j--) {
      const picture = j >= firstPictureRow ? { picture: j - firstPictureRow } : {};
      rows.unshift({ key: `${line.id}:${j}`, time: j === 0 ? time : '', text: wrapped[j] ?? '', line, ...picture });
    }
    // Above this line: where the unread messages start, and where a new day starts.
    if (line.id === unreadFrom) rows.unshift(separator(`${line.id}:new`, 'new messages', line));
    const before = lines[i - 1];
    if (before && dayOf(before.at) !== dayOf(line.at)) rows.unshift(separator(`${line.id}:day`, formatDay(line.at), line));
  }
  const end = Math.max(0, rows.length - offset);
  const shown = rows.slice(Math.max(0, end - height), end);
  const bottom = shown.at(-1);
  // Scrolled back, the bottom row says so: how many lines came meanwhile, or how many are below.
  if (below > 0 && bottom) shown[shown.length - 1] = separator('below', `${below} new below · Alt-End`, bottom.line);
  else if (end < rows.length && bottom) shown[shown.length - 1] = separator('below', scrolledLabel(lines, last, shown.at(-2)), bottom.line);
  return shown;
}

/** The bottom row while scrolled back: the lines under the last row still shown (a rule's line is under it). */
function scrolledLabel(lines: readonly Line[], last: number, lastShown: Row | undefined): string {
  const index = lastShown ? lines.findIndex((l) => l.id === lastShown.line.id) : -1;
  const under = index < 0 ? 0 : last - index + (lastShown?.rule ? 1 : 0);
  return under > 0 ? `scrolled up · ${formatCount(under)} more below · Alt-End` : 'scrolled up · Alt-End';
}

/**
 * The offset that shows the first row of `lines` at the top of a pane of `height` rows (0 when
 * they all fit): where a list read from the top, such as search results, opens.
 */
export function offsetOfTop(lines: readonly Line[], width: number, height: number, view: Pick<ViewOptions, 'unreadFrom' | 'expanded'> = {}): number {
  return Math.max(0, visibleRows(lines, width, Number.MAX_SAFE_INTEGER, 0, view).length - height);
}

const dayOf = (at: number): string => new Date(at).toDateString();

function rule(label: string, width: number): string {
  const text = `── ${label} `;
  return text.length >= width ? text.slice(0, width) : text + '─'.repeat(width - text.length);
}
