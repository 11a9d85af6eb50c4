import { describe, expect, it } from 'vitest';
import { autoAwaySettings, idleWatch } from './idle-watch.js';
import type { IdleAway } from './own-presence.js';

/** A clock the test moves, and the one timer the watch may hold. */
function clock() {
  let now = 1_000_000;
  let timer: { at: number; run: () => void } | undefined;
  return {
    deps: {
      now: () => now,
      after: (ms: number, run: () => void) => {
        const mine = { at: now + ms, run };
        timer = mine;
        return () => void (timer === mine ? (timer = undefined) : undefined);
      },
    },
    /** Moves the clock by `ms`, firing the timer when it is due. */
    pass(ms: number): void {
      const end = now + ms;
      while (timer && timer.at <= end) {
        const due = timer;
        timer = undefined;
        now = due.at;
        due.run();
      }
      now = end;
    },
    armed: () => timer !== undefined,
  };
}

const MIN = 60_000;

describe('idleWatch', () => {
  it('says away after N minutes without a key, xa after M, and back on the first key', () => {
    const time = clock();
    const changes: Array<IdleAway | undefined> = [];
    const start = time.deps.now();
    const watch = idleWatch({ awayAfterMs: 5 * MIN, xaAfterMs: 30 * MIN, message: 'idle' }, { ...time.deps, onChange: (c) => void changes.push(c) });
    time.pass(4 * MIN);
    expect(changes).toEqual([]);
    time.pass(1 * MIN);
    expect(changes).toEqual([{ show: 'away', since: start, message: 'idle' }]);
    time.pass(25 * MIN);
    expect(changes.at(-1)).toEqual({ show: 'xa', since: start, message: 'idle' });
    expect(time.armed()).toBe(false);
    watch.activity();
    expect(changes.at(-1)).toBeUndefined();
    expect(changes).toHaveLength(3);
  });

  it('counts from the last key: keys meanwhile put it off', () => {
    const time = clock();
    const changes: Array<IdleAway | undefined> = [];
    const watch = idleWatch({ awayAfterMs: 5 * MIN, xaAfterMs: 0, message: '' }, { ...time.deps, onChange: (c) => void changes.push(c) });
    time.pass(4 * MIN);
    watch.activity();
    const lastKey = time.deps.now();
    time.pass(4 * MIN);
    expect(changes).toEqual([]);
    time.pass(1 * MIN);
    expect(changes).toEqual([{ show: 'away', since: lastKey, message: '' }]);
    // Only away configured: nothing more to wait for; a key brings the user back and re-arms.
    expect(time.armed()).toBe(false);
    watch.activity();
    time.pass(5 * MIN);
    expect(changes.map((c) => c?.show)).toEqual(['away', undefined, 'away']);
    watch.stop();
    expect(time.armed()).toBe(false);
  });

  it('is off unless the config names a time', () => {
    const presence = { restoreLast: false, awayAfterMinutes: 0, xaAfterMinutes: 0, awayMessage: '' };
    expect(autoAwaySettings(presence)).toBeUndefined();
    expect(autoAwaySettings({ ...presence, awayAfterMinutes: 10, xaAfterMinutes: 0.5, awayMessage: 'afk' })).toEqual({ awayAfterMs: 600_000, xaAfterMs: 30_000, message: 'afk' });
  });
});
