import type { Room } from '../domain/room.js';
import { displayLine } from '../domain/sanitize.js';
import { CONSOLE_TAB_ID, type Tab } from '../domain/tab.js';
import type { Action, Line } from './actions.js';
import { appendLine } from './append-line.js';
import { redateLine } from './redate-line.js';
import { BACKGROUND_LINES, type AppState, type Contact } from './state.js';
import { lineCapOf, linesToDrop, reloadsFromHistory } from './trim-lines.js';
import { firstOfLastIncoming, unreadStart } from './unread.js';

/**
 * The state after `action`. Without `writable` the state given is left as it was; with it (the
 * store's: line arrays no one else holds yet), a new line is appended to such an array in place.
 */
export function reduce(state: AppState, action: Action, writable?: WeakSet<Line[]>): AppState {
  switch (action.type) {
    case 'line/append':
      return appendLine(state, action, writable);
    case 'line/delivery':
      return updateLine(state, action.tabId, action.rowId, (line) => ({
        ...line,
        delivery: action.delivery,
        // One line whatever the reason says: a refusal's text comes from the network.
        ...(action.reason ? { text: `${line.text} [${displayLine(action.reason)}]` } : {}),
      }));
    case 'lines/prepend':
      return prependLines(state, action);
    case 'lines/clear':
      return state.lines[action.tabId] ? { ...state, lines: { ...state.lines, [action.tabId]: [] } } : state;
    case 'lines/rekey':
      return rekeyLines(state, new Map(action.rekeyed.map(({ from, to }) => [from, to])));
    case 'line/redate':
      return redateLine(state, action);
    case 'line/replace':
      return updateLine(state, action.tabId, action.rowId, (line) => ({ ...line, text: action.text, edited: true }));
    case 'tab/open': {
      const exists = state.tabs.some((t) => t.id === action.id);
      const tabs = exists
        ? state.tabs
        : [...state.tabs, { id: action.id, kind: action.kind, title: action.title, unread: 0, highlight: false }];
      const lines = state.lines[action.id] ? state.lines : { ...state.lines, [action.id]: [] };
      const opened = { ...state, tabs, lines };
      return action.focus ? reduce(opened, { type: 'tab/focus', id: action.id }) : opened;
    }
    case 'tab/focus':
      return focusTab(state, action.id);
    case 'tab/close': {
      if (action.id === CONSOLE_TAB_ID) return state;
      const index = state.tabs.findIndex((t) => t.id === action.id);
      if (index < 0) return state;
      const tabs = state.tabs.filter((t) => t.id !== action.id);
      const activeTabId =
        state.activeTabId === action.id ? (tabs[Math.max(0, index - 1)]?.id ?? CONSOLE_TAB_ID) : state.activeTabId;
      // The conversation stays in the history database; reopening the tab loads it from there.
      const { [action.id]: _closed, ...lines } = state.lines;
      return { ...state, tabs, activeTabId, lines };
    }
    case 'connection/state':
      return { ...state, connections: { ...state.connections, [action.account]: action.state } };
    case 'connection/forget': {
      const { [action.account]: _removed, ...connections } = state.connections;
      return { ...state, connections };
    }
    case 'presence/own':
      return { ...state, ownPresence: { ...state.ownPresence, [action.account]: action.presence } };
    case 'presence/client-state':
      return { ...state, clientInactive: { ...state.clientInactive, [action.account]: action.inactive } };
    case 'roster/set':
      return { ...state, roster: [...state.roster.filter((c) => c.account !== action.account), ...action.contacts] };
    case 'roster/upsert': {
      // Every presence of a contact comes here: 2,000 contacts coming online at login were
      // 2,000 filtered copies of the roster (~80 ms); now a copy with one slot replaced, and
      // none when nothing shown changed (a second resource, a repeated presence).
      const index = state.roster.findIndex((c) => c.account === action.account && c.jid === action.contact.jid);
      const known = state.roster[index];
      if (known && sameContact(known, action.contact)) return state;
      const roster = state.roster.slice();
      if (index < 0) roster.push(action.contact);
      else roster[index] = action.contact;
      return { ...state, roster };
    }
    case 'roster/remove':
      return { ...state, roster: state.roster.filter((c) => !(c.account === action.account && c.jid === action.jid)) };
    case 'roster/visible':
      return { ...state, rosterVisible: action.visible };
    case 'roster/width':
      return { ...state, rosterWidth: action.width };
    case 'roster/show-status':
      return { ...state, rosterShowStatus: action.show };
    case 'roster/filter':
      return { ...state, rosterFilter: action.filter };
    case 'roster/toggle-group': {
      const collapsed = state.rosterCollapsed.includes(action.group)
        ? state.rosterCollapsed.filter((g) => g !== action.group)
        : [...state.rosterCollapsed, action.group];
      return { ...state, rosterCollapsed: collapsed };
    }
    case 'tab/unread':
      return { ...state, tabs: state.tabs.map((t) => (t.id === action.id && action.id !== state.activeTabId ? withUnread(t, action.unread, state.lines[t.id] ?? []) : t)) };
    case 'tab/expand':
      return { ...state, tabs: state.tabs.map((t) => (t.id === action.id ? { ...t, expanded: action.expanded } : t)) };
    case 'tab/peer-state':
      if (!state.tabs.some((t) => t.id === action.id && t.peerState !== action.state)) return state;
      return { ...state, tabs: state.tabs.map((t) => (t.id === action.id ? { ...t, peerState: action.state } : t)) };
    case 'room/set':
      return { ...state, rooms: { ...state.rooms, [action.room.room]: action.room } };
    case 'room/update':
      return updateRoom(state, action.room, (r) => ({ ...r, ...action.patch }));
    case 'room/occupant':
      return updateRoom(state, action.room, (r) => ({ ...r, occupants: [...r.occupants.filter((o) => o.nick !== action.occupant.nick), action.occupant] }));
    case 'room/occupant-left':
      return updateRoom(state, action.room, (r) => ({ ...r, occupants: r.occupants.filter((o) => o.nick !== action.nick) }));
    case 'room/remove': {
      const { [action.room]: _left, ...rooms } = state.rooms;
      return { ...state, rooms };
    }
    case 'prompt/set': {
      if (action.prompt) return { ...state, prompt: action.prompt };
      const { prompt: _answered, ...rest } = state;
      return rest;
    }
  }
}

