import { sanitizeLine } from '../../domain/sanitize.js';
import type { Store } from '../../store/create-store.js';
import { buildSubscriptionAnswer, parseSubscriptionRequest, type SubscriptionRequest } from '../../xmpp/features/presence/subscription.js';
import type { Element } from '@xmpp/xml';
import type { EventSink } from '../../domain/events.js';

/**
 * Requests natter keeps waiting for an answer at most: anyone can ask, so a flood of strangers
 * must not grow the list (and the console) without end.
 */
export const MAX_PENDING_REQUESTS = 100;

/**
 * Presence subscription requests of one account (RFC 6121 §3.1): said once in the console with
 * how to answer, passed to hooks and `ctl --events`, and answered with /accept or /decline.
 * Past MAX_PENDING_REQUESTS waiting, new ones are left to the server, which hands them over
 * again at the next login (RFC 6121 §3.1.3); the first ones are kept, so a flood cannot push
 * out a request that came before it.
 */
export function subscriptionRequests(
  account: string,
  deps: { store: Store; consoleLine(kind: 'info' | 'error', text: string): void; onEvent?: EventSink },
  maxPending = MAX_PENDING_REQUESTS,
) {
  const pending = new Map<string, SubscriptionRequest>();
  let toldFull = false;
  return {
    onStanza(stanza: Element): void {
      const request = parseSubscriptionRequest(stanza);
      // The server hands an unanswered request over again at each login: say it once a run.
      if (!request || pending.has(request.jid)) return;
      if (pending.size >= maxPending) {
        if (!toldFull) deps.consoleLine('error', `${maxPending} requests to see your presence wait already; more are not listed until you answer some (the server asks again at the next login)`);
        toldFull = true;
        return;
      }
      toldFull = false;
      pending.set(request.jid, request);
      const nick = request.nick ? ` (${sanitizeLine(request.nick)})` : '';
      const note = request.status ? `: "${sanitizeLine(request.status)}"` : '';
      deps.consoleLine('info', `${request.jid}${nick} asks to see your presence${note}. /accept ${request.jid} or /decline ${request.jid}`);
      deps.onEvent?.({ event: 'subscription', account, peer: request.jid, ...(request.nick ? { nick: request.nick } : {}), ...(request.status ? { status: request.status } : {}) });
    },
    pending: (): string[] => [...pending.keys()],
    /** `jid`'s request was answered another way (/roster add, /roster approve). */
    forget: (jid: string): void => void pending.delete(jid),
    /** The stanzas that answer `jid`; approving asks for theirs too unless they are a contact already. */
    answer(jid: string, approve: boolean): Element[] {
      pending.delete(jid);
      const contact = deps.store.getState().roster.some((c) => c.account === account && c.jid === jid);
      return buildSubscriptionAnswer(jid, approve, !contact);
    },
  };
}

export type SubscriptionRequests = ReturnType<typeof subscriptionRequests>;
