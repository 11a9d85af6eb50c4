import { Box, Text } from 'ink';
import { describeConnectionState, type ConnectionState } from '../../domain/connection-state.js';
import { theme } from '../theme/theme.js';

interface Props {
  width: number;
  connections: Readonly<Record<string, ConnectionState>>;
  tabTitle: string;
}

export function StatusLine({ width, connections, tabTitle }: Props) {
  const accounts = Object.entries(connections);
  const state =
    accounts.length === 0
      ? 'no account'
      : accounts.map(([jid, s]) => `${jid}: ${describeConnectionState(s)}`).join(' | ');
  const text = ` natter | ${state} | ${tabTitle}`;
  return (
    <Box width={width} height={1}>
      <Text color={theme.statusFg} backgroundColor={theme.statusBg} wrap="truncate">
        {text.padEnd(width)}
      </Text>
    </Box>
  );
}
