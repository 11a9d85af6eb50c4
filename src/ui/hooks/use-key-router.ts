import { useInput, usePaste } from 'ink';
import { useMemo } from 'react';
import { keyName } from '../input/key-name.js';
import { keyMap, type KeyAction, type KeyOverrides } from '../input/keybindings.js';

export interface KeyHandlers {
  /** Returns true when the action was handled (src/ui/key-actions/key-table.ts runs it). */
  action(name: KeyAction): boolean;
  text(text: string): void;
  /** Before each key or paste. */
  before?(): void;
  /** After each key or paste, handled or not. */
  after?(): void;
}

/**
 * The one place keys enter the UI: Ink's useInput and usePaste feed the keybinding table;
 * a named action goes to `action`, printable input and pastes to `text`. A multi-line paste
 * arrives whole (bracketed paste), so it becomes one message, never several sends.
 */
export function useKeyRouter(handlers: KeyHandlers, overrides?: KeyOverrides): void {
  const map = useMemo(() => keyMap(overrides), [overrides]);
  useInput((input, key) => {
    handlers.before?.();
    const name = keyName(input, key);
    if (name !== undefined) {
      const action = map.get(name);
      if (action !== undefined) handlers.action(action);
      handlers.after?.();
      return;
    }
    // Keys typed faster than one read (a script, a slow link) arrive as one chunk: an Enter
    // or a Tab inside it still acts as that key, unlike a bracketed paste, which usePaste
    // delivers whole.
    for (const part of input.split(/(\r\n?|\n|\t)/)) {
      if (part === '\t') handlers.action(map.get('tab') ?? 'line.complete');
      else if (/^[\r\n]/.test(part)) handlers.action(map.get('return') ?? 'line.submit');
      else if (part) handlers.text(part);
    }
    handlers.after?.();
  });
  // A paste is text, never keys: control characters other than newline become spaces.
  usePaste((text) => {
    handlers.before?.();
    // eslint-disable-next-line no-control-regex
    handlers.text(text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' '));
    handlers.after?.();
  });
}
