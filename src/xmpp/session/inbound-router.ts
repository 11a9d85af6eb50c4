import type { Element } from '@xmpp/xml';
import type { ArchiveDelivery, InboundPort, Unsubscribe } from '../features/forwarding/inbound-port.js';
import { unwrapForwarded, type InboundMessage } from '../features/forwarding/unwrap.js';

type LiveOrCarbon = Exclude<InboundMessage, { via: 'archive' }>;

/**
 * A step every message passes through, in order, before any feature sees it: what it returns
 * goes on, undefined drops the message. Where end-to-end decryption (OMEMO) will sit.
 */
export type InboundStep = (message: InboundMessage) => InboundMessage | undefined;

export interface InboundRouter extends InboundPort {
  use(step: InboundStep): void;
  /** Stops reading the session's stanzas (the session is over). */
  stop(): void;
}

/** The part of an xmpp.js entity the router reads (the seam unit tests fake). */
export interface StanzaSource {
  on(event: 'stanza', listener: (stanza: Element) => void): unknown;
  off(event: 'stanza', listener: (stanza: Element) => void): unknown;
}

/**
 * The one inbound pipeline of a session (the account runtime makes one per session): every stanza is read here once, a message's
 * forwarding (carbons, archive results) is taken off once with the checks that make it safe
 * to believe (forwarding/unwrap.ts), the steps run, and it goes to the features by kind:
 * messages and carbons to onMessage, archive results to the query that asked, presences to
 * onPresence. A forged carbon is reported with `onRejected` and goes nowhere.
 */
export function inboundRouter(source: StanzaSource, ownJid: string, onRejected: (reason: string, stanza: Element) => void): InboundRouter {
  const messages = new Set<(message: LiveOrCarbon) => void>();
  const presences = new Set<(stanza: Element) => void>();
  const queries = new Map<string, (result: ArchiveDelivery) => void>();
  const steps: InboundStep[] = [];

  const deliver = (message: InboundMessage): void => {
    let current: InboundMessage | undefined = message;
    for (const step of steps) if (current) current = step(current);
    if (!current) return;
    // A result that comes after its query ended (or for no query of ours) is dropped: nobody asked.
    if (current.via === 'archive') queries.get(current.queryId)?.(current);
    else for (const listener of [...messages]) listener(current);
  };
  const route = (stanza: Element): void => {
    if (stanza.is('presence')) {
      for (const listener of [...presences]) listener(stanza);
      return;
    }
    if (!stanza.is('message')) return;
    const unwrapped = unwrapForwarded(stanza, ownJid);
    if (unwrapped.via !== 'rejected') return deliver(unwrapped);
    const query = unwrapped.queryId === undefined ? undefined : queries.get(unwrapped.queryId);
    if (query) query({ via: 'rejected', reason: unwrapped.reason });
    else onRejected(unwrapped.reason, stanza);
  };
  source.on('stanza', route);

  const subscribe = <T>(set: Set<T>, listener: T): Unsubscribe => {
    set.add(listener);
    return () => void set.delete(listener);
  };
  return {
    onMessage: (listener) => subscribe(messages, listener),
    onPresence: (listener) => subscribe(presences, listener),
    onArchive(queryId, listener) {
      queries.set(queryId, listener);
      return () => void queries.delete(queryId);
    },
    use: (step) => void steps.push(step),
    stop: () => void source.off('stanza', route),
  };
}
