/** RFC 6121 §2.1.2: one roster item. */
export type Subscription = 'none' | 'to' | 'from' | 'both' | 'remove';

export interface RosterItem {
  /** Bare JID. */
  jid: string;
  name?: string;
  subscription: Subscription;
  /** "subscribe" when our subscription request is pending (§2.1.2.2). */
  ask?: 'subscribe';
  groups: string[];
}
