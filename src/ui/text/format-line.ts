import type { Line } from '../../domain/line.js';

export function formatTime(at: number): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The text of a buffer entry without its timestamp, as it is wrapped on screen. */
export function lineBody(line: Line): string {
  if (line.from === undefined) return line.text;
  if (line.text.startsWith('/me ')) return `* ${line.from} ${line.text.slice(4)}`;
  return `${line.from}: ${line.text}`;
}
