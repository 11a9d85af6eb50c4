import type { Element } from '@xmpp/xml';
import { bareJid } from '../../../domain/jid.js';
import type { RosterItem, Subscription } from '../../../domain/roster.js';

export const NS_ROSTER = 'jabber:iq:roster';
const SUBSCRIPTIONS = new Set<Subscription>(['none', 'to', 'from', 'both', 'remove']);

export interface RosterQuery {
  ver?: string;
  items: RosterItem[];
}

/** Parses <query xmlns="jabber:iq:roster">, skipping items with an invalid JID. */
export function parseRosterQuery(query: Element): RosterQuery {
  const items: RosterItem[] = [];
  for (const item of query.getChildren('item')) {
    const jid = bareJid(String(item.attrs.jid ?? ''));
    if (!jid) continue;
    const subscription = String(item.attrs.subscription ?? 'none') as Subscription;
    const name = typeof item.attrs.name === 'string' && item.attrs.name !== '' ? item.attrs.name : undefined;
    const groups = [...new Set(item.getChildren('group').map((g) => g.getText()).filter((g) => g !== ''))];
    items.push({
      jid,
      subscription: SUBSCRIPTIONS.has(subscription) ? subscription : 'none',
      groups,
      ...(name === undefined ? {} : { name }),
      ...(item.attrs.ask === 'subscribe' ? { ask: 'subscribe' as const } : {}),
    });
  }
  const ver = query.attrs.ver;
  return { items, ...(typeof ver === 'string' ? { ver } : {}) };
}

/**
 * RFC 6121 §2.1.6: "A receiving client MUST ignore the stanza unless it has no 'from'
 * attribute (i.e., implicitly from the bare JID of the user's account) or it has a 'from'
 * attribute whose value matches the user's bare JID <user@domainpart>."
 */
export function isTrustedRosterPush(from: string | undefined, ownJid: string): boolean {
  return from === undefined || from === '' || bareJid(from) === bareJid(ownJid) && !from.includes('/');
}
