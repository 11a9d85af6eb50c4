import { sanitizeLine } from './sanitize.js';

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

/**
 * A contact's name or a group name at most this long: RFC 6121 §2.1.2 lets a server limit them
 * (Prosody takes far more); a bound keeps one typed or imported line from making a huge roster.
 */
export const MAX_ROSTER_TEXT = 1023;

/** Why `text` is not sent as a contact's name or a group (empty, too long, control or direction characters), or undefined. */
export function rosterTextProblem(what: 'name' | 'group', text: string): string | undefined {
  if (text === '') return `the ${what} is empty`;
  if (text.length > MAX_ROSTER_TEXT) return `the ${what} is longer than ${MAX_ROSTER_TEXT} characters`;
  if (sanitizeLine(text) !== text) return `the ${what} holds control or direction characters`;
  return undefined;
}
