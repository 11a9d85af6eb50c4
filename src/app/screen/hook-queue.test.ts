import { afterEach, describe, expect, it, vi } from 'vitest';
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

  describe('spacing', () => {
    afterEach(() => void vi.useRealTimers());

    it('starts tasks `spacingMs` apart, never several in one turn, and every one of a burst still runs', () => {
      vi.useFakeTimers();
      const enqueue = hookQueue({ running: 4, waiting: 10, spacingMs: 100 }, () => undefined);
      const started: Array<[number, number]> = [];
      const t0 = Date.now();
      for (let i = 1; i <= 6; i++) enqueue('message', (done) => (started.push([i, Date.now() - t0]), done()));
      expect(started).toEqual([[1, 0]]); // the others wait for their turn
      vi.advanceTimersByTime(99);
      expect(started).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(started).toEqual([[1, 0], [2, 100]]);
      vi.advanceTimersByTime(1000);
      expect(started).toEqual([[1, 0], [2, 100], [3, 200], [4, 300], [5, 400], [6, 500]]);
    });

    it('drops what a flood brings beyond the waiting ones, reports it once, and runs the next event after', () => {
      vi.useFakeTimers();
      const reports: Array<Record<string, number>> = [];
      const enqueue = hookQueue({ running: 4, waiting: 3, spacingMs: 100 }, (dropped) => reports.push(Object.fromEntries(dropped)));
      let ran = 0;
      for (let i = 0; i < 20; i++) enqueue('message', (done) => (ran++, done()));
      expect(ran).toBe(1); // 3 wait, 16 dropped
      vi.advanceTimersByTime(300);
      expect(ran).toBe(4);
      expect(reports).toEqual([{ message: 16 }]);
      vi.advanceTimersByTime(1000);
      enqueue('message', (done) => (ran++, done()));
      expect(ran).toBe(5); // long after the last start: at once
    });
  });
});
