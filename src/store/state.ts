import type { ConnectionState } from '../domain/connection-state.js';
import type { Line } from '../domain/line.js';
import type { OwnPresenceView } from '../domain/own-presence.js';
import type { Room } from '../domain/room.js';
import { consoleTab, type Tab } from '../domain/tab.js';

export interface Contact {
  jid: string;
  /** Display name (the roster name, else the JID); sanitized. */
  name: string;
  presence: 'online' | 'away' | 'dnd' | 'xa' | 'chat' | 'offline';
  /** The status text of the resource shown (sanitized), if it has one. */
  status?: string;
  groups?: string[];
  /** The account whose roster holds it (several accounts may run at once). */
  account?: string;
  /** We asked to see their presence and they have not answered (RFC 6121 §2.1.2.2 ask="subscribe"). */
  awaitingApproval?: boolean;
}

export interface AppState {
  tabs: Tab[];
  activeTabId: string;
  /** Per-tab buffer, newest last, capped (older lines page in from history). */
  lines: Record<string, Line[]>;
  roster: Contact[];
  /** Rooms joined or being joined, by room JID (XEP-0045). */
  rooms: Record<string, Room>;
  /** Per account (bare JID). */
  connections: Record<string, ConnectionState>;
  /** Per account: the presence the user chose (/status, /invisible), once they chose one. */
  ownPresence: Record<string, OwnPresenceView>;
  /** Per account: its server was told natter is inactive (XEP-0352, the terminal lost focus). */
  clientInactive: Record<string, boolean>;
  rosterVisible: boolean;
  rosterWidth: number;
  /** Contacts shown are those whose name or JID contains this ('' = all). */
  rosterFilter: string;
  /** Group names shown as their header only. */
  rosterCollapsed: string[];
  /** Contacts' status texts shown beside their names (Alt-S, /roster status). */
  rosterShowStatus: boolean;
  nextLineId: number;
  /** A question the command line is answering instead of taking commands (password, yes/no). */
  prompt?: Prompt;
}

export interface Prompt {
  label: string;
  /** Typed characters are shown as '*' (passwords) and never enter the line history. */
  masked: boolean;
}

/** Lines the tab in front keeps (and the console, whose lines are nowhere else), scrolled back into. */
export const MAX_LINES_PER_TAB = 2000;

/**
 * Lines a chat, room or private tab keeps while it is not in front: its messages are in the
 * history, and scrolling back reads the rest from there (trim-lines.ts). 200 is a tall screen
 * (a 100-row terminal is ~90 rows of messages) with room to spare, and the page a tab opens
 * with (RECENT_PAGE). The soak's 91 tabs at 2,000 lines each (~830 bytes a line) came to
 * ~150 MB; at 200 they come to ~15 MB, plus one tab in front at up to 2,000 (~1.7 MB).
 */
export const BACKGROUND_LINES = 200;

/** Columns the roster pane may take (/roster size, Alt-- and Alt-=). */
export const MIN_ROSTER_WIDTH = 12;
export const MAX_ROSTER_WIDTH = 80;

export function initialState(options: { rosterVisible?: boolean; rosterWidth?: number } = {}): AppState {
  const console = consoleTab();
  return {
    tabs: [console],
    activeTabId: console.id,
    lines: { [console.id]: [] },
    roster: [],
    rooms: {},
    connections: {},
    ownPresence: {},
    clientInactive: {},
    rosterVisible: options.rosterVisible ?? true,
    rosterWidth: options.rosterWidth ?? 24,
    rosterFilter: '',
    rosterCollapsed: [],
    rosterShowStatus: false,
    nextLineId: 1,
  };
}
