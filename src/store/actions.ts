import type { ChatState } from '../domain/chat-state.js';
import type { ConnectionState } from '../domain/connection-state.js';
import type { Line, LineDelivery, LineKind } from '../domain/line.js';
import type { Picture } from '../domain/picture.js';
import type { OwnPresenceView } from '../domain/own-presence.js';
import type { Occupant, Room } from '../domain/room.js';
import type { TabKind } from '../domain/tab.js';
import type { Contact, Prompt } from './state.js';

export type Action =
  | {
      type: 'line/append';
      tabId: string;
      kind: LineKind;
      text: string;
      from?: string;
      at?: number;
      fromHistory?: boolean;
      delivery?: LineDelivery;
      edited?: boolean;
      rowId?: number;
      /** It names the user (a room message with their nick): the tab is marked until seen. */
      highlight?: boolean;
      /**
       * A message that may be older than lines the tab shows (caught up from the archive, kept
       * offline): it goes after the last line not later than `at`, not at the end.
       */
      inTimeOrder?: boolean;
      /** A picture drawn under the text (an avatar in /info): colours only. */
      picture?: Picture;
    }
  /** The line of history row `rowId` (the message, never another that shares its stanza id). */
  | { type: 'line/delivery'; tabId: string; rowId: number; delivery: LineDelivery; reason?: string }
  | { type: 'line/replace'; tabId: string; rowId: number; text: string }
  /** The line of history row `rowId` moved to time `at` (a catch-up learnt it came earlier): it takes its place in time order. */
  | { type: 'line/redate'; tabId: string; rowId: number; at: number }
  /** History rows that moved (held in memory while the database could not be written, or written at last): lines follow them. */
  | { type: 'lines/rekey'; rekeyed: ReadonlyArray<{ from: number; to: number }> }
  | { type: 'lines/clear'; tabId: string }
  | { type: 'lines/prepend'; tabId: string; lines: Omit<Line, 'id'>[] }
  | { type: 'tab/open'; id: string; kind: TabKind; title: string; focus: boolean }
  | { type: 'tab/focus'; id: string }
  | { type: 'tab/expand'; id: string; expanded: boolean }
  | { type: 'tab/close'; id: string }
  | { type: 'connection/state'; account: string; state: ConnectionState }
  /** The account was removed: it leaves the status line. */
  | { type: 'connection/forget'; account: string }
  | { type: 'presence/own'; account: string; presence: OwnPresenceView }
  /** What the account's server was last told of natter's state (XEP-0352 Client State Indication). */
  | { type: 'presence/client-state'; account: string; inactive: boolean }
  | { type: 'roster/set'; account: string; contacts: Contact[] }
  | { type: 'roster/upsert'; account: string; contact: Contact }
  | { type: 'roster/remove'; account: string; jid: string }
  | { type: 'roster/visible'; visible: boolean }
  | { type: 'roster/width'; width: number }
  | { type: 'roster/filter'; filter: string }
  | { type: 'roster/show-status'; show: boolean }
  | { type: 'roster/toggle-group'; group: string }
  | { type: 'prompt/set'; prompt: Prompt | undefined }
  | { type: 'tab/peer-state'; id: string; state: ChatState }
  | { type: 'tab/unread'; id: string; unread: number }
  | { type: 'room/set'; room: Room }
  | { type: 'room/update'; room: string; patch: Partial<Pick<Room, 'nick' | 'joined' | 'subject' | 'occupants'>> }
  | { type: 'room/occupant'; room: string; occupant: Occupant }
  | { type: 'room/occupant-left'; room: string; nick: string }
  | { type: 'room/remove'; room: string };

export type { Line };
