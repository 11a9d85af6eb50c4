import type { Action } from './actions.js';
import type { Line } from '../domain/line.js';
import { reduce } from './reducer.js';
import { safeAction } from './safe-action.js';
import type { AppState } from './state.js';

type Listener = () => void;

export interface Store {
  getState(): AppState;
  /**
   * The state as last announced to subscribeFrames: what the screen shows. A keystroke that
   * re-renders the command line does not also draw traffic that is waiting for its frame.
   */
  getFrameState(): AppState;
  dispatch(action: Action): void;
  /**
   * For the app's own watchers (chat focus, read markers): called once per turn of the event
   * loop that dispatched, so no state a key or a command produced goes unseen.
   */
  subscribe(listener: Listener): () => void;
  /** For the screen: called at most once a frame (NOTIFY_INTERVAL_MS) during a burst. */
  subscribeFrames(listener: Listener): () => void;
  /** Announce pending changes to both now (a key's effect must not wait for the next frame). */
  flush(): void;
  /** How many watchers and screen subscribers are registered (natter's debug counts: a leak grows them). */
  listenerCounts(): { watchers: number; screen: number };
}

/**
 * Traffic reaches the screen at most this often: 20 frames a second. In a 5,000-message flood
 * a frame costs ~10 ms (every row of the view is new); at 30 a second frames took over a third
 * of natter's CPU, and a key typed meanwhile waited for the frame (npm run bench, A/B over 4
 * alternating runs: flood CPU 2.0-2.9 s at 30, 1.7-2.3 s at 20). Keys are drawn at once.
 */
export const NOTIFY_INTERVAL_MS = 1000 / 20;

/** One set of listeners, told of changes at most once an interval (0: once a turn). */
function announcer(intervalMs: number, beforeNotify: (() => void) | undefined) {
  const listeners = new Set<Listener>();
  let scheduled: { cancel(): void } | undefined;
  let lastNotified = -Infinity;
  const notify = (): void => {
    scheduled?.cancel();
    scheduled = undefined;
    lastNotified = performance.now();
    beforeNotify?.();
    for (const listener of listeners) listener();
  };
  return {
    listeners,
    changed(): void {
      if (scheduled !== undefined) return;
      const wait = lastNotified + intervalMs - performance.now();
      if (wait <= 0) {
        const handle = setImmediate(notify);
        scheduled = { cancel: () => clearImmediate(handle) };
      } else {
        // The frame is drawn after the event loop's next poll for input, not in its timers
        // phase before it: a key read in the same turn is handled (and drawn) first.
        let immediate: NodeJS.Immediate | undefined;
        const timer = setTimeout(() => (immediate = setImmediate(notify)), wait);
        scheduled = {
          cancel: () => {
            clearTimeout(timer);
            if (immediate) clearImmediate(immediate);
          },
        };
      }
    },
    flush(): void {
      if (scheduled !== undefined) notify();
    },
  };
}

const adder = (listeners: Set<Listener>) => (listener: Listener) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/**
 * A small external store. Dispatches are reduced at once but announced together: to the app's
 * watchers at the end of the turn, to the screen (useSyncExternalStore) at the end of the turn
 * and during a burst (a flood, a roster load, a MAM catch-up) at most every NOTIFY_INTERVAL_MS,
 * so the screen pays one React commit and one layout per frame, not one per stanza or read.
 * `beforeNotify` runs before the screen hears: the history commits what is about to be shown.
 * A tab's lines are copied at its first new line after a frame and appended to in place until
 * the next: the screen's state never changes under it, and a flood does not copy a tab's lines
 * per line. A `lines` array read with getState may grow until the next frame: read it, do not keep it.
 */
export function createStore(
  initial: AppState,
  { intervalMs = NOTIFY_INTERVAL_MS, beforeNotify }: { intervalMs?: number; beforeNotify?: () => void } = {},
): Store {
  let state = initial;
  let writable = new WeakSet<Line[]>();
  // The watchers show nothing: only the screen's announcement commits the history first.
  const turns = announcer(0, undefined);
  let frameState = initial;
  const frames = announcer(intervalMs, () => {
    beforeNotify?.();
    frameState = state;
    writable = new WeakSet();
  });
  return {
    getState: () => state,
    getFrameState: () => frameState,
    dispatch(action) {
      state = reduce(state, safeAction(action), writable);
      turns.changed();
      frames.changed();
    },
    subscribe: adder(turns.listeners),
    subscribeFrames: adder(frames.listeners),
    flush() {
      turns.flush();
      frames.flush();
    },
    listenerCounts: () => ({ watchers: turns.listeners.size, screen: frames.listeners.size }),
  };
}
