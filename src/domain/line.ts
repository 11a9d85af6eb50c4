import type { Picture } from './picture.js';

/** One entry in a tab's buffer: a message or a console notice. */
export type LineKind = 'info' | 'error' | 'command' | 'incoming' | 'outgoing';

/** Where an outgoing message is: kept in the outbox, acknowledged by the server, received, or refused. */
export type LineDelivery = 'pending' | 'sent' | 'delivered' | 'failed';

export interface Line {
  id: number;
  /** Milliseconds since the epoch. */
  at: number;
  kind: LineKind;
  /** Display text, sanitized before it was stored. May contain newlines. */
  text: string;
  /** Sender shown before the text, for messages. */
  from?: string;
  /** Outgoing messages: their delivery state. */
  delivery?: LineDelivery;
  /**
   * The message's row in the history database (where older pages are read from): delivery
   * marks and corrections find their line by it.
   */
  rowId?: number;
  /** Corrected by its sender (XEP-0308); `text` is the newest version. */
  edited?: boolean;
  /** A picture drawn under the text in half blocks (an avatar in /info). */
  picture?: Picture;
}

/**
 * A message the history database could not store (yet): the history holds it in memory under a
 * negative id, which no stored row has (SQLite's row ids start at 1).
 */
export function isUnsaved(line: Pick<Line, 'rowId'>): boolean {
  return line.rowId !== undefined && line.rowId < 0;
}

/** A message longer than this many rows on screen shows its start and a note, until /expand. */
export const MAX_MESSAGE_ROWS = 20;
