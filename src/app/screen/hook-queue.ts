/** At most this many hook processes run at once (a flood of events must not fork without end). */
export const MAX_RUNNING_HOOKS = 4;
/** Hook runs waiting for a free slot, in order; an event beyond them runs no hook. */
export const MAX_WAITING_HOOKS = 100;

/** A hook run: starts, and calls `done` once when its process has ended (or never started). */
export type HookTask = (done: () => void) => void;

/**
 * Runs hook tasks at most `limits.running` at a time and keeps up to `limits.waiting` more
 * in arrival order. A task that finds the queue full is dropped and counted under its event
 * name; once the queue has emptied again, `reportDropped` is told the counts: one report per
 * overflow, however many events it dropped.
 */
export function hookQueue(
  limits: { running: number; waiting: number },
  reportDropped: (dropped: ReadonlyMap<string, number>) => void,
): (event: string, task: HookTask) => void {
  let running = 0;
  const waiting: HookTask[] = [];
  let dropped = new Map<string, number>();

  const start = (task: HookTask): void => {
    running++;
    let finished = false;
    task(() => {
      if (finished) return;
      finished = true;
      running--;
      pump();
    });
  };
  const pump = (): void => {
    while (running < limits.running && waiting.length > 0) start(waiting.shift()!);
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
