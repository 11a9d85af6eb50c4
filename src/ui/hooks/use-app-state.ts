import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AppState } from '../../store/state.js';
import type { Store } from '../../store/create-store.js';

export const StoreContext = createContext<Store | null>(null);

export function useStore(): Store {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore outside <StoreContext.Provider>');
  return store;
}

/** Re-renders the caller only when the selected slice changes (by identity). */
export function useAppState<T>(select: (state: AppState) => T): T {
  const store = useStore();
  return useSyncExternalStore(store.subscribeFrames, () => select(store.getState()));
}
