import type { UiConfig } from '../../config/schema.js';
import type { NatterEvent } from '../../domain/events.js';
import { chatTabId, roomTabId } from '../../domain/tab-address.js';
import { sanitizeLine } from '../../domain/sanitize.js';

/**
 * Terminal notifications that work over SSH: BEL (the terminal's bell or urgency hint),
 * OSC 9 (iTerm2, Windows Terminal, kitty…) or OSC 777 (VTE, foot…). The text is sanitized
 * (no ESC/BEL can end the sequence early) and short.
 */
export function notification(mode: UiConfig['notify'], title: string, body: string): string {
  const text = sanitizeLine(`${title}: ${body}`).replaceAll(';', ',').slice(0, 120);
  switch (mode) {
    case 'bell':
      return '\u0007';
    case 'osc9':
      return `\u001b]9;${text}\u0007`;
    case 'osc777':
      return `\u001b]777;notify;natter;${text}\u0007`;
    default:
      return '';
  }
}

/** A conversation that keeps talking notifies once in this long (a flood is one notification, not 5,000). */
export const NOTIFY_QUIET_MS = 5000;

/**
 * Terminal notifications, at most one per conversation every NOTIFY_QUIET_MS: the first
 * message of a burst is announced, the rest of it is in the tab's unread count.
 */
export function notifier(mode: UiConfig['notify'], now: () => number = Date.now) {
  const last = new Map<string, number>();
  return (conversation: string, title: string, body: string): string => {
    if (mode === 'off') return '';
    const at = now();
    const previous = last.get(conversation);
    if (previous !== undefined && at - previous < NOTIFY_QUIET_MS) return '';
    if (last.size >= 1000) last.clear(); // a flood from many strangers must not grow it without end
    last.set(conversation, at);
    return notification(mode, title, body);
  };
}

/**
 * What calls for the person's attention, when they are not looking at its tab: a message to
 * them in a chat, or a room message that names them (only that, in rooms: Profanity's and
 * Poezio's habit). Undefined for anything else.
 */
export function attentionOf(event: NatterEvent, activeTabId: string): { conversation: string; title: string; body: string } | undefined {
  if (event.event === 'message' && event.direction === 'in' && event.peer !== undefined && activeTabId !== chatTabId(event.peer)) {
    return { conversation: event.peer, title: event.peer, body: event.body };
  }
  if (event.event === 'highlight' && activeTabId !== roomTabId(event.room)) {
    return { conversation: event.room, title: `${event.nick} in ${event.room}`, body: event.body };
  }
  return undefined;
}
