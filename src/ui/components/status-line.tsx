import { Box, Text } from 'ink';
import { memo } from 'react';
import { describeConnectionState, type ConnectionState } from '../../domain/connection-state.js';
import { describeOwnPresence, type OwnPresenceView } from '../../domain/own-presence.js';
import { useTheme } from '../theme/theme-context.js';

interface Props {
  width: number;
  connections: Readonly<Record<string, ConnectionState>>;
  /** The presence each account's user chose (/status, /invisible), shown beside its state. */
  ownPresence?: Readonly<Record<string, OwnPresenceView>>;
  /** Accounts whose server was told natter is inactive (XEP-0352): " · inactive" beside them. */
  clientInactive?: Readonly<Record<string, boolean>>;
  tabTitle: string;
  /** What the peer of the current chat is doing ("bob is typing…"), if anything. */
  peerActivity?: string;
}

export const StatusLine = memo(function StatusLine({ width, connections, ownPresence = {}, clientInactive = {}, tabTitle, peerActivity }: Props) {
  const theme = useTheme();
  // By JID, not by which account reported first: the order stays put from run to run.
  const accounts = Object.entries(connections).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const state =
    accounts.length === 0
      ? 'no account'
      : accounts.map(([jid, s]) => `${jid}: ${describeConnectionState(s)}${chosen(ownPresence[jid])}${clientInactive[jid] ? ' · inactive' : ''}`).join(' | ');
  const text = ` natter | ${state} | ${tabTitle}${peerActivity ? ` | ${peerActivity}` : ''}`;
  return (
    <Box width={width} height={1}>
      <Text color={theme.statusFg} backgroundColor={theme.statusBg} wrap="truncate">
        {text.padEnd(width)}
      </Text>
    </Box>
  );
});

/** " · away: lunch" after the connection state, or nothing for plain online. */
function chosen(view: OwnPresenceView | undefined): string {
  const text = view ? describeOwnPresence(view) : '';
  return text ? ` · ${text}` : '';
}
