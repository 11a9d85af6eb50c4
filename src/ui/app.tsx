import { Box, Text, useWindowSize } from 'ink';
import { useReducer, useState } from 'react';
import { describeChatState } from '../domain/chat-state.js';
import type { Store } from '../store/create-store.js';
import { CommandLine } from './components/command-line.js';
import { RosterPane } from './components/roster-pane.js';
import { StatusLine } from './components/status-line.js';
import type { UiController } from './controller.js';
import { StoreContext, useAppState, useStore } from './hooks/use-app-state.js';
import { useCommandLine } from './hooks/use-command-line.js';
import { useKeyRouter } from './hooks/use-key-router.js';
import { useResultsFromTop } from './hooks/use-results-from-top.js';
import { useScrollBack } from './hooks/use-scroll-back.js';
import { useSidePane } from './hooks/use-side-pane.js';
import type { KeyOverrides } from './input/keybindings.js';
import type { KeyContext } from './key-actions/key-context.js';
import { typeText } from './key-actions/line-keys.js';
import { runKeyAction } from './key-actions/key-table.js';
import { ConversationPane } from './layout/conversation-pane.js';
import { screenLayout } from './layout/screen-layout.js';
import type { ColourDepth } from './theme/consistent-colour.js';
import { ThemeProvider, type NickColours } from './theme/theme-context.js';
import type { ThemeOverrides } from './theme/theme.js';

export const MIN_COLUMNS = 40;
export const MIN_ROWS = 12;

interface Props {
  store: Store;
  controller: UiController;
  /** Fixed size for tests; otherwise the terminal's, updated on resize. */
  size?: { columns: number; rows: number };
  /** The user's keys from the config: action → keys, replacing the defaults of that action. */
  keys?: KeyOverrides;
  /** The user's colours from the config (`ui.theme`): token → colour, over the defaults. */
  theme?: ThemeOverrides;
  /** Where NO_COLOR is read: the process's environment unless a test gives one. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The config's `ui.nickColours`: XEP-0392 colours for nicks and contacts (on by default). */
  nickColours?: NickColours;
  /** How many colours the terminal shows (the host asks the terminal). */
  colourDepth?: ColourDepth;
}

export function App({ store, controller, size, keys, theme, env, nickColours, colourDepth }: Props) {
  return (
    <StoreContext.Provider value={store}>
      <ThemeProvider overrides={theme} env={env} nickColours={nickColours} colourDepth={colourDepth}>
        <Screen controller={controller} size={size} keys={keys} />
      </ThemeProvider>
    </StoreContext.Provider>
  );
}

function Screen({ controller, size, keys }: Pick<Props, 'controller' | 'size' | 'keys'>) {
  const terminal = useWindowSize();
  const { columns, rows } = size ?? terminal;
  const store = useStore();
  const tabs = useAppState((s) => s.tabs);
  const activeTabId = useAppState((s) => s.activeTabId);
  const connections = useAppState((s) => s.connections);
  const ownPresence = useAppState((s) => s.ownPresence);
  const clientInactive = useAppState((s) => s.clientInactive);
  const rosterVisible = useAppState((s) => s.rosterVisible);
  const rosterWidth = useAppState((s) => s.rosterWidth);
  const prompt = useAppState((s) => s.prompt);
  const pane = useSidePane(tabs);
  const commandLine = useCommandLine(() => store.getState().activeTabId);
  const scroll = useScrollBack(store, activeTabId);
  const [helpOpen, setHelpOpen] = useState(false);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const layout = screenLayout(columns, rows, { visible: rosterVisible, width: rosterWidth });
  const activeTab = tabs.find((t) => t.id === activeTabId);
  useResultsFromTop(store, activeTab, layout, scroll);

  // What the keys act on: built per render (as the closures it replaces were), read per key.
  const context: KeyContext = { store, controller, commandLine, tabs, activeTabId, layout, scroll, pane, helpOpen, setHelpOpen, redraw };
  useKeyRouter({
    action: (name) => runKeyAction(name, context),
    text: (text) => typeText(context, text),
    before: () => controller.keyStarted?.(),
    after: () => controller.keyHandled?.(),
  }, keys);

  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    return (
      <Text wrap="truncate">
        Terminal too small ({columns}x{rows}); natter needs at least {MIN_COLUMNS}x{MIN_ROWS}.
      </Text>
    );
  }

  const { room } = pane;
  const peerActivity = activeTab?.peerState ? describeChatState(activeTab.title, activeTab.peerState) : room?.subject ?? '';
  const paneTitle = room ? (room.joined ? `${room.occupants.length} in the room` : 'Not joined') : 'Roster';
  const searching = commandLine.searching();
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Box height={layout.bodyRows}>
        {layout.paneWidth > 0 && <RosterPane rows={pane.rows} width={layout.paneWidth} height={layout.bodyRows} offset={pane.offset} filter={pane.filter} showStatus={pane.showStatus} title={paneTitle} selected={pane.selected} unread={pane.unread} empty={room ? '(nobody)' : '(no contacts)'} />}
        <ConversationPane tabs={tabs} activeTabId={activeTabId} width={layout.mainWidth} height={layout.bodyHeight} offset={scroll.offset} anchor={scroll.anchor} helpOpen={helpOpen} keys={keys} />
      </Box>
      <StatusLine width={columns} connections={connections} ownPresence={ownPresence} clientInactive={clientInactive} tabTitle={activeTab?.title ?? ''} peerActivity={peerActivity} />
      <CommandLine
        line={commandLine.line}
        width={columns}
        prompt={prompt ?? (searching === undefined ? undefined : { label: `(history search: ${searching})`, masked: false })}
      />
    </Box>
  );
}
