import type { Element } from '@xmpp/xml';
import type { RosterItem } from '../../../domain/roster.js';
import { buildRosterQuery, buildRosterRemove, buildRosterSet, type RosterItemEdit } from './build.js';
import { isTrustedRosterPush, NS_ROSTER, parseRosterQuery } from './parse.js';

/** The IQ plumbing this feature needs (xmpp.js iqCaller/iqCallee satisfy it). */
export interface RosterPort {
  iqCaller: {
    get(element: Element, to?: string, timeout?: number): Promise<Element | undefined>;
    set(element: Element, to?: string, timeout?: number): Promise<Element | undefined>;
  };
  iqCallee: { set(ns: string, name: string, handler: (ctx: { stanza: Element }) => unknown): unknown };
}

/** How long natter waits for the server to answer a roster change before saying so. */
export const ROSTER_TIMEOUT_MS = 10_000;

export interface RosterHandlers {
  /** The whole roster, after login. */
  onRoster(items: RosterItem[], ver?: string): void;
  /** One item added, changed or (subscription "remove") deleted by a push. */
  onPush(item: RosterItem): void;
  onRejectedPush?(from: string): void;
}

export function rosterFeature(port: RosterPort, ownJid: () => string, handlers: RosterHandlers) {
  // §2.1.6 roster push: answer with an empty result; ignore pushes from anyone else.
  port.iqCallee.set(NS_ROSTER, 'query', ({ stanza }) => {
    const from = typeof stanza.attrs.from === 'string' ? stanza.attrs.from : undefined;
    if (!isTrustedRosterPush(from, ownJid())) {
      handlers.onRejectedPush?.(from ?? '');
      return undefined; // → service-unavailable, as §2.1.6 allows
    }
    const query = stanza.getChild('query', NS_ROSTER);
    if (query) for (const item of parseRosterQuery(query).items) handlers.onPush(item);
    return true;
  });

  return {
    /** RFC 6121 §2.2: fetch the roster on login. */
    async fetch(ver?: string): Promise<void> {
      const query = await port.iqCaller.get(buildRosterQuery(ver));
      // §2.6.3: an empty result means our cached version is current; pushes follow.
      if (!query) return;
      const parsed = parseRosterQuery(query);
      handlers.onRoster(parsed.items, parsed.ver);
    },
    /** RFC 6121 §2.3/§2.4: adds or replaces an item; the server's push of it updates the roster. */
    async set(item: RosterItemEdit): Promise<void> {
      await port.iqCaller.set(buildRosterSet(item), undefined, ROSTER_TIMEOUT_MS);
    },
    /** RFC 6121 §2.5: deletes an item (and the subscriptions both ways). */
    async remove(jid: string): Promise<void> {
      await port.iqCaller.set(buildRosterRemove(jid), undefined, ROSTER_TIMEOUT_MS);
    },
  };
}
