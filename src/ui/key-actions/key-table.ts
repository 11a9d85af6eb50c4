import type { KeyAction } from '../input/keybindings.js';
import { appKeys, promptKeys } from './app-keys.js';
import type { KeyContext, KeyLayer, KeyTable } from './key-context.js';
import { KEY_LAYERS } from './key-layers.js';
import { lineKeys } from './line-keys.js';
import { rosterKeys } from './roster-keys.js';
import { tabKeys } from './tab-keys.js';
import { viewKeys } from './view-keys.js';

/** What every action does when no layer takes it. */
export const KEY_TABLE: KeyTable = { ...appKeys, ...tabKeys, ...viewKeys, ...rosterKeys, ...promptKeys, ...lineKeys };

/**
 * Runs an action: the layers first, highest priority first, then the table. True when
 * something took the key.
 */
export function runKeyAction(action: KeyAction, context: KeyContext, layers: readonly KeyLayer[] = KEY_LAYERS, table: KeyTable = KEY_TABLE): boolean {
  for (const layer of layers) if (layer[action]?.(context) === true) return true;
  return table[action](context) !== false;
}
