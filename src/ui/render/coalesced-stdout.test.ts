import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { coalescedStdout } from './coalesced-stdout.js';

function fakeTerminal() {
  const writes: string[] = [];
  const stream = Object.assign(new EventEmitter(), {
    isTTY: true, columns: 80, rows: 24, destroyed: false, writable: true, writableEnded: false,
    write(data: string, callback?: () => void): boolean {
      writes.push(data);
      callback?.();
      return true;
    },
  });
  return { stream: stream as unknown as NodeJS.WriteStream, writes };
}

const tick = (): Promise<void> => new Promise((resolve) => process.nextTick(resolve));

describe('coalescedStdout', () => {
  it('sends the writes of one turn as one write, in order', async () => {
    const { stream, writes } = fakeTerminal();
    const out = coalescedStdout(stream, () => undefined);
    out.write('\u001b[?2026h');
    out.write('rows');
    out.write('\u001b[?2026l');
    expect(writes).toEqual([]);
    await tick();
    expect(writes).toEqual(['\u001b[?2026hrows\u001b[?2026l']);
  });

  it('sends what is pending before a write that waits for its callback', () => {
    const { stream, writes } = fakeTerminal();
    const out = coalescedStdout(stream, () => undefined);
    out.write('frame');
    let called = false;
    out.write('', () => (called = true));
    expect(writes).toEqual(['frame', '']);
    expect(called).toBe(true);
  });

  it('sends what is still pending when the process exits', () => {
    const { stream, writes } = fakeTerminal();
    let atExit: () => void = () => undefined;
    const out = coalescedStdout(stream, (flush) => (atExit = flush));
    out.write('\u001b[?1049l');
    atExit();
    expect(writes).toEqual(['\u001b[?1049l']);
  });

  it('passes the size and resize events of the terminal through', () => {
    const { stream } = fakeTerminal();
    const out = coalescedStdout(stream, () => undefined);
    let resized = 0;
    const listener = (): void => void resized++;
    out.on('resize', listener);
    stream.emit('resize');
    out.off('resize', listener);
    stream.emit('resize');
    expect([out.columns, out.rows, out.isTTY, resized]).toEqual([80, 24, true, 1]);
  });
});
