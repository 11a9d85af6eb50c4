import type { Line, LineDelivery } from '../../domain/line.js';

/** Profanity-like marks: waiting in the outbox, taken by the server, received, refused. */
export const DELIVERY_MARK: Record<LineDelivery, string> = { pending: '…', sent: '✓', delivered: '✓✓', failed: '✗' };

export function formatTime(at: number): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The text of a buffer entry without its timestamp, as it is wrapped on screen. */
export function lineBody(line: Line): string {
  if (line.from === undefined) return line.text;
  const mark = line.delivery ? `${DELIVERY_MARK[line.delivery]} ` : '';
  const edited = line.edited ? ' (edited)' : '';
  if (line.text.startsWith('/me ')) return `${mark}* ${line.from} ${line.text.slice(4)}${edited}`;
  return `${mark}${line.from}: ${line.text}${edited}`;
}
