import { isUnsaved, type Line, type LineDelivery } from '../../domain/line.js';

/** Profanity-like marks: waiting in the outbox, taken by the server, received, refused. */
export const DELIVERY_MARK: Record<LineDelivery, string> = { pending: '…', sent: '✓', delivered: '✓✓', failed: '✗' };

export function formatTime(at: number): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * Where the sender's name sits in the first row of a message from someone else: after the
 * delivery mark and, for "/me", the "* " (see lineBody). Undefined for natter's own lines and
 * for one's own messages ("me" keeps the outgoing colour).
 */
export function senderSpan(line: Line): { start: number; end: number } | undefined {
  if (line.from === undefined || line.kind !== 'incoming') return undefined;
  const mark = line.delivery ? `${DELIVERY_MARK[line.delivery]} ` : '';
  const start = mark.length + (line.text.startsWith('/me ') ? 2 : 0);
  return { start, end: start + line.from.length };
}

/** The text of a buffer entry without its timestamp, as it is wrapped on screen. */
export function lineBody(line: Line): string {
  if (line.from === undefined) return line.text;
  const mark = line.delivery ? `${DELIVERY_MARK[line.delivery]} ` : '';
  const edited = `${line.edited ? ' (edited)' : ''}${isUnsaved(line) ? ' (unsaved)' : ''}`;
  if (line.text.startsWith('/me ')) return `${mark}* ${line.from} ${line.text.slice(4)}${edited}`;
  return `${mark}${line.from}: ${line.text}${edited}`;
}
