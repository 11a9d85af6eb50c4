import type { Action } from './actions.js';
import { reduce } from './reducer.js';
import type { AppState } from './state.js';

export interface Store {
  getState(): AppState;
  dispatch(action: Action): void;
  /** Listeners run once per batch of dispatches, not once per action. */
  subscribe(listener: () => void): () => void;
  /** Announce pending changes now (a key's effect must not wait for the next batch). */
  flush(): void;
}

/** Traffic is announced at most this often: the screen draws at most 30 frames a second. */
export const NOTIFY_INTERVAL_MS = 1000 / 30;

/**
 * A small external store for useSyncExternalStore. Dispatches are reduced at once but
 * announced together: at the end of the current turn of the event loop, and during a burst
 * (a flood, a roster load, a MAM catch-up) at most every NOTIFY_INTERVAL_MS, so the screen
 * pays one React commit and one layout per frame, not one per stanza or per socket read.
 * `beforeNotify` runs first: the history commits what the screen is about to show.
 */
export function createStore(
  initial: AppState,
  { intervalMs = NOTIFY_INTERVAL_MS, beforeNotify }: { intervalMs?: number; beforeNotify?: () => void } = {},
): Store {
  let state = initial;
  let scheduled: { cancel(): void } | undefined;
  let lastNotified = -Infinity;
  const listeners = new Set<() => void>();

  const notify = (): void => {
    scheduled?.cancel();
    scheduled = undefined;
    lastNotified = performance.now();
    beforeNotify?.();
    for (const listener of listeners) listener();
  };

  const schedule = (): void => {
    const wait = lastNotified + intervalMs - performance.now();
    if (wait <= 0) {
      const handle = setImmediate(notify);
      scheduled = { cancel: () => clearImmediate(handle) };
    } else {
      const handle = setTimeout(notify, wait);
      scheduled = { cancel: () => clearTimeout(handle) };
    }
  };

  return {
    getState: () => state,
    dispatch(action) {
      state = reduce(state, action);
      if (scheduled === undefined) schedule();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush() {
      if (scheduled !== undefined) notify();
    },
  };
}
