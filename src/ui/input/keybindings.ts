/**
 * Every key action has a name, a default key and a line of help; the user can rebind any of
 * them (issue: keybinding table in config). Defaults follow Profanity/Poezio habits.
 */
export interface KeyBinding {
  action: string;
  keys: string[];
  help: string;
}

export const defaultKeyBindings: readonly KeyBinding[] = [
  { action: 'app.quit', keys: ['ctrl+c'], help: 'Quit natter (like /quit)' },
  { action: 'app.redraw', keys: ['ctrl+l'], help: 'Redraw the screen' },
  { action: 'app.help', keys: ['alt+h'], help: 'Show or hide this list of keys' },
  { action: 'tab.next', keys: ['alt+right', 'ctrl+n'], help: 'Next tab' },
  { action: 'tab.previous', keys: ['alt+left', 'ctrl+p'], help: 'Previous tab' },
  { action: 'tab.next-unread', keys: ['alt+a'], help: 'Next tab with unread messages (as in irssi and Poezio)' },
  ...Array.from({ length: 10 }, (_, i) => ({
    action: `tab.goto.${i === 9 ? 10 : i + 1}`,
    keys: [`alt+${(i + 1) % 10}`],
    help: `Go to tab ${i === 9 ? 10 : i + 1}`,
  })),
  { action: 'view.page-up', keys: ['pageup'], help: 'Scroll the conversation up a page' },
  { action: 'view.page-down', keys: ['pagedown'], help: 'Scroll the conversation down a page' },
  { action: 'view.bottom', keys: ['alt+end'], help: 'Scroll to the newest message' },
  { action: 'roster.page-up', keys: ['alt+pageup'], help: 'Scroll the roster up a page' },
  { action: 'roster.page-down', keys: ['alt+pagedown'], help: 'Scroll the roster down a page' },
  { action: 'roster.next', keys: ['alt+down'], help: 'Select the next contact in the roster (or person in a room)' },
  { action: 'roster.previous', keys: ['alt+up'], help: 'Select the previous contact in the roster (or person in a room)' },
  { action: 'roster.open', keys: ['alt+return'], help: 'Open a chat with the selected contact (a private chat in a room)' },
  { action: 'roster.toggle', keys: ['alt+t'], help: 'Hide or show the roster pane (like /roster hide|show)' },
  { action: 'roster.narrower', keys: ['alt+-'], help: 'Make the roster pane two columns narrower' },
  { action: 'roster.wider', keys: ['alt+='], help: 'Make the roster pane two columns wider' },
  { action: 'roster.filter', keys: ['alt+r'], help: 'Filter the roster: starts /roster filter on the command line' },
  { action: 'roster.status', keys: ['alt+s'], help: "Show or hide contacts' status texts in the roster" },
  { action: 'prompt.cancel', keys: ['escape'], help: 'Cancel the question the command line is asking' },
  { action: 'line.submit', keys: ['return'], help: 'Send the message or run the command' },
  { action: 'line.complete', keys: ['tab'], help: 'Complete the command, argument or JID before the cursor' },
  { action: 'line.left', keys: ['left', 'ctrl+b'], help: 'Cursor left' },
  { action: 'line.right', keys: ['right', 'ctrl+f'], help: 'Cursor right' },
  { action: 'line.home', keys: ['home', 'ctrl+a'], help: 'Cursor to the start of the line' },
  { action: 'line.end', keys: ['end', 'ctrl+e'], help: 'Cursor to the end of the line' },
  { action: 'line.word-left', keys: ['alt+b'], help: 'Cursor one word left' },
  { action: 'line.word-right', keys: ['alt+f'], help: 'Cursor one word right' },
  { action: 'line.backspace', keys: ['backspace', 'ctrl+h'], help: 'Delete the character before the cursor' },
  { action: 'line.delete', keys: ['delete', 'ctrl+d'], help: 'Delete the character under the cursor' },
  { action: 'line.kill-to-start', keys: ['ctrl+u'], help: 'Cut to the start of the line' },
  { action: 'line.kill-to-end', keys: ['ctrl+k'], help: 'Cut to the end of the line' },
  { action: 'line.kill-word-back', keys: ['ctrl+w'], help: 'Cut the word before the cursor' },
  { action: 'line.yank', keys: ['ctrl+y'], help: 'Paste what was cut last' },
  { action: 'line.history-previous', keys: ['up'], help: 'Previous line from history' },
  { action: 'line.history-next', keys: ['down'], help: 'Next line from history' },
  { action: 'line.edit-in-editor', keys: ['alt+e'], help: 'Edit the line in $VISUAL or $EDITOR (long or multi-line messages)' },
  { action: 'line.search-history', keys: ['ctrl+r'], help: 'Search the line history backwards (again: older match; Enter keeps it, Escape cancels)' },
];

/** The bindings with the user's keys in place of the defaults (for the help overlay). */
export function bindingsWith(overrides: Readonly<Record<string, string[]>> = {}): KeyBinding[] {
  return defaultKeyBindings.map((b) => ({ ...b, keys: overrides[b.action] ?? b.keys }));
}

/** Names of the actions keys can be bound to. */
export const ACTIONS: ReadonlySet<string> = new Set(defaultKeyBindings.map((b) => b.action));

/** key name → action, with user overrides (action → keys) replacing the defaults. */
export function keyMap(overrides: Readonly<Record<string, string[]>> = {}): Map<string, string> {
  const map = new Map<string, string>();
  for (const binding of defaultKeyBindings) {
    for (const key of overrides[binding.action] ?? binding.keys) map.set(key, binding.action);
  }
  return map;
}
