import type { UiConfig } from '../config/schema.js';
import { sanitizeLine } from '../domain/sanitize.js';

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
