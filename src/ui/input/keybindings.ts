/**
 * Every key action has a name, a default key and a line of help; the user can rebind any of
 * them (issue: keybinding table in config). Defaults follow Profanity/Poezio habits.
 *
 * The table is the one list of action names: `KeyAction` is derived from its keys, so the
 * handlers (src/ui/key-actions/) and the config's `ui.keys` are checked against it.
 */
interface BindingSpec {
  keys: readonly string[];
  help: string;
}

const TABLE = {
  'app.quit': { keys: ['ctrl+c'], help: 'Quit natter (like /quit)' },
  'app.redraw': { keys: ['ctrl+l'], help: 'Redraw the screen' },
  'app.help': { keys: ['alt+h'], help: 'Show or hide this list of keys' },
  'tab.next': { keys: ['alt+right', 'ctrl+n'], help: 'Next tab' },
  'tab.previous': { keys: ['alt+left', 'ctrl+p'], help: 'Previous tab' },
  'tab.next-unread': { keys: ['alt+a'], help: 'Next tab with unread messages (as in irssi and Poezio)' },
  'tab.goto.1': { keys: ['alt+1'], help: 'Go to tab 1' },
  'tab.goto.2': { keys: ['alt+2'], help: 'Go to tab 2' },
  'tab.goto.3': { keys: ['alt+3'], help: 'Go to tab 3' },
  'tab.goto.4': { keys: ['alt+4'], help: 'Go to tab 4' },
  'tab.goto.5': { keys: ['alt+5'], help: 'Go to tab 5' },
  'tab.goto.6': { keys: ['alt+6'], help: 'Go to tab 6' },
  'tab.goto.7': { keys: ['alt+7'], help: 'Go to tab 7' },
  'tab.goto.8': { keys: ['alt+8'], help: 'Go to tab 8' },
  'tab.goto.9': { keys: ['alt+9'], help: 'Go to tab 9' },
  'tab.goto.10': { keys: ['alt+0'], help: 'Go to tab 10' },
  'view.page-up': { keys: ['pageup'], help: 'Scroll the conversation up a page' },
  'view.page-down': { keys: ['pagedown'], help: 'Scroll the conversation down a page' },
  'view.bottom': { keys: ['alt+end'], help: 'Scroll to the newest message' },
  'roster.page-up': { keys: ['alt+pageup'], help: 'Scroll the roster up a page' },
  'roster.page-down': { keys: ['alt+pagedown'], help: 'Scroll the roster down a page' },
  'roster.next': { keys: ['alt+down'], help: 'Select the next contact in the roster (or person in a room)' },
  'roster.previous': { keys: ['alt+up'], help: 'Select the previous contact in the roster (or person in a room)' },
  'roster.open': { keys: ['alt+return'], help: 'Open a chat with the selected contact (a private chat in a room)' },
  'roster.toggle': { keys: ['alt+t'], help: 'Hide or show the roster pane (like /roster hide|show)' },
  'roster.narrower': { keys: ['alt+-'], help: 'Make the roster pane two columns narrower' },
  'roster.wider': { keys: ['alt+='], help: 'Make the roster pane two columns wider' },
  'roster.filter': { keys: ['alt+r'], help: 'Filter the roster: starts /roster filter on the command line' },
  'roster.status': { keys: ['alt+s'], help: "Show or hide contacts' status texts in the roster" },
  'prompt.cancel': { keys: ['escape'], help: 'Cancel the question the command line is asking' },
  'line.submit': { keys: ['return'], help: 'Send the message or run the command' },
  'line.complete': { keys: ['tab'], help: 'Complete the command, argument or JID before the cursor' },
  'line.left': { keys: ['left', 'ctrl+b'], help: 'Cursor left' },
  'line.right': { keys: ['right', 'ctrl+f'], help: 'Cursor right' },
  'line.home': { keys: ['home', 'ctrl+a'], help: 'Cursor to the start of the line' },
  'line.end': { keys: ['end', 'ctrl+e'], help: 'Cursor to the end of the line' },
  'line.word-left': { keys: ['alt+b'], help: 'Cursor one word left' },
  'line.word-right': { keys: ['alt+f'], help: 'Cursor one word right' },
  'line.backspace': { keys: ['backspace', 'ctrl+h'], help: 'Delete the character before the cursor' },
  'line.delete': { keys: ['delete', 'ctrl+d'], help: 'Delete the character under the cursor' },
  'line.kill-to-start': { keys: ['ctrl+u'], help: 'Cut to the start of the line' },
  'line.kill-to-end': { keys: ['ctrl+k'], help: 'Cut to the end of the line' },
  'line.kill-word-back': { keys: ['ctrl+w'], help: 'Cut the word before the cursor' },
  'line.yank': { keys: ['ctrl+y'], help: 'Paste what was cut last' },
  'line.history-previous': { keys: ['up'], help: 'Previous line from history' },
  'line.history-next': { keys: ['down'], help: 'Next line from history' },
  'line.edit-in-editor': { keys: ['alt+e'], help: 'Edit the line in $VISUAL or $EDITOR (long or multi-line messages)' },
  'line.search-history': { keys: ['ctrl+r'], help: 'Search the line history backwards (again: older match; Enter keeps it, Escape cancels)' },
} satisfies Record<string, BindingSpec>;

/** The name of a key action ("tab.next"), as the config's `ui.keys` and the help list spell it. */
export type KeyAction = keyof typeof TABLE;

/** The actions of one group ("line", "tab", ...): the part of the handler table that group fills. */
export type KeyActionsOf<Group extends string> = Extract<KeyAction, `${Group}.${string}`>;

/** The user's keys from the config, by action; an action named here loses its default keys. */
export type KeyOverrides = Readonly<Record<string, readonly string[]>>;

export interface KeyBinding {
  action: KeyAction;
  keys: readonly string[];
  help: string;
}

/** The table in its order (the help overlay lists it so). */
export const defaultKeyBindings: readonly KeyBinding[] = (Object.keys(TABLE) as KeyAction[]).map((action) => ({ action, ...TABLE[action] }));

/** Names of the actions keys can be bound to. */
export const ACTIONS: ReadonlySet<string> = new Set(Object.keys(TABLE));

/** Whether a name from the config (`ui.keys`) is one of the actions. */
export function isKeyAction(name: string): name is KeyAction {
  return ACTIONS.has(name);
}

/** The names in `ui.keys` that are no action (a typo, or an action natter does not have). */
export function unknownKeyActions(overrides: KeyOverrides): string[] {
  return Object.keys(overrides).filter((name) => !isKeyAction(name));
}

/** The bindings with the user's keys in place of the defaults (for the help overlay). */
export function bindingsWith(overrides: KeyOverrides = {}): KeyBinding[] {
  return defaultKeyBindings.map((b) => ({ ...b, keys: overrides[b.action] ?? b.keys }));
}

/** key name → action, with user overrides (action → keys) replacing the defaults. */
export function keyMap(overrides: KeyOverrides = {}): Map<string, KeyAction> {
  const map = new Map<string, KeyAction>();
  for (const binding of defaultKeyBindings) {
    for (const key of overrides[binding.action] ?? binding.keys) map.set(key, binding.action);
  }
  return map;
}
