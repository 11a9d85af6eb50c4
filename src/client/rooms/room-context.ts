import type { EventSink } from '../../domain/events.js';
import type { Room } from '../../domain/room.js';
import type { MessageHistory } from '../../history/message-history.js';
import type { Store } from '../../store/create-store.js';
import type { RoomsFeature } from '../../xmpp/features/muc/rooms.js';
import type { ChatTabs } from '../conversations/chat-tabs.js';
import type { Outbox } from '../outbox/outbox.js';

/** What the parts of an account's rooms share. */
export interface RoomContext {
  account: string;
  store: Store;
  tabs: ChatTabs;
  history: MessageHistory;
  onEvent?: EventSink | undefined;
  consoleLine(kind: 'info' | 'error', text: string): void;
  /** A line in a room's tab; network strings in it are made inert there. */
  say(room: string, kind: 'info' | 'error', text: string): void;
  room(jid: string): Room | undefined;
  /** The session's rooms feature; undefined between sessions. */
  feature(): RoomsFeature | undefined;
  /** Rooms the user is in (joined again after each new session), with the nick and password to join with. */
  wanted: Map<string, { nick: string; password?: string }>;
  /** Rooms being joined whose subject has not come yet: the room sends it as the last step of a join (XEP-0045 §7.2.15). */
  subjectDue: Set<string>;
  /** The account's outbox: what the user says in rooms goes out through it (absent: nothing can be said, as in natter listen). */
  outbox?: Outbox | undefined;
}
