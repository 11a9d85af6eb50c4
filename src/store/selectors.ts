import type { AppState, Contact } from './state.js';

const PRESENCE_ORDER: Record<Contact['presence'], number> = { chat: 0, online: 0, away: 1, xa: 2, dnd: 3, offline: 4 };

let lastRoster: Contact[] | undefined;
let lastSorted: Contact[] = [];

/** The roster sorted by presence, then name; recomputed only when the roster changes. */
export function selectSortedRoster(state: AppState): Contact[] {
  if (state.roster !== lastRoster) {
    lastRoster = state.roster;
    lastSorted = [...state.roster].sort(
      (a, b) => PRESENCE_ORDER[a.presence] - PRESENCE_ORDER[b.presence] || a.name.localeCompare(b.name) || a.jid.localeCompare(b.jid),
    );
  }
  return lastSorted;
}
