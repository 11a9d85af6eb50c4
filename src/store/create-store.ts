import type { Action } from './actions.js';
import { reduce } from './reducer.js';
import type { AppState } from './state.js';

export interface Store {
  getState(): AppState;
  dispatch(action: Action): void;
  /** Listeners run once per batch of dispatches, not once per action. */
  subscribe(listener: () => void): () => void;
}

/**
 * A small external store for useSyncExternalStore. Dispatches made in the same tick are
 * reduced at once but announced together, so a burst of stanzas (roster load, MAM catch-up)
 * costs one React commit instead of one per stanza.
 */
export function createStore(initial: AppState): Store {
  let state = initial;
  let scheduled = false;
  const listeners = new Set<() => void>();

  const notify = (): void => {
    scheduled = false;
    for (const listener of listeners) listener();
  };

  return {
    getState: () => state,
    dispatch(action) {
      state = reduce(state, action);
      if (!scheduled) {
        scheduled = true;
        setImmediate(notify);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
