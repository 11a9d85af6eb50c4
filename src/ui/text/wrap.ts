import wrapAnsi from 'wrap-ansi';

/**
 * Wraps plain (already sanitized) text to `width` terminal cells. Uses wrap-ansi, which
 * measures with the same string-width major as Ink, so CJK and emoji occupy the cells Ink
 * expects. Long words are broken rather than overflowing the pane.
 */
export function wrapText(text: string, width: number): string[] {
  if (width <= 0) return [];
  return wrapAnsi(text, width, { hard: true, trim: false, wordWrap: true }).split('\n');
}
