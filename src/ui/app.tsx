import { Box, Text, useWindowSize } from 'ink';
import { useMemo, useReducer, useRef, useState } from 'react';
import { describeChatState } from '../domain/chat-state.js';
import { chatPeer, tabRoom } from '../domain/jid.js';
import type { Store } from '../store/create-store.js';
import { MAX_ROSTER_WIDTH, MIN_ROSTER_WIDTH } from '../store/state.js';
import { CommandLine } from './components/command-line.js';
import { HelpOverlay } from './components/help-overlay.js';
import { MessageView } from './components/message-view.js';
import { bindingsWith } from './input/keybindings.js';
import { RosterPane } from './components/roster-pane.js';
import { StatusLine } from './components/status-line.js';
import { TabBar } from './components/tab-bar.js';
import type { UiController } from './controller.js';
import { StoreContext, useAppState, useStore } from './hooks/use-app-state.js';
import { useCommandLine } from './hooks/use-command-line.js';
import { useKeyRouter } from './hooks/use-key-router.js';
import { rosterRows } from './roster/roster-rows.js';
import { occupantRows } from './roster/occupant-rows.js';
import { visibleRows } from './text/visible-rows.js';
import { lineText } from './input/line-editor.js';
import type { CommandLineAction } from './hooks/use-command-line.js';
import { quoteToken } from '../commands/tokenize.js';
import { ThemeProvider } from './theme/theme-context.js';
import type { ThemeOverrides } from './theme/theme.js';

export const MIN_COLUMNS = 40;
export const MIN_ROWS = 12;

interface Props {
  store: Store;
  controller: UiController;
  /** Fixed size for tests; otherwise the terminal's, updated on resize. */
  size?: { columns: number; rows: number };
  /** The user's keys from the config: action → keys, replacing the defaults of that action. */
  keys?: Readonly<Record<string, string[]>>;
  /** The user's colours from the config (`ui.theme`): token → colour, over the defaults. */
  theme?: ThemeOverrides;
  /** Where NO_COLOR is read: the process's environment unless a test gives one. */
  env?: Readonly<Record<string, string | undefined>>;
}

export function App({ store, controller, size, keys, theme, env }: Props) {
  return (
    <StoreContext.Provider value={store}>
      <ThemeProvider overrides={theme} env={env}>
        <Screen controller={controller} size={size} keys={keys} />
      </ThemeProvider>
    </StoreContext.Provider>
  );
}

const LINE_ACTIONS: Record<string, CommandLineAction> = {
  'line.left': { type: 'left' },
  'line.right': { type: 'right' },
  'line.home': { type: 'home' },
  'line.end': { type: 'end' },
  'line.word-left': { type: 'word-left' },
  'line.word-right': { type: 'word-right' },
  'line.backspace': { type: 'backspace' },
  'line.delete': { type: 'delete' },
  'line.kill-to-start': { type: 'kill-to-start' },
  'line.kill-to-end': { type: 'kill-to-end' },
  'line.kill-word-back': { type: 'kill-word-back' },
  'line.yank': { type: 'yank' },
  'line.history-previous': { type: 'history-previous' },
  'line.history-next': { type: 'history-next' },
  'line.search-history': { type: 'search' },
};

