import xterm from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { createScreenUpdate } from './screen-update.js';

const { Terminal } = xterm;

/** A terminal of the given size and the bytes written to it, frame by frame. */
function terminal(cols: number, rows: number) {
  const term = new Terminal({ cols, rows, allowProposedApi: true });
  const writes: string[] = [];
  const stream = {
    write(data: string): boolean {
      writes.push(data);
      term.write(data);
      return true;
    },
  };
  const screen = async (): Promise<string[]> => {
    await new Promise<void>((resolve) => term.write('', resolve));
    return Array.from({ length: rows }, (_, y) => term.buffer.active.getLine(y)?.translateToString(true) ?? '');
  };
  return { stream, writes, screen };
}

describe('screen update', () => {
  it('writes only the rows that changed, each at its place', async () => {
    const { stream, writes, screen } = terminal(20, 4);
    const update = createScreenUpdate(stream, { incremental: true });
    update('roster  | hello\nalice   | second\nbob     |\n> typed');
    update('roster  | hello\nalice   | second\nbob     | third\n> typed');
    expect(await screen()).toEqual(['roster  | hello', 'alice   | second', 'bob     | third', '> typed']);
    const last = writes.at(-1) ?? '';
    expect(last).toContain('third');
    expect(last).not.toContain('hello');
    expect(last).not.toContain('typed');
  });

  it('sends each frame as one synchronized update, the cursor placed inside it', () => {
    const { stream, writes } = terminal(20, 4);
    const update = createScreenUpdate(stream, { incremental: true });
    update.setCursorPosition({ x: 3, y: 1 });
    update('one\ntwo');
    const frame = writes.at(-1) ?? '';
    expect(frame.startsWith('\u001b[?2026h')).toBe(true);
    expect(frame.endsWith('\u001b[2;4H\u001b[?25h\u001b[?2026l')).toBe(true);
  });

  it('erases rows a shorter frame no longer covers, and nothing is written for the same frame', async () => {
    const { stream, writes, screen } = terminal(20, 4);
    const update = createScreenUpdate(stream, { incremental: true });
    update('one\ntwo\nthree\nfour');
    update('one\n2');
    expect(await screen()).toEqual(['one', '2', '', '']);
    const count = writes.length;
    expect(update('one\n2')).toBe(false);
    expect(writes.length).toBe(count);
  });

  it('erases a row before writing it, so a row that fills the width keeps its last character', async () => {
    // A real terminal (xterm, VTE) leaves the cursor on the last column after a full row, and an
    // erase-to-end written then would clear that column; xterm.js does not, so the order is checked.
    const { stream, writes, screen } = terminal(10, 3);
    const update = createScreenUpdate(stream, { incremental: true });
    update('a\nb\n0123456789');
    update('a\nB\n012345678X');
    expect(writes.at(-1)).toBe('\u001b[?2026h\u001b[2;1H\u001b[2KB\u001b[3;1H\u001b[2K012345678X\u001b[?2026l');
    expect(await screen()).toEqual(['a', 'B', '012345678X']);
  });

  it('draws every row again after clear, reset or when not incremental', async () => {
    const { stream, writes, screen } = terminal(20, 3);
    const update = createScreenUpdate(stream, { incremental: true });
    update('x\ny\nz');
    update.clear();
    expect(await screen()).toEqual(['', '', '']);
    update('x\ny\nz');
    expect(await screen()).toEqual(['x', 'y', 'z']);
    update.reset();
    update('x\ny\nz');
    expect(writes.at(-1)).toContain('x');
    const full = createScreenUpdate(stream);
    full('x\ny\nz');
    full('x\ny\nZ');
    expect(writes.at(-1)).toContain('x');
    expect(await screen()).toEqual(['x', 'y', 'Z']);
  });

  it('compares the next frame with one Ink wrote itself (sync)', async () => {
    const { stream, writes } = terminal(20, 3);
    const update = createScreenUpdate(stream, { incremental: true });
    update.sync('x\ny\nz');
    update('x\ny\nZ');
    expect(writes.at(-1)).not.toContain('x');
    expect(writes.at(-1)).toContain('Z');
  });

  it('hides the cursor, and shows it where a component puts it', async () => {
    const { stream, writes } = terminal(20, 3);
    const update = createScreenUpdate(stream, { incremental: true });
    update('a\nb\nc');
    expect(writes[0]).toBe('\u001b[?25l');
    update.setCursorPosition({ x: 4, y: 2 });
    expect(update.willRender('a\nb\nc')).toBe(true);
    update('a\nb\nc');
    expect(writes.at(-1)).toBe('\u001b[3;5H\u001b[?25h');
    update.setCursorPosition(undefined);
    update('a\nb\nc');
    expect(writes.at(-1)).toBe('\u001b[?25l');
    update.done();
    expect(writes.at(-1)).toBe('\u001b[?25h');
  });
});
