import { spawn, type ChildProcess } from 'node:child_process';
import type { HooksConfig } from '../../config/schema.js';
import { formatCount } from '../../domain/plain-format.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { hookEnvironment, MAX_HOOK_VALUE_BYTES } from './hook-env.js';
import { HOOK_START_SPACING_MS, hookQueue, MAX_RUNNING_HOOKS, MAX_WAITING_HOOKS } from './hook-queue.js';
import type { NatterEvent } from '../../domain/events.js';

export const HOOK_TIMEOUT_MS = 10_000;
const MAX_OUTPUT = 2000;

type Report = (kind: 'info' | 'error', text: string) => void;

/**
 * Event hooks from the config: `"hooks": {"message": ["notify-send", "natter"]}` runs the
 * program with its arguments and the event in the environment (NATTER_EVENT, NATTER_ACCOUNT,
 * NATTER_PEER, NATTER_BODY, NATTER_STATE...; see hook-env.ts for their bounds), never through
 * a shell, so a message body can not inject a command. At most MAX_RUNNING_HOOKS run at once,
 * started HOOK_START_SPACING_MS apart, and MAX_WAITING_HOOKS wait; a hook that runs over 10 s
 * is killed with everything it started; its output and failures go to the console tab.
 */
export function createHooks(
  hooks: HooksConfig,
  report: Report,
  timeoutMs = HOOK_TIMEOUT_MS,
  /** Runs before a hook's program starts: the history commits, so a hook that reads it finds the message. */
  beforeRun: () => void = () => undefined,
) {
  const enqueue = hookQueue({ running: MAX_RUNNING_HOOKS, waiting: MAX_WAITING_HOOKS, spacingMs: HOOK_START_SPACING_MS }, (dropped) => report('error', droppedLine(dropped)));
  return (event: NatterEvent): void => {
    if (!wantsHook(event)) return;
    const [program, ...args] = hooks[event.event] ?? [];
    if (!program) return;
    enqueue(event.event, (done) => runHook({ event, program, args, timeoutMs, report, beforeRun }, done));
  };
}

/**
 * Room chatter would run the message hook all day: rooms have the highlight hook (a message
 * naming you). What the archive catch-up brings (`archived`) is old news, summed up in one
 * console line ("N messages from the server archive"), and one hook per message would let a
 * stranger's flood fork a process per message at every login.
 */
function wantsHook(event: NatterEvent): boolean {
  if ('archived' in event && event.archived === true) return false;
  return !(event.event === 'message' && (event.direction !== 'in' || (event.room !== undefined && event.private !== true)));
}

/** "hook message: 196 events ran no hook: …", or "hook message, presence: …" for several kinds. */
function droppedLine(dropped: ReadonlyMap<string, number>): string {
  const total = [...dropped.values()].reduce((sum, n) => sum + n, 0);
  return `hook ${[...dropped.keys()].join(', ')}: ${formatCount(total)} event${total === 1 ? '' : 's'} ran no hook: ${MAX_WAITING_HOOKS} were waiting, natter's limit (hooks start ${1000 / HOOK_START_SPACING_MS} a second, ${MAX_RUNNING_HOOKS} at a time; the messages themselves are in their tabs)`;
}

interface HookRun {
  event: NatterEvent;
  program: string;
  args: string[];
  timeoutMs: number;
  report: Report;
  beforeRun: () => void;
}

/** One hook process; `done` once it has ended and its output is read (or it never started). */
function runHook({ event, program, args, timeoutMs, report, beforeRun }: HookRun, done: () => void): void {
  const name = `hook ${event.event}`;
  const { env, cut } = hookEnvironment(event, process.env);
  for (const variable of cut) report('info', `${name}: ${variable} was cut to ${formatCount(MAX_HOOK_VALUE_BYTES)} bytes (${variable}_TRUNCATED=1 says so); the whole text is in natter's history`);
  beforeRun();
  let child: ChildProcess;
  try {
    // detached: the hook leads a process group of its own, so a timeout can stop all of it.
    child = spawn(program, args, { env, stdio: ['ignore', 'pipe', 'pipe'], shell: false, detached: true });
  } catch (error) {
    // Some failures (E2BIG, an argument Node refuses) are thrown, not emitted.
    report('error', `${name}: ${program} could not run (${error instanceof Error ? error.message : String(error)})`);
    done();
    return;
  }
  let output = '';
  const take = (chunk: Buffer): void => {
    if (output.length < MAX_OUTPUT) output += chunk.toString('utf8');
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  let timedOut = false;
  // The timer runs until the output pipes close, not until the hook's own process exits: a
  // grandchild still holding them (`sleep 100 &`) would keep its slot in the queue taken.
  const timer = setTimeout(() => {
    timedOut = true;
    stopGroup(child);
  }, timeoutMs);
  let failed = false;
  child.on('error', (error) => {
    report('error', `${name}: ${program} could not run (${error.message})`);
    failed = true;
    if (child.pid === undefined) {
      clearTimeout(timer);
      done();
    }
  });
  child.on('close', (code) => {
    clearTimeout(timer);
    done();
    if (failed) return;
    const text = sanitizeLine(output.trim().slice(0, MAX_OUTPUT));
    if (timedOut) report('error', `${name}: ${program} ran over ${timeoutMs / 1000} s and was stopped`);
    else if (code !== 0) report('error', `${name}: ${program} exited with ${code}${text ? `: ${text}` : ''}`);
    else if (text) report('info', `${name}: ${text}`);
  });
}

/** SIGKILL to the hook's whole process group (its children too), and its pipes closed. */
function stopGroup(child: ChildProcess): void {
  if (child.pid !== undefined) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
  }
  // A process that left the group (setsid) may still hold the pipes: stop reading them.
  child.stdout?.destroy();
  child.stderr?.destroy();
}
