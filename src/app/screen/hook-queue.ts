/** At most this many hook processes run at once (a flood of events must not fork without end). */
export const MAX_RUNNING_HOOKS = 4;
/** Hook runs waiting for a free slot, in order; an event beyond them runs no hook. */
export const MAX_WAITING_HOOKS = 100;
/**
 * Two hook processes start at least this far apart: 10 a second. Starting one blocks natter
 * until the new process has replaced itself with the hook's program (fork and exec, 2-15 ms
 * with the machine busy); in a 3,000-stanza hostile flood (test/e2e/hostile-flood.test.ts,
 * --cpu-prof) starting ~17 hooks a second took 16 % of natter's time, and keys waited behind
 * several starts in one turn of the event loop. A burst (a login's presences) waits in the
 * queue and runs; only a flood outruns it and is summed up in one console line.
 */
export const HOOK_START_SPACING_MS = 100;

/** A hook run: starts, and calls `done` once when its process has ended (or never started). */
export type HookTask = (done: () => void) => void;

export interface HookLimits {
  running: number;
  waiting: number;
  /** The least time between two starts (0: none). */
  spacingMs?: number;
}

/**
 * Runs hook tasks at most `limits.running` at a time, started at least `limits.spacingMs`
 * apart, and keeps up to `limits.waiting` more in arrival order. A task that finds the queue
 * full is dropped and counted under its event name; once the queue has emptied again,
 * `reportDropped` is told the counts: one report per overflow, however many events it dropped.
 */
export function hookQueue(
  limits: HookLimits,
  reportDropped: (dropped: ReadonlyMap<string, number>) => void,
  now: () => number = Date.now,
): (event: string, task: HookTask) => void {
  const spacing = limits.spacingMs ?? 0;
  let running = 0;
  const waiting: HookTask[] = [];
  let dropped = new Map<string, number>();
  let lastStart = -Infinity;
  let timer: NodeJS.Timeout | undefined;

  const start = (task: HookTask): void => {
    running++;
    lastStart = now();
    let finished = false;
    task(() => {
      if (finished) return;
      finished = true;
      running--;
      pump();
    });
  };
  const pump = (): void => {
    while (running < limits.running && waiting.length > 0 && timer === undefined) {
      const wait = lastStart + spacing - now();
      if (wait > 0) {
        timer = setTimeout(() => {
          timer = undefined;
          pump();
        }, wait);
        // A hook still waiting must not keep natter from ending.
        timer.unref();
        return;
      }
      start(waiting.shift()!);
    }
    if (waiting.length === 0 && dropped.size > 0) {
      const counts = dropped;
      dropped = new Map();
      reportDropped(counts);
    }
  };

  return (event, task) => {
    if (waiting.length >= limits.waiting) {
      dropped.set(event, (dropped.get(event) ?? 0) + 1);
      return;
    }
    waiting.push(task);
    pump();
  };
}
