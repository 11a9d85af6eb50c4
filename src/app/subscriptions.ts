import { sanitizeLine } from '../domain/sanitize.js';
import type { Store } from '../store/create-store.js';
import { buildSubscriptionAnswer, parseSubscriptionRequest, type SubscriptionRequest } from '../xmpp/features/presence/subscription.js';
import type { Element } from '@xmpp/xml';

/**
 * Presence subscription requests of one account (RFC 6121 §3.1): said once in the console with
 * how to answer, passed to hooks and `ctl --events`, and answered with /accept or /decline.
 */
export function subscriptionRequests(
  account: string,
  deps: { store: Store; consoleLine(kind: 'info' | 'error', text: string): void; onEvent?(event: Record<string, unknown> & { event: string }): void },
) {
  const pending = new Map<string, SubscriptionRequest>();
  return {
    onStanza(stanza: Element): void {
      const request = parseSubscriptionRequest(stanza);
      // The server hands an unanswered request over again at each login: say it once a run.
      if (!request || pending.has(request.jid)) return;
      pending.set(request.jid, request);
      const nick = request.nick ? ` (${sanitizeLine(request.nick)})` : '';
      const note = request.status ? `: "${sanitizeLine(request.status)}"` : '';
      deps.consoleLine('info', `${request.jid}${nick} asks to see your presence${note}. /accept ${request.jid} or /decline ${request.jid}`);
      deps.onEvent?.({ event: 'subscription', account, peer: request.jid, ...(request.nick ? { nick: request.nick } : {}), ...(request.status ? { status: request.status } : {}) });
    },
    pending: (): string[] => [...pending.keys()],
    /** The stanzas that answer `jid`; approving asks for theirs too unless they are a contact already. */
    answer(jid: string, approve: boolean): Element[] {
      pending.delete(jid);
      const contact = deps.store.getState().roster.some((c) => c.account === account && c.jid === jid);
      return buildSubscriptionAnswer(jid, approve, !contact);
    },
  };
}
