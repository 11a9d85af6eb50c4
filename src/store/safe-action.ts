import type { ConnectionState } from '../domain/connection-state.js';
import type { Line } from '../domain/line.js';
import { isPicture } from '../domain/picture.js';
import { displayLine, displayText } from '../domain/sanitize.js';
import type { Action } from './actions.js';
import type { Contact, Prompt } from './state.js';

/**
 * The store's own guard: every text an action brings for display is made inert here, whatever
 * its caller did, so one path that forgot to sanitize a network string cannot reach the
 * terminal, and no text is wider on screen than Ink lays it out (displayText: zero-width and
 * other default-ignorable characters out; the history keeps them, as they arrived). Callers
 * still sanitize where a string becomes text (and say so); this only makes a miss harmless. Identifiers (JIDs, room nicks: they address people, a nick may be written with
 * a bidi mark) are kept as they are and sanitized where they are drawn. A clean action is
 * returned as it is: one regex test per text, which a message flood does not notice.
 */
export function safeAction(action: Action): Action {
  switch (action.type) {
    case 'line/append': {
      // A picture is colours, but one that is not well formed (or too large) is not drawn at all.
      if (action.picture !== undefined && !isPicture(action.picture)) return safeAction({ ...action, picture: undefined });
      const text = displayText(action.text);
      const from = action.from === undefined ? undefined : displayLine(action.from);
      return text === action.text && from === action.from ? action : { ...action, text, ...(from === undefined ? {} : { from }) };
    }
    case 'line/replace':
      return same(action.text, displayText(action.text)) ? action : { ...action, text: displayText(action.text) };
    case 'line/delivery':
      return action.reason === undefined || same(action.reason, displayLine(action.reason)) ? action : { ...action, reason: displayLine(action.reason) };
    case 'lines/prepend':
      return action.lines.every(cleanLine) ? action : { ...action, lines: action.lines.map(safeLine) };
    case 'tab/open':
      return same(action.title, displayLine(action.title)) ? action : { ...action, title: displayLine(action.title) };
    case 'connection/state':
      return action.state.kind !== 'failed' || same(action.state.reason, displayLine(action.state.reason)) ? action : { ...action, state: safeState(action.state) };
    case 'presence/own':
      return action.presence.status === undefined || same(action.presence.status, displayLine(action.presence.status))
        ? action
        : { ...action, presence: { ...action.presence, status: displayLine(action.presence.status) } };
    case 'roster/set':
      return action.contacts.every(cleanContact) ? action : { ...action, contacts: action.contacts.map(safeContact) };
    case 'roster/upsert':
      return cleanContact(action.contact) ? action : { ...action, contact: safeContact(action.contact) };
    case 'prompt/set':
      return action.prompt === undefined || same(action.prompt.label, displayText(action.prompt.label)) ? action : { ...action, prompt: safePrompt(action.prompt) };
    case 'room/occupant':
      return action.occupant.status === undefined || same(action.occupant.status, displayLine(action.occupant.status))
        ? action
        : { ...action, occupant: { ...action.occupant, status: displayLine(action.occupant.status) } };
    case 'room/set':
      return same(action.room.subject, displayLine(action.room.subject)) ? action : { ...action, room: { ...action.room, subject: displayLine(action.room.subject) } };
    case 'room/update':
      return action.patch.subject === undefined || same(action.patch.subject, displayLine(action.patch.subject))
        ? action
        : { ...action, patch: { ...action.patch, subject: displayLine(action.patch.subject) } };
    default:
      return action;
  }
}

const same = (a: string, b: string): boolean => a === b;

type NewLine = Omit<Line, 'id'>;
const cleanLine = (line: NewLine): boolean => line.text === displayText(line.text) && (line.from === undefined || line.from === displayLine(line.from));
const safeLine = (line: NewLine): NewLine => ({ ...line, text: displayText(line.text), ...(line.from === undefined ? {} : { from: displayLine(line.from) }) });

const cleanContact = (c: Contact): boolean =>
  c.name === displayLine(c.name) && (c.status === undefined || c.status === displayLine(c.status)) && (c.groups ?? []).every((g) => g === displayLine(g));
const safeContact = (c: Contact): Contact => ({
  ...c,
  name: displayLine(c.name),
  ...(c.status === undefined ? {} : { status: displayLine(c.status) }),
  ...(c.groups === undefined ? {} : { groups: c.groups.map(displayLine) }),
});

const safeState = (state: ConnectionState): ConnectionState => (state.kind === 'failed' ? { ...state, reason: displayLine(state.reason) } : state);
const safePrompt = (prompt: Prompt): Prompt => ({ ...prompt, label: displayText(prompt.label) });
