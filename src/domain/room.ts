/** A person in a room (XEP-0045 §5: roles and affiliations). Texts are as received; sanitize before display. */
export interface Occupant {
  nick: string;
  role: 'moderator' | 'participant' | 'visitor' | 'none';
  affiliation: 'owner' | 'admin' | 'member' | 'outcast' | 'none';
  presence: 'online' | 'away' | 'dnd' | 'xa' | 'chat' | 'offline';
  /** Their bare JID, when the room shows it (non-anonymous rooms, or to moderators). */
  jid?: string;
  status?: string;
}

/** A room of one account. The subject is sanitized; nicks are kept as received (they address people) and sanitized where shown. */
export interface Room {
  room: string;
  account: string;
  /** Our nickname in it. */
  nick: string;
  joined: boolean;
  subject: string;
  occupants: Occupant[];
}

const patterns = new Map<string, RegExp>();

/**
 * True when `body` addresses `nick`: the nick as a whole word, any case ("alice:", "@alice",
 * "hi Alice!"), as Profanity and Poezio highlight. Never for an empty nick.
 */
export function mentions(body: string, nick: string): boolean {
  if (!nick) return false;
  // Every message of a busy room is checked: the expression is built once per nick.
  let pattern = patterns.get(nick);
  if (!pattern) {
    const escaped = nick.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = new RegExp(`(^|[^\\p{L}\\p{N}_])${escaped}($|[^\\p{L}\\p{N}_])`, 'iu');
    if (patterns.size > 100) patterns.clear();
    patterns.set(nick, pattern);
  }
  return pattern.test(body);
}
