import type { MessageHistory } from '../history/message-history.js';
import type { Store } from '../store/create-store.js';

/** A flood from thousands of strangers must not grow the cache without end. */
const MAX_REMEMBERED = 10_000;

/**
 * Who may learn that natter is online and reading (receipts, chat states): the account's
 * contacts and people it wrote to. Asked for every message of a flood, so the roster is
 * looked up in a set rebuilt only when the roster changes, and the history once per peer.
 */
export function disclosurePolicy(account: string, store: Store, history: MessageHistory) {
  let roster: unknown;
  let contacts = new Set<string>();
  const wrote = new Map<string, boolean>();
  return {
    mayTell(peer: string): boolean {
      const current = store.getState().roster;
      if (current !== roster) {
        roster = current;
        contacts = new Set(current.filter((c) => c.account === account).map((c) => c.jid));
      }
      if (contacts.has(peer)) return true;
      let known = wrote.get(peer);
      if (known === undefined) {
        if (wrote.size >= MAX_REMEMBERED) wrote.clear();
        known = history.hasWrittenTo(account, peer);
        wrote.set(peer, known);
      }
      return known;
    },
    /** The account wrote to `peer` (here or from another device). */
    wroteTo(peer: string): void {
      wrote.set(peer, true);
    },
  };
}
