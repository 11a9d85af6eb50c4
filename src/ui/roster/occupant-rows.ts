import type { Occupant, Room } from '../../domain/room.js';
import { displayLine } from '../../domain/sanitize.js';
import type { RosterRow } from './roster-rows.js';

const ROLES: Array<[Occupant['role'], string]> = [['moderator', 'Moderators'], ['participant', 'Participants'], ['visitor', 'Visitors'], ['none', 'Others']];

/** The side pane of a room tab: its occupants by role (moderators first), then by nick. */
export function occupantRows(room: Room, filter = ''): RosterRow[] {
  const wanted = filter.trim().toLowerCase();
  const rows: RosterRow[] = [];
  for (const [role, title] of ROLES) {
    const members = room.occupants
      .filter((o) => o.role === role && (!wanted || o.nick.toLowerCase().includes(wanted)))
      .sort((a, b) => a.nick.localeCompare(b.nick));
    if (members.length === 0) continue;
    rows.push({ kind: 'group', key: `r:${role}`, name: title, online: members.length, total: members.length, collapsed: false });
    for (const o of members) {
      const name = displayLine(o.nick);
      rows.push({
        kind: 'contact',
        key: `o:${o.nick}`,
        contact: { jid: name, name: o.nick === room.nick ? `${name} (you)` : name, presence: o.presence, ...(o.status ? { status: displayLine(o.status) } : {}) },
        unread: 0,
      });
    }
  }
  return rows;
}
