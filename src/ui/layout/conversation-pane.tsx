import { Box } from 'ink';
import { useMemo } from 'react';
import type { Line } from '../../domain/line.js';
import type { Tab } from '../../domain/tab.js';
import { HelpOverlay } from '../components/help-overlay.js';
import { MessageView } from '../components/message-view.js';
import { TabBar } from '../components/tab-bar.js';
import { useAppState } from '../hooks/use-app-state.js';
import { bindingsWith, type KeyOverrides } from '../input/keybindings.js';

const NO_LINES: readonly Line[] = [];

interface Props {
  tabs: readonly Tab[];
  activeTabId: string;
  width: number;
  /** Rows of the conversation, under the tab bar. */
  height: number;
  /** Rows scrolled back, and the line they count from (see visibleRows). */
  offset: number;
  anchor: number | undefined;
  /** The help overlay (Alt-H) in place of the conversation. */
  helpOpen: boolean;
  keys: KeyOverrides | undefined;
}

/**
 * Right of the side pane: the tab bar, and the conversation of the tab in front (or the list
 * of keys). It alone follows the tab's lines, so a message redraws this pane, not the screen.
 */
export function ConversationPane({ tabs, activeTabId, width, height, offset, anchor, helpOpen, keys }: Props) {
  const lines = useAppState((s) => s.lines[s.activeTabId]);
  const bindings = useMemo(() => (helpOpen ? bindingsWith(keys) : []), [helpOpen, keys]);
  const activeTab = tabs.find((t) => t.id === activeTabId);
  return (
    <Box flexDirection="column" width={width} paddingLeft={1}>
      <TabBar tabs={tabs} activeTabId={activeTabId} width={width - 1} />
      {helpOpen ? (
        <HelpOverlay bindings={bindings} width={width - 1} height={height} />
      ) : (
        <MessageView lines={lines ?? NO_LINES} width={width - 1} height={height} offset={offset} unreadFrom={activeTab?.unreadFrom} expanded={activeTab?.expanded} anchor={anchor} />
      )}
    </Box>
  );
}
