import type { Client } from '@xmpp/client-core';
import reconnectFactory from '@xmpp/reconnect';
import { reconnectDelay } from './backoff.js';

/**
 * @xmpp/reconnect with natter's backoff (1 s doubling to 60 s, with jitter: backoff.ts), a
 * 'reconnect-scheduled' event saying when the next attempt comes, and a stop that knows it
 * stopped (nothing more is retried after a final failure or a logout).
 */
export function reconnectPolicy(entity: Client, finalErrors: ReadonlySet<string>) {
  const reconnect = reconnectFactory({ entity });
  let retrying = true;
  const stopRetrying = reconnect.stop.bind(reconnect);
  reconnect.stop = () => {
    retrying = false;
    stopRetrying();
  };
  // @xmpp/reconnect reads `delay` when it schedules, so the next one is set ahead.
  let attempt = 0;
  reconnect.delay = reconnectDelay(1);
  reconnect.on('reconnecting', () => {
    attempt++;
    reconnect.delay = reconnectDelay(attempt + 1);
  });
  entity.on('disconnect', () => {
    // Runs after @xmpp/reconnect's own listener (registered first), which has just
    // scheduled the attempt with the current delay.
    if (retrying) entity.emit('reconnect-scheduled', { attempt: attempt + 1, retryAt: Date.now() + reconnect.delay });
  });
  entity.on('error', (error: Error) => {
    if (finalErrors.has(error.name)) reconnect.stop();
  });
  return {
    reconnect,
    retrying: () => retrying,
    /**
     * A session that came back (fresh or resumed) is as good as new: the next drop starts again
     * from 1 s. (A resumption emits no 'online', so without this the delay grew with every drop.)
     */
    resetBackoff(): void {
      attempt = 0;
      reconnect.delay = reconnectDelay(1);
    },
  };
}
