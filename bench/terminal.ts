import { readFileSync } from 'node:fs';
import { spawn, type IPty } from '@lydell/node-pty';
import { type FromScreen, type Pattern, startScreenWorker, type ToScreen } from './screen-worker.js';

export interface ClientProcess {
  pid: number;
  started: number;
  /** ms since start of the first byte the client wrote. */
  firstOutputAt(): number | undefined;
  /**
   * Resolves with the time (ms since epoch) the output that made the screen contain `text`
   * arrived from the pseudo-terminal (stamped on this thread, which does nothing else; the
   * headless terminal parses on a worker thread and may be behind).
   */
  waitFor(text: string | RegExp, timeoutMs: number): Promise<number>;
  write(data: string): void;
  /** The screen once all output read so far is parsed. */
  screen(): Promise<string>;
  cpuSeconds(): number;
  peakRssMiB(): number;
  kill(): Promise<void>;
}

/** A program in a real pseudo-terminal, read through a headless xterm, as a person would see it. */
export function startInTerminal(command: string, args: string[], options: { env: Record<string, string>; cwd: string; cols: number; rows: number }): ClientProcess {
  const worker = startScreenWorker(options.cols, options.rows);
  const send = (message: ToScreen): void => worker.postMessage(message);
  const started = Date.now();
  const pty: IPty = spawn(command, args, { name: 'xterm-256color', cols: options.cols, rows: options.rows, cwd: options.cwd, env: options.env });
  let first: number | undefined;
  let serial = 0;
  const watches = new Map<number, (arrivedAt: number) => void>();
  const screens = new Map<number, (text: string) => void>();
  const exitWaiters = new Set<() => void>();
  let exited = false;
  worker.on('message', (message: FromScreen) => {
    if ('seen' in message) watches.get(message.seen)?.(message.arrivedAt);
    else screens.get(message.screen)?.(message.text);
  });
  pty.onData((data) => {
    const arrivedAt = Date.now();
    first ??= arrivedAt - started;
    send({ chunk: data, arrivedAt });
  });
  pty.onExit(() => {
    exited = true;
    exitWaiters.forEach((w) => w());
  });
  const screen = (): Promise<string> =>
    new Promise((resolve) => {
      const id = ++serial;
      screens.set(id, (text) => {
        screens.delete(id);
        resolve(text);
      });
      send({ screen: id });
    });
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
      const pattern: Pattern = typeof text === 'string' ? text : { source: text.source, flags: text.flags };
      return new Promise((resolve, reject) => {
        const id = ++serial;
        const done = (): void => {
          clearTimeout(timer);
          watches.delete(id);
          exitWaiters.delete(onExit);
          send({ unwatch: id });
        };
        const fail = (why: string): void => {
          done();
          void screen().then((shown) => reject(new Error(`${why}:\n${shown}`)));
        };
        const timer = setTimeout(() => fail(`screen never showed ${String(text)} within ${timeoutMs} ms`), timeoutMs);
        const onExit = (): void => fail(`${command} exited before showing ${String(text)}`);
        watches.set(id, (arrivedAt) => {
          done();
          resolve(arrivedAt);
        });
        exitWaiters.add(onExit);
        if (exited) onExit();
        else send({ watch: id, pattern });
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
      if (exited) return void (await worker.terminate());
      const done = new Promise<void>((resolve) => pty.onExit(() => resolve()));
      pty.kill('SIGTERM');
      const timer = setTimeout(() => pty.kill('SIGKILL'), 3000);
      await done;
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}
