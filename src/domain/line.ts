/** One entry in a tab's buffer: a message or a console notice. */
export type LineKind = 'info' | 'error' | 'command' | 'incoming' | 'outgoing';

export interface Line {
  id: number;
  /** Milliseconds since the epoch. */
  at: number;
  kind: LineKind;
  /** Display text, sanitized before it was stored. May contain newlines. */
  text: string;
  /** Sender shown before the text, for messages. */
  from?: string;
}
