import type { Store } from '../../store/create-store.js';

/** Resolves once the account is online, has failed, or waits to retry (its first login is over). */
export function settled(store: Store, jid: string): Promise<void> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const kind = store.getState().connections[jid]?.kind;
      return kind === 'online' || kind === 'failed' || kind === 'reconnecting';
    };
    if (check()) return resolve();
    const unsubscribe = store.subscribe(() => {
      if (!check()) return;
      unsubscribe();
      resolve();
    });
  });
}
