import { sanitizeLine } from './sanitize.js';

/** What the user may say they are (RFC 6121 §4.7.2.1 <show/>, "online" being no <show/>). */
export const OWN_SHOWS = ['online', 'chat', 'away', 'xa', 'dnd'] as const;
export type OwnShow = (typeof OWN_SHOWS)[number];

/** RFC 6121 §4.7.2.3: "The value MUST be an integer between -128 and +127." */
export const MIN_PRIORITY = -128;
export const MAX_PRIORITY = 127;
/** A status message longer than this is refused: it goes to every contact with every presence. */
export const MAX_STATUS_CHARS = 1000;

/** The presence the user chose for one account: sent at each login and on each change. */
export interface OwnPresence {
  show: OwnShow;
  /** RFC 6121 §4.7.2.2 <status/>: the user's words, as typed. */
  status?: string;
  priority: number;
}

/** What the status line shows of an account's own presence. */
export interface OwnPresenceView extends OwnPresence {
  /** XEP-0186: the server hides this session's presence. */
  invisible: boolean;
  /** Set by auto-away (the user is idle), not by the user. */
  auto?: boolean;
}

export const DEFAULT_PRESENCE: OwnPresence = { show: 'online', priority: 0 };

export function isOwnShow(word: string): word is OwnShow {
  return (OWN_SHOWS as readonly string[]).includes(word);
}

/** "away: lunch", "invisible · dnd", "" for plain online at priority 0 (nothing to point out). */
export function describeOwnPresence(view: OwnPresenceView): string {
  const parts: string[] = [];
  if (view.invisible) parts.push('invisible');
  const status = view.status ? `: ${sanitizeLine(view.status)}` : '';
  if (view.show !== 'online' || status) parts.push(`${view.show}${view.auto ? ' (idle)' : ''}${status}`);
  if (view.priority !== 0) parts.push(`priority ${view.priority}`);
  return parts.join(' · ');
}
