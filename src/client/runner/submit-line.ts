import { sendInTab } from '../../commands/send-in-tab.js';
import type { ClientApi, CommandResult } from '../../commands/types.js';
import { isConversation, parseTabId } from '../../domain/tab-address.js';
import type { Store } from '../../store/create-store.js';
import type { ChatTabs } from '../conversations/chat-tabs.js';
import { consoleWriter } from './console-lines.js';

/** A line that is a command: "/…", but not "//…", which is a message that starts with "/". */
export function isCommandLine(line: string): boolean {
  return line.startsWith('/') && !line.startsWith('//');
}

/**
 * What Enter does with a line: a command runs; anything else goes to the tab in front, by its
 * address: a chat's peer (from the tab's account), a room, an occupant. In the search results
 * a number opens that result. What a command says, and a message that could not be sent, show
 * in the tab the line was typed in.
 */
export function lineSubmitter(
  store: Store,
  api: ClientApi,
  tabs: ChatTabs,
  execute: (line: string, origin?: string) => Promise<CommandResult>,
): (line: string) => Promise<void> {
  return async (line) => {
    // The tab in front when the line runs (after the lines typed before it took effect): a
    // command's result shows there, as a message goes there.
    const state = store.getState();
    const tab = state.tabs.find((t) => t.id === state.activeTabId);
    if (isCommandLine(line)) {
      await execute(line, state.activeTabId);
      return;
    }
    const text = line.startsWith('//') ? line.slice(1) : line;
    if (tab?.kind === 'search' && /^\s*\d+\s*$/.test(text)) {
      await execute(`/jump ${text.trim()}`, tab.id);
      return;
    }
    const address = tab && parseTabId(tab.id);
    if (!tab || !isConversation(address)) {
      consoleWriter(store, state.activeTabId)('error', `The ${tab?.kind ?? 'console'} tab does not send messages. Open a chat with /msg JID, or type /help.`);
      return;
    }
    await sendInTab(api, address, text, tabs.accountOf(tab.id)).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      store.dispatch({ type: 'line/append', tabId: tab.id, kind: 'error', text: `Not sent: ${reason}` });
    });
  };
}