function Screen({ controller, size, keys }: { controller: UiController; size: Props['size']; keys: Props['keys'] }) {
  const terminal = useWindowSize();
  const { columns, rows } = size ?? terminal;
  const tabs = useAppState((s) => s.tabs);
  const activeTabId = useAppState((s) => s.activeTabId);
  const lines = useAppState((s) => s.lines[s.activeTabId]);
  const roster = useAppState((s) => s.roster);
  const rosterFilter = useAppState((s) => s.rosterFilter);
  const rosterShowStatus = useAppState((s) => s.rosterShowStatus);
  const rosterCollapsed = useAppState((s) => s.rosterCollapsed);
  const [rosterOffset, setRosterOffset] = useState(0);
  /** The selected roster row (by key, so it stays put as presences reorder the list). */
  const [rosterSelected, setRosterSelected] = useState<string | undefined>(undefined);
  // A room tab shows the room's occupants in the side pane instead of the roster.
  const room = useAppState((s) => s.rooms[tabRoom(s.activeTabId) ?? '']);
  // Sorting 2,000 contacts is kept to roster changes: unread counts (which change with every
  // message of a flood) are looked up by the pane for the rows it shows.
  const rowsOfRoster = useMemo(
    () => (room ? occupantRows(room, rosterFilter) : rosterRows(roster, { filter: rosterFilter, collapsed: new Set(rosterCollapsed) })),
    [room, roster, rosterFilter, rosterCollapsed],
  );
  const unreadByJid = useMemo(
    () => new Map(tabs.filter((t) => t.kind === 'chat' && t.unread > 0).map((t) => [chatPeer(t.id) ?? t.id, t.unread])),
    [tabs],
  );
  const connections = useAppState((s) => s.connections);
  const rosterVisible = useAppState((s) => s.rosterVisible);
  const rosterWidth = useAppState((s) => s.rosterWidth);
  const prompt = useAppState((s) => s.prompt);
  const store = useStore();
  const commandLine = useCommandLine(() => store.getState().activeTabId);
  // Scroll offsets per tab live in a ref, like the command line: keys that arrive faster than
  // renders (held PageUp, a burst from a slow link) must each count from the previous one.
  const scroll = useRef<Record<string, number>>({});
  const [, rerenderScroll] = useReducer((n: number) => n + 1, 0);
  const [, redraw] = useState(0);
  const [helpOpen, setHelpOpen] = useState(false);

  const bodyHeight = Math.max(1, rows - 3);
  const paneWidth = rosterVisible ? Math.min(rosterWidth, Math.floor(columns / 2)) : 0;
  const mainWidth = columns - paneWidth;
  const offset = scroll.current[activeTabId] ?? 0;
  // While scrolled back the view holds still: it is measured from the line that was newest
  // when scrolling began, and what arrives after it is counted below.
  const anchors = useRef<Record<string, number | undefined>>({});
  const anchor = offset > 0 ? anchors.current[activeTabId] : undefined;
  const currentOffset = (): number => scroll.current[store.getFrameState().activeTabId] ?? 0;
  const setOffset = (value: number): void => {
    const tabId = store.getFrameState().activeTabId;
    const next = Math.max(0, value);
    if (next === 0) anchors.current[tabId] = undefined;
    else anchors.current[tabId] ??= store.getFrameState().lines[tabId]?.at(-1)?.id;
    scroll.current = { ...scroll.current, [tabId]: next };
    rerenderScroll();
  };
  const focusIndex = (index: number): void => {
    const tab = tabs[(index + tabs.length) % tabs.length];
    if (tab) store.dispatch({ type: 'tab/focus', id: tab.id });
  };
  const activeIndex = tabs.findIndex((t) => t.id === activeTabId);

  useKeyRouter({
    action(name) {
      // The overlay first: while it is open, Escape closes it and the view keys do nothing.
      if (name === 'app.help' || (helpOpen && name === 'prompt.cancel')) {
        setHelpOpen((open) => name === 'app.help' && !open);
        return true;
      }
      const lineAction = LINE_ACTIONS[name];
      const asking = store.getState().prompt !== undefined;
      // While a question is asked, the line history and completion stay out of it.
      if (asking && (name.startsWith('line.history-') || name === 'line.complete')) return true;
      if (name === 'line.history-previous' && commandLine.current().graphemes.length === 0) {
        // Up on an empty line in a chat: correct the last message (Profanity, Conversations).
        const last = store.getState().tabs.find((t) => t.id === activeTabId)?.kind === 'chat'
          ? store.getState().lines[activeTabId]?.findLast((l) => l.kind === 'outgoing')
          : undefined;
        if (last) {
          const text = `/correct ${last.text}`;
          commandLine.setText(text, text.length);
          return true;
        }
      }
      if (lineAction) {
        commandLine.dispatch(lineAction);
        if (!asking) controller.typing?.(lineText(commandLine.current()));
      }
      else if (name === 'line.submit' && commandLine.searching() !== undefined) commandLine.dispatch({ type: 'search-accept' });
      else if (name === 'prompt.cancel' && commandLine.searching() !== undefined) commandLine.dispatch({ type: 'search-cancel' });
      else if (name === 'line.submit') {
        if (store.getState().prompt) {
          controller.answer(commandLine.take(false));
          return true;
        }
        const text = commandLine.take((typed) => controller.withoutSecrets?.(typed).kept ?? typed);
        if (text.trim() !== '') controller.submit(text);
        setOffset(0);
      } else if (name === 'prompt.cancel') {
        if (!store.getState().prompt) return false;
        commandLine.take(false);
        controller.answer(undefined);
      } else if (name === 'line.complete') {
        const { graphemes, cursor } = commandLine.current();
        const before = graphemes.slice(0, cursor).join('');
        const completed = controller.complete(graphemes.join(''), before.length);
        if (completed) commandLine.setText(completed.text, completed.cursor);
      } else if (name === 'app.quit') controller.quit();
      else if (name === 'app.redraw') redraw((n) => n + 1);
      else if (name === 'line.edit-in-editor') {
        const edited = controller.editExternally?.(commandLine.current().graphemes.join(''));
        if (edited !== undefined) commandLine.setText(edited, edited.length);
        redraw((n) => n + 1);
      }
      else if (name === 'tab.next') focusIndex(activeIndex + 1);
      else if (name === 'tab.previous') focusIndex(activeIndex - 1);
      else if (name === 'tab.next-unread') {
        // The first tab after this one (wrapping round) with unread lines; nothing if none.
        const order = [...tabs.slice(activeIndex + 1), ...tabs.slice(0, activeIndex)];
        const next = order.find((t) => t.unread > 0);
        if (next) store.dispatch({ type: 'tab/focus', id: next.id });
      } else if (name.startsWith('tab.goto.')) {
        const index = Number(name.slice('tab.goto.'.length)) - 1;
        if (index < tabs.length) focusIndex(index);
      } else if (name === 'view.page-up') {
        const tabId = store.getFrameState().activeTabId;
        let next = currentOffset() + bodyHeight - 1;
        const state = store.getFrameState();
        const buffer = state.lines[tabId] ?? [];
        // The same rows the view draws, the "new messages" rule included.
        const tab = state.tabs.find((t) => t.id === tabId);
        const shown = visibleRows(buffer, mainWidth - 1, bodyHeight, next, {
          unreadFrom: tab?.unreadFrom, expanded: tab?.expanded, anchor: anchors.current[tabId] ?? buffer.at(-1)?.id,
        });
        // Never past the first row: the top of the buffer stays on the first row of the view.
        if (shown.length < bodyHeight) next = Math.max(0, next + shown.length - bodyHeight);
        // At the top of what is in memory: read the page before it from the history.
        if (shown.length < bodyHeight || shown[0]?.line.id === buffer[0]?.id) controller.loadOlder?.(tabId);
        setOffset(next);
      } else if (name === 'view.page-down') setOffset(currentOffset() - (bodyHeight - 1));
      else if (name === 'view.bottom') setOffset(0);
      else if (name === 'roster.page-up') setRosterOffset((o) => Math.max(0, o - (rows - 5)));
      else if (name === 'roster.page-down') setRosterOffset((o) => Math.max(0, Math.min(o + (rows - 5), rowsOfRoster.length - (rows - 5))));
      else if (name === 'roster.next' || name === 'roster.previous') {
        const contacts = rowsOfRoster.map((row, index) => ({ row, index })).filter(({ row }) => row.kind === 'contact');
        const at = contacts.findIndex(({ row }) => row.key === rosterSelected);
        const step = name === 'roster.next' ? 1 : -1;
        const next = contacts[at < 0 ? (step > 0 ? 0 : contacts.length - 1) : Math.max(0, Math.min(contacts.length - 1, at + step))];
        if (next) {
          setRosterSelected(next.row.key);
          // Keep the selection on screen: the pane shows rows - 5 rows below its heading.
          const inner = rows - 5;
          setRosterOffset((o) => (next.index < o ? next.index : next.index >= o + inner ? next.index - inner + 1 : o));
        }
      } else if (name === 'roster.open') {
        const contacts = rowsOfRoster.filter((row) => row.kind === 'contact');
        // Nothing selected, but a filter left one contact: that one.
        const row = contacts.find((r) => r.key === rosterSelected) ?? (contacts.length === 1 ? contacts[0] : undefined);
        if (row?.kind === 'contact') controller.submit(`/msg ${quoteToken(row.contact.jid)}`);
      } else if (name === 'roster.toggle') store.dispatch({ type: 'roster/visible', visible: !store.getState().rosterVisible });
      else if (name === 'roster.narrower' || name === 'roster.wider') {
        const width = store.getState().rosterWidth + (name === 'roster.wider' ? 2 : -2);
        store.dispatch({ type: 'roster/width', width: Math.max(MIN_ROSTER_WIDTH, Math.min(MAX_ROSTER_WIDTH, width)) });
      } else if (name === 'roster.filter') commandLine.setText('/roster filter ', '/roster filter '.length);
      else if (name === 'roster.status') store.dispatch({ type: 'roster/show-status', show: !store.getState().rosterShowStatus });
      else return false;
      return true;
    },
    text(text) {
      commandLine.dispatch({ type: 'insert', text });
      if (!store.getState().prompt) controller.typing?.(lineText(commandLine.current()));
    },
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

  const activeTab = tabs.find((t) => t.id === activeTabId);
  const activeTitle = activeTab?.title ?? '';
  const peerActivity = activeTab?.peerState ? describeChatState(activeTab.title, activeTab.peerState) : room?.subject ?? '';
  const paneTitle = room ? (room.joined ? `${room.occupants.length} in the room` : 'Not joined') : 'Roster';
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Box height={rows - 2}>
        {paneWidth > 0 && <RosterPane rows={rowsOfRoster} width={paneWidth} height={rows - 2} offset={rosterOffset} filter={rosterFilter} showStatus={rosterShowStatus} title={paneTitle} selected={rosterSelected} unread={room ? undefined : unreadByJid} empty={room ? '(nobody)' : '(no contacts)'} />}
        <Box flexDirection="column" width={mainWidth} paddingLeft={1}>
          <TabBar tabs={tabs} activeTabId={activeTabId} width={mainWidth - 1} />
          {helpOpen ? (
            <HelpOverlay bindings={bindingsWith(keys)} width={mainWidth - 1} height={bodyHeight} />
          ) : (
            <MessageView lines={lines ?? []} width={mainWidth - 1} height={bodyHeight} offset={offset} unreadFrom={activeTab?.unreadFrom} expanded={activeTab?.expanded} anchor={anchor} />
          )}
        </Box>
      </Box>
      <StatusLine width={columns} connections={connections} tabTitle={activeTitle} peerActivity={peerActivity} />
      <CommandLine
        line={commandLine.line}
        width={columns}
        prompt={prompt ?? (commandLine.searching() === undefined ? undefined : { label: `(history search: ${commandLine.searching()})`, masked: false })}
      />
    </Box>
  );
}