/** A count of unread messages set from outside (kept across a restart): they are the newest ones that came in. */
function withUnread(tab: Tab, unread: number, lines: readonly Line[]): Tab {
  const { firstUnread: _old, firstUnreadRow: _gone, ...rest } = tab;
  const first = firstOfLastIncoming(lines, unread);
  return { ...rest, unread, ...(first === undefined ? {} : { firstUnread: first }) };
}

/**
 * Older lines read back from the history, up to the tab's cap. When the first unread message
 * is among them (its line had left memory), the "new messages" rule goes above it.
 */
function prependLines(state: AppState, action: Extract<Action, { type: 'lines/prepend' }>): AppState {
  const previous = state.lines[action.tabId];
  if (!previous) return state;
  const room = Math.max(0, lineCapOf(state, action.tabId) - previous.length);
  const older = action.lines.slice(Math.max(0, action.lines.length - room)).map((l, i) => ({ ...l, id: state.nextLineId + i }));
  const tab = state.tabs.find((t) => t.id === action.tabId);
  const unread = tab?.firstUnreadRow === undefined ? undefined : older.find((l) => l.rowId === tab.firstUnreadRow);
  const placed = (t: Tab): Tab => {
    const { firstUnreadRow: _found, ...rest } = t;
    return t.unread > 0 ? { ...rest, firstUnread: unread!.id } : { ...rest, unreadFrom: unread!.id };
  };
  return {
    ...state,
    nextLineId: state.nextLineId + older.length,
    lines: { ...state.lines, [action.tabId]: [...older, ...previous] },
    tabs: unread ? state.tabs.map((t) => (t.id === action.tabId ? placed(t) : t)) : state.tabs,
  };
}

/**
 * Tab `id` to the front, its unread messages read: the "new messages" rule goes above the
 * first of them. The tab it replaces keeps only its newest lines (trim-lines.ts); the rest
 * reads back from the history when the person scrolls up there.
 */
function focusTab(state: AppState, id: string): AppState {
  if (!state.tabs.some((t) => t.id === id)) return state;
  const left = state.activeTabId;
  const leftKind = state.tabs.find((t) => t.id === left)?.kind;
  const leftLines = state.lines[left];
  const drop = left !== id && leftLines && leftKind && reloadsFromHistory(leftKind) ? linesToDrop(leftLines, BACKGROUND_LINES) : 0;
  return {
    ...state,
    activeTabId: id,
    lines: drop > 0 ? { ...state.lines, [left]: leftLines!.slice(drop) } : state.lines,
    tabs: state.tabs.map((t) => {
      if (t.id !== id) return t;
      const lines = state.lines[t.id] ?? [];
      const first = unreadStart(t, lines);
      const { unreadFrom: _old, firstUnread: _counted, firstUnreadRow: row, ...rest } = t;
      // The first unread line left memory: the rule goes above it once scrolling back brings it.
      const away = t.unread > 0 && row !== undefined && !lines.some((l) => l.id === t.firstUnread) ? { firstUnreadRow: row } : {};
      return { ...rest, unread: 0, highlight: false, ...(first === undefined ? {} : { unreadFrom: first }), ...away };
    }),
  };
}

function updateRoom(state: AppState, room: string, change: (room: Room) => Room): AppState {
  const current = state.rooms[room];
  return current ? { ...state, rooms: { ...state.rooms, [room]: change(current) } } : state;
}

/**
 * The line of a tab that shows history row `rowId`, changed by `change`; the state as it was if
 * none. Addressed by row, not by a stanza id: anyone can send a message under the id of ours.
 */
function updateLine(state: AppState, tabId: string, rowId: number, change: (line: Line) => Line): AppState {
  const previous = state.lines[tabId];
  const index = previous ? previous.findLastIndex((l) => l.rowId === rowId) : -1;
  const line = previous?.[index];
  if (!previous || !line) return state;
  const lines = previous.slice();
  lines[index] = change(line);
  return { ...state, lines: { ...state.lines, [tabId]: lines } };
}

/** Every line showing a row of `moved` shows it under its new id (`isUnsaved` reads that). */
function rekeyLines(state: AppState, moved: ReadonlyMap<number, number>): AppState {
  if (moved.size === 0) return state;
  const lines: AppState['lines'] = {};
  for (const [tabId, tabLines] of Object.entries(state.lines)) {
    const changed = tabLines.some((l) => l.rowId !== undefined && moved.has(l.rowId));
    lines[tabId] = changed ? tabLines.map((l) => (l.rowId !== undefined && moved.has(l.rowId) ? { ...l, rowId: moved.get(l.rowId) ?? l.rowId } : l)) : tabLines;
  }
  return { ...state, lines };
}

function sameContact(a: Contact, b: Contact): boolean {
  const groups = a.groups ?? [];
  const others = b.groups ?? [];
  return (
    a.jid === b.jid && a.name === b.name && a.presence === b.presence && a.status === b.status && a.account === b.account && a.awaitingApproval === b.awaitingApproval &&
    groups.length === others.length && groups.every((group, i) => group === others[i])
  );
}

