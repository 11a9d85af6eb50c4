import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Tab } from '../../domain/tab.js';
import { useTheme } from '../theme/theme-context.js';

interface Props {
  tabs: readonly Tab[];
  activeTabId: string;
  width: number;
}

export const TabBar = memo(function TabBar({ tabs, activeTabId, width }: Props) {
  const theme = useTheme();
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate">
        {tabs.map((tab, index) => {
          const active = tab.id === activeTabId;
          const unread = tab.unread > 0 ? ` (${tab.unread})` : '';
          const typing = tab.peerState === 'composing' ? '…' : '';
          const label = `${index + 1}:${tab.title}${typing}${unread}${tab.highlight ? '!' : ''}`;
          return (
            <Text key={tab.id}>
              {active ? (
                <Text color={theme.activeTab} backgroundColor={theme.activeTabBg} inverse={theme.activeTabBg === undefined}>
                  [{label}]
                </Text>
              ) : (
                <Text color={tab.unread > 0 ? theme.unread : undefined}>[{label}]</Text>
              )}{' '}
            </Text>
          );
        })}
      </Text>
    </Box>
  );
});
