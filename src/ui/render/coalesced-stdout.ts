/**
 * The terminal as Ink sees it, with the writes of one turn of the event loop sent as one.
 * Ink writes a frame as three writes (begin synchronized update, the rows, end it), and a
 * write to a TTY is a system call that blocks: in a message flood a third of the time spent
 * writing frames went to the two short ones. Writes are joined until the current operation
 * ends (process.nextTick), a write that waits for a callback first sends what is pending, and
 * whatever is still pending when the process exits is sent then, so no frame (and no
 * "leave the alternate screen") is ever lost or reordered.
 */
export interface TerminalOut {
  readonly isTTY: boolean;
  readonly columns: number;
  readonly rows: number;
  readonly destroyed: boolean;
  readonly writable: boolean;
  readonly writableEnded: boolean;
  write(data: string | Uint8Array, callback?: (error?: Error | null) => void): boolean;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

export function coalescedStdout(stdout: NodeJS.WriteStream, onExit: (flush: () => void) => void = (flush) => process.on('exit', flush)): TerminalOut {
  let pending = '';
  const flush = (): void => {
    if (pending === '') return;
    const data = pending;
    pending = '';
    stdout.write(data);
  };
  onExit(flush);
  const out: TerminalOut = {
    get isTTY() {
      return stdout.isTTY;
    },
    get columns() {
      return stdout.columns;
    },
    get rows() {
      return stdout.rows;
    },
    get destroyed() {
      return stdout.destroyed;
    },
    get writable() {
      return stdout.writable;
    },
    get writableEnded() {
      return stdout.writableEnded;
    },
    write(data, callback) {
      if (callback !== undefined || typeof data !== 'string') {
        flush();
        return callback === undefined ? stdout.write(data) : stdout.write(data, callback);
      }
      if (data === '') return true;
      if (pending === '') process.nextTick(flush);
      pending += data;
      return true;
    },
    on(event, listener) {
      stdout.on(event, listener);
      return out;
    },
    off(event, listener) {
      stdout.off(event, listener);
      return out;
    },
  };
  return out;
}
