import { spawn as spawnChild } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type IPty } from '@lydell/node-pty';
import xterm from '@xterm/headless';

const { Terminal } = xterm;
export const NATTER_BIN = new URL('../../bin/natter.js', import.meta.url).pathname;

const KEYS: Record<string, string> = {
  enter: '\r', return: '\r', tab: '\t', up: '\u001b[A', down: '\u001b[B', right: '\u001b[C', left: '\u001b[D',
  pageup: '\u001b[5~', pagedown: '\u001b[6~', escape: '\u001b', backspace: '\u007f',
  'ctrl-c': '\u0003', 'ctrl-l': '\u000c', home: '\u001b[H', end: '\u001b[F',
};

export interface Dirs {
  home: string;
  config: string;
  data: string;
  runtime: string;
}

/** Fresh HOME and XDG dirs, so a run never touches the real user's files. */
export function tempDirs(): Dirs & { env: Record<string, string>; remove(): void } {
  const home = mkdtempSync(join(tmpdir(), 'natter-e2e-'));
  const dirs = { home, config: join(home, 'config'), data: join(home, 'data'), runtime: join(home, 'run') };
  for (const dir of [dirs.config, dirs.data, dirs.runtime, join(home, 'state')]) mkdirSync(dir, { recursive: true, mode: 0o700 });
  return {
    ...dirs,
    // The cache too (avatars): the test run's own XDG_CACHE_HOME (the keyring session sets one) is shared.
    env: { HOME: home, XDG_CONFIG_HOME: dirs.config, XDG_DATA_HOME: dirs.data, XDG_STATE_HOME: join(home, 'state'), XDG_CACHE_HOME: join(home, 'cache'), XDG_RUNTIME_DIR: dirs.runtime },
    remove: () => rmSync(home, { recursive: true, force: true }),
  };
}

/** The test's environment plus `extra`; a variable set to undefined in `extra` is left out. */
function childEnv(extra: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, TERM: 'xterm-256color', ...extra })) if (v !== undefined) env[k] = v;
  return env;
}

/**
 * The PTY's colours are what the test says (TERM, and COLORTERM/NO_COLOR in its env), never
 * the test run's own: with CI set Node and chalk count no colours at all (their CI detection
 * comes before TERM/COLORTERM), FORCE_COLOR or TMUX would change the depth, NO_COLOR remove it.
 */
const RUN_COLOUR_SIGNALS_LEFT_OUT = { CI: undefined, NODE_DISABLE_COLORS: undefined, FORCE_COLOR: undefined, NO_COLOR: undefined, TMUX: undefined, COLORTERM: undefined } as const;

/** How a cell is drawn: its foreground colour ("#rrggbb", "palette N" or "default") and inverse video. */
export interface CellLook {
  fg: string;
  inverse: boolean;
}

/** A cell in full: also its background colour (as the foreground's) and its character. */
export interface CellDrawing extends CellLook {
  bg: string;
  char: string;
}

export interface PtySession {
  screen(): Promise<string[]>;
  /** Each row as its cells, column by column: what a cell holds ('' for the right half of a wide character, ' ' for a blank). */
  cellRows(): Promise<string[][]>;
  /** How the first cell of the first place on screen that shows `text` is drawn; undefined when it is not shown. */
  lookOf(text: string): Promise<CellLook | undefined>;
  /** How each cell of the row `below` rows under the first row that shows `text` is drawn; undefined when `text` is not shown. */
  rowLooks(text: string, below?: number): Promise<CellDrawing[] | undefined>;
  screenText(): Promise<string>;
  bufferType(): 'normal' | 'alternate';
  waitForText(text: string | RegExp, timeoutMs?: number): Promise<void>;
  waitForExit(timeoutMs?: number): Promise<{ exitCode: number; signal?: number }>;
  write(data: string): void;
  type(text: string): void;
  press(key: string): void;
  resize(cols: number, rows: number): void;
  kill(signal?: string): void;
  output(): string;
  dirs: Dirs;
  dispose(): void;
  /** The natter process (to read /proc when a test needs to say why it hangs). */
  pid: number;
}

