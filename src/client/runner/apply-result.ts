import type { CommandResult, Intent } from '../../commands/types.js';
import type { Store } from '../../store/create-store.js';
import type { ChatTabs } from '../conversations/chat-tabs.js';
import { createSearchTab } from '../conversations/search-tab.js';
import type { ConsoleWriter } from './console-lines.js';

/**
 * Where a command's result takes effect: its text or error through `say` (into the tab it was
 * typed in, see commandWriter), then each of its intents (commands return intents; they never reach into the client or the screen).
 */
export function resultApplier(store: Store, tabs: ChatTabs, onQuit: () => void): (result: CommandResult, say: ConsoleWriter) => void {
  const search = createSearchTab(store, tabs);
  const applyIntent = (intent: Intent, say: ConsoleWriter): void => {
    switch (intent.type) {
      case 'quit':
        onQuit();
        break;
      case 'open-chat':
        tabs.open(intent.peer, intent.focus);
        break;
      case 'open-private': {
        const account = store.getState().rooms[intent.room]?.account;
        if (account) tabs.openPrivate(account, intent.room, intent.nick, true);
        break;
      }
      case 'search-results':
        search.show(intent.query, intent.hits);
        break;
      case 'jump': {
        const problem = search.jump(intent.index);
        if (problem) say('error', problem);
        break;
      }
      default:
        // What is left is a store action (what the screen shows), applied as it is; an app
        // intent without its case above would not type-check here.
        store.dispatch(intent);
    }
  };
  return (result, say) => {
    if (!result.ok) {
      say('error', result.error);
      return;
    }
    if (result.text) say('info', result.text);
    for (const intent of result.intents ?? []) applyIntent(intent, say);
  };
}
