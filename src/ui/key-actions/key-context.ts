import type { Tab } from '../../domain/tab.js';
import type { Store } from '../../store/create-store.js';
import type { UiController } from '../controller.js';
import type { CommandLine } from '../hooks/use-command-line.js';
import type { ScrollBack } from '../hooks/use-scroll-back.js';
import type { SidePane } from '../hooks/use-side-pane.js';
import type { KeyAction, KeyActionsOf } from '../input/keybindings.js';
import type { ScreenLayout } from '../layout/screen-layout.js';

/** What a key action may read and change: the screen as drawn, and the app behind it. */
export interface KeyContext {
  store: Store;
  controller: UiController;
  commandLine: CommandLine;
  /** The tabs as drawn and the one in front: keys act on what the screen shows. */
  tabs: readonly Tab[];
  activeTabId: string;
  layout: ScreenLayout;
  scroll: ScrollBack;
  pane: SidePane;
  helpOpen: boolean;
  setHelpOpen(update: (open: boolean) => boolean): void;
  /** Draws the screen again. */
  redraw(): void;
}

/** Does what an action names; false when there was nothing to do it on (the key is not taken). */
export type KeyHandler = (context: KeyContext) => boolean | void;

/**
 * One handler per action of the keybinding table: an action without a handler, or a handler
 * for no action, is a type error.
 */
export type KeyTable = { readonly [A in KeyAction]: KeyHandler };

/** The handlers of one group of actions ("tab": tab.next, tab.previous, …). */
export type KeyGroup<Group extends string> = { readonly [A in KeyActionsOf<Group>]: KeyHandler };

/**
 * A mode over the table (the help overlay, a question, a history search): its handler returns
 * true when it took the key, false to pass it on to the next layer and then the table.
 */
export type KeyLayer = { readonly [A in KeyAction]?: (context: KeyContext) => boolean };
