// Ink's log-update (ink/build/log-update.js), the stage that writes a frame to the terminal,
// for a frame that fills the alternate screen. Ink's standard mode erases and rewrites every
// row at every frame (20 KB at 200×50: 600 KB/s at 30 frames over SSH, and a third of natter's
// CPU in a flood spent writing it); its incremental mode moves the cursor relative to where it
// believes it is, which drifted in PTY tests under bursts of updates. Here each row that
// changed is written at its absolute position (CUP, then erase the row, then the row), so no
// frame depends on where the previous one left the cursor. Every row is written when Ink asks
// for non-incremental rendering.
// The bundle (scripts/bundle.mjs) puts this module in place of Ink's; natter's screen is always
// the alternate screen (src/app/run-ui.tsx). Ink's throttle in front of it is off in the bundle,
// so this module also marks each frame as a synchronized update, as that throttle did.

interface CursorPosition {
  x: number;
  y: number;
}

interface Stream {
  write(data: string): boolean;
}

const CSI = '\u001b[';
const HIDE_CURSOR = `${CSI}?25l`;
const SHOW_CURSOR = `${CSI}?25h`;
const moveTo = (row: number, column: number): string => `${CSI}${row + 1};${column + 1}H`;
const ERASE_ROW = `${CSI}2K`;
const ERASE_SCREEN = `${CSI}H${CSI}J`;
// Synchronized update (DEC mode 2026): a terminal that knows it shows the frame whole, even
// when it arrives in several reads (over SSH); others ignore the mode, as Ink's writer assumed.
const BEGIN_SYNC = `${CSI}?2026h`;
const END_SYNC = `${CSI}?2026l`;

const sameCursor = (a: CursorPosition | undefined, b: CursorPosition | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.x === b.x && a.y === b.y);

export function createScreenUpdate(stream: Stream, { showCursor = false, incremental = false } = {}) {
  let previousOutput = '';
  let previousRows: string[] = [];
  let cursorHidden = false;
  let cursor: CursorPosition | undefined;
  let cursorDirty = false;
  let shownCursor: CursorPosition | undefined;

  const activeCursor = (): CursorPosition | undefined => (cursorDirty ? cursor : undefined);

  /** Where the cursor goes after a frame: hidden, or shown where a component asked. */
  const cursorSequence = (wanted: CursorPosition | undefined): string => {
    const sequence = wanted ? moveTo(wanted.y, wanted.x) + SHOW_CURSOR : shownCursor ? HIDE_CURSOR : '';
    shownCursor = wanted ? { ...wanted } : undefined;
    return sequence;
  };

  const render = (text: string): boolean => {
    if (!showCursor && !cursorHidden) {
      stream.write(HIDE_CURSOR);
      cursorHidden = true;
    }
    const wanted = activeCursor();
    cursorDirty = false;
    if (text === previousOutput && sameCursor(wanted, shownCursor)) return false;
    const rows = text.split('\n');
    let out = '';
    for (let row = 0; row < rows.length; row++) {
      const line = rows[row] as string;
      if (incremental && line === previousRows[row]) continue;
      out += moveTo(row, 0) + ERASE_ROW + line;
    }
    for (let row = rows.length; row < previousRows.length; row++) out += moveTo(row, 0) + ERASE_ROW;
    const cursorMove = cursorSequence(wanted);
    stream.write(out === '' ? cursorMove : BEGIN_SYNC + out + cursorMove + END_SYNC);
    previousOutput = text;
    previousRows = rows;
    return true;
  };

  const forget = (): void => {
    previousOutput = '';
    previousRows = [];
    shownCursor = undefined;
  };

  return Object.assign(render, {
    clear(): void {
      stream.write(ERASE_SCREEN);
      forget();
    },
    done(): void {
      forget();
      if (showCursor) return;
      stream.write(SHOW_CURSOR);
      cursorHidden = false;
    },
    reset: forget,
    /** Ink wrote this frame itself: the next one is compared with it. */
    sync(text: string): void {
      const wanted = activeCursor();
      cursorDirty = false;
      previousOutput = text;
      previousRows = text.split('\n');
      const sequence = cursorSequence(wanted);
      if (sequence !== '') stream.write(sequence);
    },
    setCursorPosition(position: CursorPosition | undefined): void {
      cursor = position;
      cursorDirty = true;
    },
    isCursorDirty: (): boolean => cursorDirty,
    willRender: (text: string): boolean => text !== previousOutput || !sameCursor(activeCursor(), shownCursor),
    getCursorPosition: (): CursorPosition | undefined => shownCursor,
  });
}

export default { create: createScreenUpdate };
