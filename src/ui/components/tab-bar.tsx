import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Tab } from '../../domain/tab.js';
import { hiddenMarker, tabStrip, type HiddenTabs } from '../text/tab-strip.js';
import { useTheme } from '../theme/theme-context.js';

interface Props {
  tabs: readonly Tab[];
  activeTabId: string;
  width: number;
}

/**
 * The tabs that fit (tab-strip.ts), always the active one, and how many are left out at each
 * end, in the unread colour when one of those has news. Each tab is a text of its own, so a
 * new unread count lays out that tab's label only.
 */
export const TabBar = memo(function TabBar({ tabs, activeTabId, width }: Props) {
  const theme = useTheme();
  const strip = tabStrip(tabs, activeTabId, width);
  const marker = (side: 'before' | 'after', hidden: HiddenTabs | undefined) =>
    hidden && (
      <Text key={side} color={hidden.unread || hidden.highlight ? theme.unread : undefined}>
        {hiddenMarker(side, hidden.count)}
      </Text>
    );
  return (
    <Box width={width} height={1} overflow="hidden">
      {marker('before', strip.before)}
      {strip.shown.map(({ tab, label }) =>
        tab.id === activeTabId ? (
          <Text key={tab.id} wrap="truncate">
            <Text color={theme.activeTab} backgroundColor={theme.activeTabBg} inverse={theme.activeTabBg === undefined}>
              {label}
            </Text>{' '}
          </Text>
        ) : (
          <Text key={tab.id} wrap="truncate" color={tab.unread > 0 ? theme.unread : undefined}>
            {label}{' '}
          </Text>
        ),
      )}
      {marker('after', strip.after)}
    </Box>
  );
});
