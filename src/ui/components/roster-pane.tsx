import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Contact } from '../../store/state.js';
import type { RosterRow } from '../roster/roster-rows.js';
import { useNickColour, useTheme } from '../theme/theme-context.js';

const GLYPH: Record<Contact['presence'], string> = {
  chat: '+',
  online: '+',
  away: '-',
  xa: '-',
  dnd: '!',
  offline: ' ',
};

interface Props {
  rows: readonly RosterRow[];
  width: number;
  height: number;
  /** First row shown (scrolled by Alt-PageUp/PageDown). */
  offset: number;
  filter: string;
  /** Status texts beside the names. */
  showStatus?: boolean;
  /** The pane's heading; "Roster" unless it lists a room's occupants. */
  title?: string;
  /** Shown when there are no rows and no filter. */
  empty?: string;
  /** Key of the selected row (Alt-Up/Down), drawn inverted. */
  selected?: string | undefined;
  /** Unread messages by contact JID, shown beside the names (over the rows' own counts). */
  unread?: ReadonlyMap<string, number> | undefined;
}

const Row = memo(function Row({ row, showStatus, selected, unreadCount }: { row: RosterRow; showStatus: boolean; selected: boolean; unreadCount: number }) {
  const theme = useTheme();
  const nickColour = useNickColour();
  if (row.kind === 'account') {
    return (
      <Text color={theme.title} bold wrap="truncate">
        {row.text}
      </Text>
    );
  }
  if (row.kind === 'group') {
    return (
      <Text color={theme.info} wrap="truncate">
        {row.collapsed ? '▸' : '▾'} {row.name} ({row.online}/{row.total})
      </Text>
    );
  }
  const { contact } = row;
  const unread = Math.max(unreadCount, row.unread);
  // Unread and offline say more than who it is: those keep their theme colours. The name is
  // coloured by the contact's bare JID (an occupant's: its nick), as its chat lines are.
  const plain = unread > 0 ? theme.unread : contact.presence === 'offline' ? theme.info : undefined;
  const name = unread > 0 || contact.presence === 'offline' ? undefined : nickColour(contact.jid);
  return (
    <Text wrap="truncate" inverse={selected} color={plain}>
      {GLYPH[contact.presence]} {name ? <Text color={name}>{contact.name}</Text> : contact.name}
      {unread > 0 ? ` (${unread})` : ''}
      {showStatus && contact.status ? <Text color={theme.info}> {contact.status}</Text> : null}
    </Text>
  );
});

/** The contact list on the left. Renders only the rows that fit (2,000 contacts stay cheap). */
export const RosterPane = memo(function RosterPane({ rows, width, height, offset, filter, showStatus = false, title: heading = 'Roster', empty = '(no contacts)', selected, unread }: Props) {
  const theme = useTheme();
  const inner = Math.max(0, height - 3);
  const start = Math.max(0, Math.min(offset, rows.length - inner));
  const visible = rows.slice(start, start + inner);
  const title = filter ? `${heading} /${filter}` : heading;
  const more = rows.length > start + inner ? ` ${start + inner}/${rows.length}` : '';
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="single" borderColor={theme.border}>
      <Text color={theme.title} bold wrap="truncate">
        {title}
        {more}
      </Text>
      {rows.length === 0 ? (
        <Text color={theme.info} wrap="truncate">
          {filter ? '(no match)' : empty}
        </Text>
      ) : (
        visible.map((row) => (
          <Row key={row.key} row={row} showStatus={showStatus} selected={row.key === selected} unreadCount={row.kind === 'contact' ? (unread?.get(row.contact.jid) ?? 0) : 0} />
        ))
      )}
    </Box>
  );
});
