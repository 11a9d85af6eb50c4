import type { Contact } from '../../store/state.js';

export type RosterRow =
  | { kind: 'account'; key: string; text: string }
  | { kind: 'group'; key: string; name: string; online: number; total: number; collapsed: boolean }
  | { kind: 'contact'; key: string; contact: Contact; unread: number };

const NO_GROUP = 'Contacts';
const PRESENCE_ORDER: Record<Contact['presence'], number> = { chat: 0, online: 0, away: 1, xa: 2, dnd: 3, offline: 4 };

/**
 * The roster as rows: per account (when there are several), per group (contacts without one
 * under "Contacts"), contacts by presence then name, with their unread counts. A filter keeps
 * contacts whose name or JID contains it (any case); a collapsed group shows its header only.
 */
export function rosterRows(
  contacts: readonly Contact[],
  options: { filter?: string; collapsed?: ReadonlySet<string>; unread?: ReadonlyMap<string, number> } = {},
): RosterRow[] {
  const filter = options.filter?.trim().toLowerCase() ?? '';
  const shown = filter ? contacts.filter((c) => c.name.toLowerCase().includes(filter) || c.jid.includes(filter)) : contacts;
  const accounts = [...new Set(shown.map((c) => c.account ?? ''))].sort();
  const rows: RosterRow[] = [];
  for (const account of accounts) {
    if (accounts.length > 1) rows.push({ kind: 'account', key: `a:${account}`, text: account });
    const groups = new Map<string, Contact[]>();
    for (const c of shown) {
      if ((c.account ?? '') !== account) continue;
      for (const g of c.groups?.length ? c.groups : [NO_GROUP]) {
        const list = groups.get(g) ?? [];
        list.push(c);
        groups.set(g, list);
      }
    }
    for (const name of [...groups.keys()].sort((a, b) => (a === NO_GROUP ? 1 : b === NO_GROUP ? -1 : a.localeCompare(b)))) {
      const members = (groups.get(name) ?? []).sort(
        (a, b) => PRESENCE_ORDER[a.presence] - PRESENCE_ORDER[b.presence] || a.name.localeCompare(b.name) || a.jid.localeCompare(b.jid),
      );
      const collapsed = options.collapsed?.has(name) === true && !filter;
      rows.push({ kind: 'group', key: `g:${account}:${name}`, name, online: members.filter((m) => m.presence !== 'offline').length, total: members.length, collapsed });
      if (collapsed) continue;
      for (const contact of members) {
        rows.push({ kind: 'contact', key: `c:${account}:${name}:${contact.jid}`, contact, unread: options.unread?.get(contact.jid) ?? 0 });
      }
    }
  }
  return rows;
}
