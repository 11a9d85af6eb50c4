import type { Client } from '@xmpp/client-core';
import type { IqCaller } from '@xmpp/iq/caller.js';
import { IqAbortedError } from './errors.js';
import { pendingIqs, wrapIqRequest } from './xmppjs-internals.js';

/**
 * Pending IQs are never left hanging (they would wait 30 s for their timeout). A stream that
 * will be resumed keeps them: xmpp.js resends unacknowledged stanzas and the answer comes.
 * Otherwise, and when a fresh session replaces a lost one, they fail at once; and an IQ asked
 * for after the link is gone fails at once too (it would keep a stopping natter alive 30 s).
 */
export function settlePendingIqs(entity: Client, caller: IqCaller, willResume: () => boolean): void {
  const pending = pendingIqs(caller);
  const abortPending = (reason: string): void => {
    for (const [id, deferred] of pending) {
      pending.delete(id);
      deferred.reject(new IqAbortedError(reason));
    }
  };
  entity.on('disconnect', () => {
    if (!willResume()) abortPending('the connection dropped before the answer came');
  });
  entity.on('online', () => abortPending('the session was replaced by a new one before the answer came'));
  entity.on('offline', () => abortPending('natter went offline before the answer came'));
  wrapIqRequest(caller, (request) => (stanza, timeout) =>
    ['offline', 'disconnect', 'disconnecting', 'closing'].includes(entity.status)
      ? Promise.reject(new IqAbortedError(`not connected (${entity.status}); nothing was asked`))
      : request(stanza, timeout),
  );
}
