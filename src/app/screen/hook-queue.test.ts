import { describe, expect, it } from 'vitest';
import { hookQueue, type HookTask } from './hook-queue.js';

describe('hook queue', () => {
  it('runs at most `running` tasks, starts the waiting ones in order, drops beyond `waiting` and reports them once', () => {
    const reports: Array<Record<string, number>> = [];
    const enqueue = hookQueue({ running: 2, waiting: 3 }, (dropped) => reports.push(Object.fromEntries(dropped)));
    const started: string[] = [];
    const finish = new Map<string, () => void>();
    const task = (name: string): HookTask => (done) => {
      started.push(name);
      finish.set(name, done);
    };
    for (let i = 1; i <= 9; i++) enqueue(i === 9 ? 'presence' : 'message', task(`t${i}`));
    expect(started).toEqual(['t1', 't2']); // t3..t5 wait, t6..t9 are dropped
    expect(reports).toEqual([]);
    finish.get('t1')!();
    finish.get('t1')!(); // a second call changes nothing
    expect(started).toEqual(['t1', 't2', 't3']);
    finish.get('t2')!();
    finish.get('t3')!();
    expect(started).toEqual(['t1', 't2', 't3', 't4', 't5']);
    // The queue has emptied: one report for the whole overflow.
    expect(reports).toEqual([{ message: 3, presence: 1 }]);
    finish.get('t4')!();
    finish.get('t5')!();
    enqueue('message', task('t10'));
    expect(started.at(-1)).toBe('t10');
    expect(reports).toHaveLength(1);
  });

  it('frees the slot of a task that ends at once (a program that could not start)', () => {
    const enqueue = hookQueue({ running: 1, waiting: 1 }, () => undefined);
    const started: number[] = [];
    for (let i = 1; i <= 3; i++) enqueue('message', (done) => (started.push(i), done()));
    expect(started).toEqual([1, 2, 3]);
  });
});
