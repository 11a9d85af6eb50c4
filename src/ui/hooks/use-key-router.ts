import { useInput, usePaste } from 'ink';
import { useMemo } from 'react';
import { keyName } from '../input/key-name.js';
import { keyMap } from '../input/keybindings.js';

export interface KeyHandlers {
  /** Returns true when the action was handled. */
  action(name: string): boolean;
  text(text: string): void;
}

/**
 * The one place keys enter the UI: Ink's useInput and usePaste feed the keybinding table;
 * a named action goes to `action`, printable input and pastes to `text`. A multi-line paste
 * arrives whole (bracketed paste), so it becomes one message, never several sends.
 */
export function useKeyRouter(handlers: KeyHandlers, overrides?: Readonly<Record<string, string[]>>): void {
  const map = useMemo(() => keyMap(overrides), [overrides]);
  useInput((input, key) => {
    const name = keyName(input, key);
    if (name !== undefined) {
      const action = map.get(name);
      if (action !== undefined) handlers.action(action);
      return;
    }
    // Keys typed faster than one read (a script, a slow link) arrive as one chunk: an Enter
    // inside it still submits, unlike a bracketed paste, which usePaste delivers whole.
    const parts = input.split(/\r\n?|\n/);
    parts.forEach((part, index) => {
      if (index > 0) handlers.action(map.get('return') ?? 'line.submit');
      if (part) handlers.text(part);
    });
  });
  usePaste((text) => handlers.text(text));
}
