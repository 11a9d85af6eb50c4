/**
 * The outbox's sendings in order: a flush, and what is written while one runs, wait their turn;
 * `sentInTurn` remembers what went out while turns were waiting, since a flush may already
 * have sent a message written during it.
 */
export function sendingTurns() {
  let chain: Promise<void> = Promise.resolve();
  let waiting = 0;
  const sentInTurn = new Set<string>();
  return {
    /** True while a turn waits or runs: a new message must not go ahead of it. */
    busy: (): boolean => waiting > 0,
    inTurn(work: () => Promise<void>): Promise<void> {
      waiting++;
      chain = chain.then(work).finally(() => {
        if (--waiting === 0) sentInTurn.clear();
      });
      return chain;
    },
    /** Notes a message as sent (only while turns wait: otherwise nothing can send it twice). */
    sent(id: string): void {
      if (waiting > 0) sentInTurn.add(id);
    },
    wasSent: (id: string): boolean => sentInTurn.has(id),
  };
}
