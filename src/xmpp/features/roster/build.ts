import xml, { type Element } from '@xmpp/xml';
import { NS_ROSTER } from './parse.js';

/** RFC 6121 §2.1.3 roster get; `ver` asks for versioning (§2.6) when we hold a cached roster. */
export function buildRosterQuery(ver?: string): Element {
  return xml('query', { xmlns: NS_ROSTER, ...(ver === undefined ? {} : { ver }) });
}

/** What a roster set carries of an item (RFC 6121 §2.1.2): its JID, name and groups. */
export interface RosterItemEdit {
  jid: string;
  name?: string;
  groups: readonly string[];
}

/**
 * RFC 6121 §2.3 (add) and §2.4 (update): "the client sends a roster set containing the updated
 * item"; the item replaces the server's whole, so a rename carries the groups and a group change
 * the name. No subscription attribute: "the client MUST NOT include" one other than "remove".
 */
export function buildRosterSet(item: RosterItemEdit): Element {
  return xml(
    'query',
    { xmlns: NS_ROSTER },
    xml('item', { jid: item.jid, ...(item.name ? { name: item.name } : {}) }, ...[...new Set(item.groups)].map((group) => xml('group', {}, group))),
  );
}

/** RFC 6121 §2.5: deleting an item, which also cancels the subscriptions both ways (§2.5.2). */
export function buildRosterRemove(jid: string): Element {
  return xml('query', { xmlns: NS_ROSTER }, xml('item', { jid, subscription: 'remove' }));
}
