// The cost of one frame of natter's screen, alone: a 200×50 screen with a 2,000-contact roster
// and a full chat, one incoming line per frame (or LINES: 100 is a flood, where every row of
// the view is new at each frame), timed from the store update until Ink has written the frame. No server, no other process: what is left is React and Ink.
// Run: npm run bench:frame [-- FRAMES [LINES]]  (the bundle, with the same renderer as the bin)
// LINES "key": each frame is a typed letter instead, timed from the keystroke until the frame
// that shows it is written (the command line's frame, over the same full screen).
import { performance } from 'node:perf_hooks';
import { PassThrough, Writable } from 'node:stream';
import { render } from 'ink';
import { App } from '../src/ui/app.js';
import { createStore } from '../src/store/create-store.js';
import { initialState } from '../src/store/state.js';

class Screen extends Writable {
  columns = 200;
  rows = 50;
  isTTY = true;
  bytes = 0;
  onWrite: (() => void) | undefined;
  override _write(chunk: Buffer | string, _encoding: string, done: () => void): void {
    this.bytes += chunk.length;
    this.onWrite?.();
    done();
  }
}

const frames = Number(process.argv[2] ?? 500);
const typing = process.argv[3] === 'key';
const linesPerFrame = typing ? 0 : Number(process.argv[3] ?? 1);
const stdout = new Screen();
const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin });
const store = createStore(initialState());
const contacts = Array.from({ length: 2000 }, (_, i) => ({ jid: `c${i}@x`, name: `contact${String(i).padStart(4, '0')}`, presence: 'offline' as const, groups: ['bench'], account: 'a@x' }));
store.dispatch({ type: 'roster/set', account: 'a@x', contacts });
store.dispatch({ type: 'tab/open', id: 'chat:f@x', kind: 'chat', title: 'f@x', focus: true });
for (let i = 0; i < 2000; i++) store.dispatch({ type: 'line/append', tabId: 'chat:f@x', kind: 'incoming', from: 'f@x', text: `flood${i}x` });
const controller = { submit: () => undefined, answer: () => undefined, quit: () => undefined, complete: () => undefined };
const ink = render(<App store={store} controller={controller} />, {
  stdout: stdout as unknown as NodeJS.WriteStream,
  stdin: stdin as unknown as NodeJS.ReadStream,
  interactive: true,
  patchConsole: false,
  exitOnCtrlC: false,
  maxFps: 30,
});
store.flush();
await ink.waitUntilRenderFlush();
const times: number[] = [];
const written = (): Promise<void> => new Promise((resolve) => (stdout.onWrite = () => ((stdout.onWrite = undefined), resolve())));
for (let i = 0; i < frames; i++) {
  if (typing) {
    if (i > 0 && i % 40 === 0) {
      stdin.write('\u0015'); // Ctrl-U: a fresh line, so the typed text stays within the row
      await written();
    }
    const start = performance.now();
    const frame = written();
    stdin.write('a');
    await frame;
    times.push(performance.now() - start);
    continue;
  }
  const start = performance.now();
  for (let line = 0; line < linesPerFrame; line++) store.dispatch({ type: 'line/append', tabId: 'chat:f@x', kind: 'incoming', from: 'f@x', text: `more${i}x${line}` });
  store.flush(); // the screen hears of it now, not at the next frame of the throttle
  await ink.waitUntilRenderFlush();
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const at = (q: number): string => (times[Math.min(times.length - 1, Math.floor(times.length * q))] ?? NaN).toFixed(1);
process.stdout.write(`${frames} frames of 200×50, ${typing ? 'a typed letter' : `${linesPerFrame} new line(s)`} each (React ${process.env.NODE_ENV ?? 'development'} build): p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms, ${Math.round(stdout.bytes / frames)} bytes a frame\n`);
ink.unmount();
process.exit(0);
