import type { Key } from 'ink';

/**
 * A canonical name for a key press ("ctrl+a", "alt+1", "pageup", "return"), the vocabulary of
 * the keybinding table. Returns undefined for printable input, which goes to the line editor.
 */
export function keyName(input: string, key: Key): string | undefined {
  const mods = `${key.ctrl ? 'ctrl+' : ''}${key.meta ? 'alt+' : ''}${key.shift ? 'shift+' : ''}`;
  const named: Array<[boolean, string]> = [
    [key.upArrow, 'up'],
    [key.downArrow, 'down'],
    [key.leftArrow, 'left'],
    [key.rightArrow, 'right'],
    [key.pageUp, 'pageup'],
    [key.pageDown, 'pagedown'],
    [key.home, 'home'],
    [key.end, 'end'],
    [key.return, 'return'],
    [key.escape, 'escape'],
    [key.tab, 'tab'],
    [key.backspace, 'backspace'],
    [key.delete, 'delete'],
  ];
  const found = named.find(([pressed]) => pressed);
  if (found) return mods + found[1];
  if (key.ctrl || key.meta) return mods.replace('shift+', '') + input.toLowerCase();
  return undefined;
}