/** Runs the built natter in a pseudo-terminal and reads its screen through a headless xterm. */
/** `prefix` runs natter under another program, e.g. ['keyctl', 'session', 'name'] for a login keyring. */
/** `command` starts another natter (default: this Node running the clone's bin/natter.js), e.g. an installed one or scripts/demo.mjs. */
export function spawnNatter(
  options: { args?: string[]; cols?: number; rows?: number; env?: Record<string, string | undefined>; prefix?: string[]; command?: string[] } = {},
): PtySession {
  const cols = options.cols ?? 100;
  const rows = options.rows ?? 30;
  const dirs = tempDirs();
  const term = new Terminal({ cols, rows, allowProposedApi: true });
  const [program = process.execPath, ...programArgs] = [...(options.prefix ?? []), ...(options.command ?? [process.execPath, NATTER_BIN]), ...(options.args ?? [])];
  // node-pty sets TERM to `name`, over the env's: a test's TERM must be passed as the name.
  const pty: IPty = spawn(program, programArgs, {
    name: options.env?.TERM ?? 'xterm-256color', cols, rows, cwd: dirs.home, env: childEnv({ ...dirs.env, ...RUN_COLOUR_SIGNALS_LEFT_OUT, ...options.env }),
  });
  let raw = '';
  const waiters = new Set<() => void>();
  let exit: { exitCode: number; signal?: number } | undefined;
  pty.onData((data) => {
    raw += data;
    term.write(data, () => waiters.forEach((w) => w()));
  });
  pty.onExit((e) => {
    exit = { exitCode: e.exitCode, ...(e.signal ? { signal: e.signal } : {}) };
    waiters.forEach((w) => w());
  });
  const flush = () => new Promise<void>((resolve) => term.write('', resolve));
  const screen = async (): Promise<string[]> => {
    await flush();
    const buffer = term.buffer.active;
    return Array.from({ length: rows }, (_, y) => buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
  };
  const cellRows = async (): Promise<string[][]> => {
    await flush();
    const buffer = term.buffer.active;
    return Array.from({ length: rows }, (_, y) => {
      const line = buffer.getLine(buffer.viewportY + y);
      return Array.from({ length: cols }, (_, x) => {
        const cell = line?.getCell(x);
        return cell === undefined ? ' ' : cell.getWidth() === 0 ? '' : cell.getChars() || ' ';
      });
    });
  };
  const waitFor = (done: () => Promise<boolean>, timeoutMs: number, what: () => Promise<string>) =>
    new Promise<void>((resolve, reject) => {
      let settled = false;
      const check = async (): Promise<void> => {
        if (settled || !(await done())) return;
        settled = true;
        clearTimeout(timer);
        waiters.delete(listener);
        resolve();
      };
      const listener = (): void => void check();
      const timer = setTimeout(async () => {
        settled = true;
        waiters.delete(listener);
        reject(new Error(`${await what()}\n--- screen ---\n${(await screen()).join('\n')}`));
      }, timeoutMs);
      waiters.add(listener);
      void check();
    });
  const lookOf = async (text: string): Promise<CellLook | undefined> => {
    const buffer = term.buffer.active;
    const shown = await screen();
    const y = shown.findIndex((row) => row.includes(text));
    const line = y < 0 ? undefined : buffer.getLine(buffer.viewportY + y);
    // Columns, not string offsets: a wide character before the text takes two cells.
    const x = line ? columnOf(line, shown[y]!.indexOf(text)) : -1;
    const cell = line?.getCell(x);
    if (!cell) return undefined;
    const { fg, inverse } = lookOfCell(cell);
    return { fg, inverse };
  };
  const rowLooks = async (text: string, below = 0): Promise<CellDrawing[] | undefined> => {
    const buffer = term.buffer.active;
    const y = (await screen()).findIndex((row) => row.includes(text));
    const line = y < 0 ? undefined : buffer.getLine(buffer.viewportY + y + below);
    if (!line) return undefined;
    return Array.from({ length: line.length }, (_, x) => line.getCell(x)).filter((c) => c !== undefined).map(lookOfCell);
  };
  return {
    pid: pty.pid,
    dirs,
    screen,
    cellRows,
    lookOf,
    rowLooks,
    screenText: async () => (await screen()).join('\n'),
    bufferType: () => term.buffer.active.type,
    waitForText(text, timeoutMs = 10_000) {
      const matches = (s: string) => (typeof text === 'string' ? s.includes(text) : text.test(s));
      return waitFor(async () => matches((await screen()).join('\n')), timeoutMs, async () => `screen never showed ${String(text)}`);
    },
    async waitForExit(timeoutMs = 10_000) {
      await waitFor(async () => exit !== undefined, timeoutMs, async () => 'natter did not exit');
      await flush(); // xterm parses writes later: the last bytes (leaving the alternate screen) too
      return exit!;
    },
    write: (data) => pty.write(data),
    type: (text) => pty.write(text),
    press: (key) => {
      const alt = /^alt-(.+)$/.exec(key);
      pty.write(alt ? `\u001b${KEYS[alt[1] ?? ''] ?? alt[1]}` : (KEYS[key] ?? key));
    },
    resize: (c, r) => {
      pty.resize(c, r);
      term.resize(c, r);
    },
    kill: (signal = 'SIGTERM') => {
      if (!exit) pty.kill(signal);
    },
    output: () => raw,
    dispose() {
      if (!exit) pty.kill('SIGKILL');
      term.dispose();
      dirs.remove();
    },
  };
}

/** A cell's colours as "#rrggbb", "palette N" or "default", its inverse video and its character. */
function lookOfCell(cell: xterm.IBufferCell): CellDrawing {
  const colour = (rgb: boolean, palette: boolean, value: number): string => (rgb ? `#${value.toString(16).padStart(6, '0')}` : palette ? `palette ${value}` : 'default');
  return {
    fg: colour(cell.isFgRGB(), cell.isFgPalette(), cell.getFgColor()),
    bg: colour(cell.isBgRGB(), cell.isBgPalette(), cell.getBgColor()),
    inverse: cell.isInverse() !== 0,
    char: cell.getChars(),
  };
}

/** The column of the `offset`th character of a line's text (as translateToString(true) gives it). */
function columnOf(line: xterm.IBufferLine, offset: number): number {
  let chars = 0;
  for (let x = 0; x < line.length; x++) {
    const cell = line.getCell(x);
    if (!cell || cell.getWidth() === 0) continue; // the right half of a wide character
    if (chars >= offset) return x;
    chars += cell.getChars().length || 1;
  }
  return -1;
}

/** Runs the built natter without a terminal (stdin closed); for --help, usage errors, scripts. */
export function runNatter(args: string[], options: { env?: Record<string, string | undefined>; input?: string; prefix?: string[] } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const [program = process.execPath, ...programArgs] = [...(options.prefix ?? []), process.execPath, NATTER_BIN, ...args];
    const child = spawnChild(program, programArgs, { env: childEnv(options.env ?? {}), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
