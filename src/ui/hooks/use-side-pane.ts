import { useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import type { Room } from '../../domain/room.js';
import type { Tab } from '../../domain/tab.js';
import { parseTabId } from '../../domain/tab-address.js';
import { occupantRows } from '../roster/occupant-rows.js';
import { rosterRows, type RosterRow } from '../roster/roster-rows.js';
import { useAppState } from './use-app-state.js';

/** The side pane: the roster, or in a room tab the room's occupants; scrolled and selected by keys. */
export interface SidePane {
  /** The room of the tab in front, when it is one. */
  room: Room | undefined;
  rows: readonly RosterRow[];
  /** Unread messages by contact JID (the roster only). */
  unread: ReadonlyMap<string, number> | undefined;
  filter: string;
  showStatus: boolean;
  /** First row shown. */
  offset: number;
  setOffset: Dispatch<SetStateAction<number>>;
  /** The selected row, by key, so it stays put as presences reorder the list. */
  selected: string | undefined;
  select(key: string): void;
}

export function useSidePane(tabs: readonly Tab[]): SidePane {
  const roster = useAppState((s) => s.roster);
  const filter = useAppState((s) => s.rosterFilter);
  const showStatus = useAppState((s) => s.rosterShowStatus);
  const collapsed = useAppState((s) => s.rosterCollapsed);
  const room = useAppState((s) => s.rooms[parseTabId(s.activeTabId, 'room')?.room ?? '']);
  const [offset, setOffset] = useState(0);
  const [selected, select] = useState<string | undefined>(undefined);
  // Sorting 2,000 contacts is kept to roster changes: unread counts (which change with every
  // message of a flood) are looked up by the pane for the rows it shows.
  const rows = useMemo(
    () => (room ? occupantRows(room, filter) : rosterRows(roster, { filter, collapsed: new Set(collapsed) })),
    [room, roster, filter, collapsed],
  );
  const unreadByJid = useMemo(
    () => new Map(tabs.filter((t) => t.kind === 'chat' && t.unread > 0).map((t) => [parseTabId(t.id, 'chat')?.peer ?? t.id, t.unread])),
    [tabs],
  );
  return { room, rows, unread: room ? undefined : unreadByJid, filter, showStatus, offset, setOffset, selected, select };
}
