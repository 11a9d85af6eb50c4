// The headless terminal that reads a client's output, in a worker thread of its own. xterm.js
// parses in slices of up to 12 ms (longer when the CPU is shared); on the thread that reads the
// pseudo-terminal, such a slice delayed the reading of the next output by up to 25 ms, and a
// keystroke's echo was timed when the bench got round to it, not when the client drew it.
// The reading thread stamps each chunk as it arrives; this thread says which chunk first made
// the screen show a text.
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import xterm from '@xterm/headless';

export type Pattern = string | { source: string; flags: string };

export type ToScreen =
  | { chunk: string; arrivedAt: number }
  | { watch: number; pattern: Pattern }
  | { unwatch: number }
  | { screen: number };

export type FromScreen = { seen: number; arrivedAt: number } | { screen: number; text: string };

export function startScreenWorker(cols: number, rows: number): Worker {
  return new Worker(fileURLToPath(import.meta.url), { workerData: { cols, rows } });
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const { cols, rows } = workerData as { cols: number; rows: number };
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  const watches = new Map<number, (screen: string) => boolean>();
  // Arrival time of the last chunk parsed: the screen as it is now was complete by then.
  let shownAt = 0;

  const screen = (): string => {
    const buffer = term.buffer.active;
    return Array.from({ length: rows }, (_, y) => buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '').join('\n');
  };
  const check = (): void => {
    if (watches.size === 0) return;
    const text = screen();
    for (const [id, matches] of watches) {
      if (!matches(text)) continue;
      watches.delete(id);
      port.postMessage({ seen: id, arrivedAt: shownAt } satisfies FromScreen);
    }
  };
  const matcher = (pattern: Pattern): ((screen: string) => boolean) => {
    if (typeof pattern === 'string') return (text) => text.includes(pattern);
    const regex = new RegExp(pattern.source, pattern.flags);
    return (text) => regex.test(text);
  };

  port.on('message', (message: ToScreen) => {
    if ('chunk' in message) {
      term.write(message.chunk, () => {
        shownAt = message.arrivedAt;
        check();
      });
    } else if ('watch' in message) {
      watches.set(message.watch, matcher(message.pattern));
      check();
    } else if ('unwatch' in message) {
      watches.delete(message.unwatch);
    } else {
      // Replies after every chunk already sent is parsed: the screen as of the request.
      term.write('', () => port.postMessage({ screen: message.screen, text: screen() } satisfies FromScreen));
    }
  });
}
