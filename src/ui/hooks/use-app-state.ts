import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AppState } from '../../store/state.js';
import type { Store } from '../../store/create-store.js';

export const StoreContext = createContext<Store | null>(null);

export function useStore(): Store {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore outside <StoreContext.Provider>');
  return store;
}

/**
 * Re-renders the caller only when the selected slice changes (by identity), from the state of
 * the last frame: a render caused by a key shows the same traffic as the frame before it.
 */
export function useAppState<T>(select: (state: AppState) => T): T {
  const store = useStore();
  return useSyncExternalStore(store.subscribeFrames, () => select(store.getFrameState()));
}
