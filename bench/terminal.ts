import { readFileSync } from 'node:fs';
import { spawn, type IPty } from '@lydell/node-pty';
import xterm from '@xterm/headless';

const { Terminal } = xterm;

export interface ClientProcess {
  pid: number;
  started: number;
  /** ms since start of the first byte the client wrote. */
  firstOutputAt(): number | undefined;
  /**
   * Resolves with the time (ms since epoch) the output that made the screen contain `text`
   * arrived from the pseudo-terminal. The headless terminal parses in slices of a few ms, and in
   * a flood it is behind: the time its parser got to a byte is the bench's delay, not the client's.
   */
  waitFor(text: string | RegExp, timeoutMs: number): Promise<number>;
  write(data: string): void;
  screen(): string;
  cpuSeconds(): number;
  peakRssMiB(): number;
  kill(): Promise<void>;
}

/** A program in a real pseudo-terminal, read through a headless xterm, as a person would see it. */
export function startInTerminal(command: string, args: string[], options: { env: Record<string, string>; cwd: string; cols: number; rows: number }): ClientProcess {
  const term = new Terminal({ cols: options.cols, rows: options.rows, allowProposedApi: true });
  const started = Date.now();
  const pty: IPty = spawn(command, args, { name: 'xterm-256color', cols: options.cols, rows: options.rows, cwd: options.cwd, env: options.env });
  let first: number | undefined;
  const waiters = new Set<(arrivedAt: number) => void>();
  let exited = false;
  pty.onData((data) => {
    const arrivedAt = Date.now();
    first ??= arrivedAt - started;
    term.write(data, () => waiters.forEach((w) => w(arrivedAt)));
  });
  pty.onExit(() => {
    exited = true;
    waiters.forEach((w) => w(Date.now()));
  });
  const screen = (): string => {
    const buffer = term.buffer.active;
    return Array.from({ length: options.rows }, (_, y) => buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '').join('\n');
  };
  const matches = (text: string | RegExp): boolean => (typeof text === 'string' ? screen().includes(text) : text.test(screen()));
  // Peak RSS is read from VmHWM at the end; CPU from /proc/PID/stat (utime + stime).
  const proc = (file: string): string => {
    try {
      return readFileSync(`/proc/${pty.pid}/${file}`, 'utf8');
    } catch {
      return '';
    }
  };
  return {
    pid: pty.pid,
    started,
    firstOutputAt: () => first,
    waitFor(text, timeoutMs) {
      if (matches(text)) return Promise.resolve(Date.now());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`screen never showed ${String(text)} within ${timeoutMs} ms:\n${screen()}`));
        }, timeoutMs);
        const check = (arrivedAt: number): void => {
          if (exited) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(new Error(`${command} exited before showing ${String(text)}:\n${screen()}`));
          } else if (matches(text)) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(arrivedAt);
          }
        };
        waiters.add(check);
      });
    },
    write: (data) => pty.write(data),
    screen,
    cpuSeconds() {
      const fields = proc('stat').replace(/^.*\) /s, '').split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime in clock ticks (USER_HZ = 100)
    },
    peakRssMiB() {
      const kb = /VmHWM:\s+(\d+) kB/.exec(proc('status'))?.[1];
      return kb ? Number(kb) / 1024 : NaN;
    },
    async kill() {
      if (exited) return;
      const done = new Promise<void>((resolve) => pty.onExit(() => resolve()));
      pty.kill('SIGTERM');
      const timer = setTimeout(() => pty.kill('SIGKILL'), 3000);
      await done;
      clearTimeout(timer);
    },
  };
}
