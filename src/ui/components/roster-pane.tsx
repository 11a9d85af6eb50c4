import { Box, Text } from 'ink';
import type { Contact } from '../../store/state.js';
import { theme } from '../theme/theme.js';

const GLYPH: Record<Contact['presence'], string> = {
  chat: '+',
  online: '+',
  away: '-',
  xa: '-',
  dnd: '!',
  offline: ' ',
};

interface Props {
  contacts: readonly Contact[];
  width: number;
  height: number;
}

/** The contact list on the left. Renders only the rows that fit (2,000 contacts stay cheap). */
export function RosterPane({ contacts, width, height }: Props) {
  const inner = Math.max(0, height - 3);
  const visible = contacts.slice(0, inner);
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="single" borderColor={theme.border}>
      <Text color={theme.title} bold wrap="truncate">
        Roster
      </Text>
      {contacts.length === 0 ? (
        <Text color={theme.info} wrap="truncate">
          (no contacts)
        </Text>
      ) : (
        visible.map((c) => (
          <Text key={c.jid} wrap="truncate">
            {GLYPH[c.presence]} {c.name}
          </Text>
        ))
      )}
    </Box>
  );
}
