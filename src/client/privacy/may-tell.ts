import { bareJid } from '../../domain/jid.js';
import type { MessageHistory } from '../../history/message-history.js';
import type { Store } from '../../store/create-store.js';

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
  const isContact = (peer: string): boolean => {
    const current = store.getState().roster;
    if (current !== roster) {
      roster = current;
      contacts = new Set(current.filter((c) => c.account === account).map((c) => c.jid));
    }
    return contacts.has(peer);
  };
  const mayTell = (peer: string): boolean => {
    if (isContact(peer)) return true;
    let known = wrote.get(peer);
    if (known === undefined) {
      if (wrote.size >= MAX_REMEMBERED) wrote.clear();
      known = history.hasWrittenTo(account, peer);
      wrote.set(peer, known);
    }
    return known;
  };
  return {
    mayTell,
    /** `peer` is in the account's roster. */
    isContact,
    /**
     * Whether a query (disco, version, ping) from `from` is answered, which tells that natter is
     * online: the account's own resources and server (no from: RFC 6120 §8.1.2.1, the server on
     * the account's behalf), rooms the account is in (their occupants see its presence anyway),
     * and whoever `mayTell`. The same people get receipts and chat states, so refusing them a
     * ping would hide nothing.
     */
    mayAnswerQuery(from: string | undefined, isRoom: (jid: string) => boolean): boolean {
      return mayAnswerQuery(account, from, (bare) => isRoom(bare) || mayTell(bare));
    },
    /** The account wrote to `peer` (here or from another device). */
    wroteTo(peer: string): void {
      wrote.set(peer, true);
    },
  };
}

/** A query from the account itself or its server is answered; from anyone else only when `trusted(bare JID)`. */
export function mayAnswerQuery(account: string, from: string | undefined, trusted: (bare: string) => boolean): boolean {
  if (from === undefined) return true;
  const bare = bareJid(from);
  if (!bare) return false;
  return bare === account || bare === account.slice(account.indexOf('@') + 1) || trusted(bare);
}

export type DisclosurePolicy = ReturnType<typeof disclosurePolicy>;
