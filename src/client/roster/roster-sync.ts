import type { RosterItem } from '../../domain/roster.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import type { Contact } from '../../store/state.js';
import type { Store } from '../../store/create-store.js';
import { parsePresence, type PresenceUpdate, type Show } from '../../xmpp/features/presence/parse.js';
import { rosterFeature, type RosterPort } from '../../xmpp/features/roster/feature.js';
import type { InboundPort } from '../../xmpp/features/forwarding/inbound-port.js';

const RANK: Record<Show, number> = { chat: 5, online: 4, away: 3, dnd: 2, xa: 1, offline: 0 };
/** Resources kept per contact: a contact's server could announce thousands. */
export const MAX_RESOURCES = 100;
/**
 * People not (yet) known as contacts whose presence is kept until this session's roster arrives
 * (a presence can be read before the roster result's promise settles); then only contacts'.
 */
export const MAX_EARLY_PEERS = 2000;

/**
 * Keeps one account's roster and its contacts' presence in the store: the roster is fetched
 * on each fresh login, pushes update it, and a contact shows the best presence of its
 * resources (highest priority, then most available). Only contacts' presence is kept: anyone
 * can send a directed presence (RFC 6121 §4.6), and strangers' would pile up for the session.
 */
export function rosterSync(
  port: RosterPort & Pick<InboundPort, 'onPresence'>,
  account: string,
  store: Store,
  report: (text: string) => void,
  /** A contact's shown presence changed (its best resource's), for hooks and ctl --events. */
  onPresence?: (jid: string, show: Show, status: string | undefined) => void,
) {
  const items = new Map<string, RosterItem>();
  const resources = new Map<string, Map<string, PresenceUpdate>>();
  /** This session's roster has arrived: from now on, only contacts' presence is kept. */
  let rosterLoaded = false;

  /** The resource a contact is shown by: highest priority, then most available. */
  const best = (jid: string): PresenceUpdate | undefined =>
    [...(resources.get(jid)?.values() ?? [])].sort((a, b) => b.priority - a.priority || RANK[b.show] - RANK[a.show])[0];

  const contact = (item: RosterItem, shown = best(item.jid)): Contact => {
    return {
      jid: item.jid,
      name: sanitizeLine(item.name || item.jid),
      presence: shown?.show ?? 'offline',
      ...(shown?.status ? { status: sanitizeLine(shown.status) } : {}),
      groups: item.groups.map(sanitizeLine),
      account,
      // §2.1.2.2: ask="subscribe" on an item whose presence we do not see yet: our request waits.
      ...(item.ask === 'subscribe' && (item.subscription === 'none' || item.subscription === 'from') ? { awaitingApproval: true } : {}),
    };
  };

  const roster = rosterFeature(port, () => account, {
    onRoster(list) {
      items.clear();
      for (const item of list) items.set(item.jid, item);
      rosterLoaded = true;
      for (const jid of resources.keys()) if (!items.has(jid)) resources.delete(jid);
      store.dispatch({ type: 'roster/set', account, contacts: list.map((i) => contact(i)) });
    },
    onPush(item) {
      if (item.subscription === 'remove') {
        items.delete(item.jid);
        resources.delete(item.jid);
        store.dispatch({ type: 'roster/remove', account, jid: item.jid });
        return;
      }
      items.set(item.jid, item);
      // Their presence is no longer ours to see (we unsubscribed, or they cancelled): what we knew
      // of it is stale. RFC 6121 §3.3 has their server send unavailable presence then; Prosody
      // 0.12 does not after an unsubscribe, and the contact would stay online in the pane.
      const gone = item.subscription !== 'to' && item.subscription !== 'both' && resources.delete(item.jid);
      store.dispatch({ type: 'roster/upsert', account, contact: contact(item) });
      if (gone) onPresence?.(item.jid, 'offline', undefined);
    },
    onRejectedPush(from) {
      report(`ignored a roster push from ${sanitizeLine(from) || 'an unknown sender'} (only the server may change the roster)`);
    },
  });

  /** Whether a presence of `jid` (not a contact) is kept: only before this session's roster is known, and boundedly. */
  const keepsUnknown = (jid: string): boolean => !rosterLoaded && (resources.has(jid) || resources.size < MAX_EARLY_PEERS);

  port.onPresence((stanza) => {
    const update = parsePresence(stanza);
    if (!update) return;
    const item = items.get(update.jid);
    if (!item && !keepsUnknown(update.jid)) return;
    const known = resources.get(update.jid) ?? new Map<string, PresenceUpdate>();
    const before = item ? best(update.jid) : undefined;
    if (update.show === 'offline') known.delete(update.resource);
    else if (known.has(update.resource) || known.size < MAX_RESOURCES) known.set(update.resource, update);
    if (known.size > 0) resources.set(update.jid, known);
    else resources.delete(update.jid);
    if (!item) return;
    const after = best(update.jid);
    store.dispatch({ type: 'roster/upsert', account, contact: contact(item, after) });
    if (after?.show !== before?.show || after?.status !== before?.status) {
      onPresence?.(update.jid, after?.show ?? 'offline', after?.status === undefined ? undefined : sanitizeLine(after.status));
    }
  });

  return {
    fetch: () => roster.fetch(),
    /** The roster item of `jid` as the server last said it (name and groups unsanitized), if it is one. */
    item: (jid: string): RosterItem | undefined => items.get(jid),
    /** Every roster item, as the server last said them. */
    items: (): RosterItem[] => [...items.values()],
    /** Adds or replaces an item on the server (RFC 6121 §2.3, §2.4); its push updates the pane. */
    set: roster.set,
    /** Deletes an item on the server (RFC 6121 §2.5); its push updates the pane. */
    remove: roster.remove,
    /** What this session knows of `jid`: its roster item (none for a stranger) and its online resources, the one shown first. */
    profile(jid: string): ContactProfile {
      const online = items.has(jid) ? [...(resources.get(jid)?.values() ?? [])] : [];
      online.sort((a, b) => b.priority - a.priority || RANK[b.show] - RANK[a.show]);
      const item = items.get(jid);
      return { ...(item ? { item } : {}), resources: online };
    },
    /** The full JID a contact shows by (its best resource), while one is online. */
    onlineAt(jid: string): string | undefined {
      const shown = items.has(jid) ? best(jid) : undefined;
      return shown ? (shown.resource ? `${jid}/${shown.resource}` : jid) : undefined;
    },
    /** The session ended without resumption: every presence we knew is stale. */
    reset(): void {
      resources.clear();
      rosterLoaded = false;
      store.dispatch({ type: 'roster/set', account, contacts: [...items.values()].map((i) => contact(i)) });
    },
  };
}

export type RosterSync = ReturnType<typeof rosterSync>;

/** A contact as one session knows it: the roster item and each online resource's presence. */
export interface ContactProfile {
  item?: RosterItem;
  resources: PresenceUpdate[];
}
