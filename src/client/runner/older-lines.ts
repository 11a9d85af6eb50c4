import type { ClientApi } from '../../commands/types.js';
import { parseTabId } from '../../domain/tab-address.js';
import type { ChatTabs } from '../conversations/chat-tabs.js';
import type { ConsoleWriter } from './console-lines.js';

/**
 * Scrolling back past the oldest line of a tab: the local history's next page; past that, in
 * a chat, the server archive's next page, shown once it is stored (or, when the archive has
 * no more, a line that says the conversation starts there). True when a page was shown now.
 */
export function olderLinesLoader(api: ClientApi, tabs: ChatTabs, say: ConsoleWriter): (tabId: string) => boolean {
  const fromArchive = (tabId: string, peer: string): void => {
    api.olderFromArchive(peer, tabs.accountOf(tabId)).then(
      ({ stored, complete }) => {
        const shown = stored > 0 && tabs.loadOlder(tabId);
        if (complete && !shown) tabs.markStart(tabId, '── start of the conversation in the server archive ──');
      },
      (error: unknown) => say('error', `Could not read older messages: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  return (tabId) => {
    if (tabs.loadOlder(tabId)) return true;
    const peer = parseTabId(tabId, 'chat')?.peer;
    if (peer) fromArchive(tabId, peer);
    return false;
  };
}
