import type { SearchResult } from '../../commands/types.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { tabIdOf } from '../../domain/tab-address.js';
import type { Store } from '../../store/create-store.js';
import type { ChatTabs } from './chat-tabs.js';

export const SEARCH_TAB_ID = tabIdOf({ kind: 'search' });
const CONTEXT = 10;

const pad = (n: number): string => String(n).padStart(2, '0');
const day = (at: number): string => {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/**
 * The search results tab: numbered hits (newest first); a number typed there, or /jump N,
 * opens that message in its conversation with the messages around it.
 */
export function createSearchTab(store: Store, tabs: ChatTabs) {
  let hits: readonly SearchResult[] = [];
  return {
    show(query: string, results: readonly SearchResult[]): void {
      hits = results;
      store.dispatch({ type: 'tab/open', id: SEARCH_TAB_ID, kind: 'search', title: `search: ${sanitizeLine(query).slice(0, 20)}`, focus: true });
      store.dispatch({ type: 'lines/clear', tabId: SEARCH_TAB_ID });
      const line = (text: string, at = Date.now()) => store.dispatch({ type: 'line/append', tabId: SEARCH_TAB_ID, kind: 'info', text, at });
      line(`${results.length} message${results.length === 1 ? '' : 's'} with "${sanitizeLine(query)}", newest first. Type a number and Enter to see it in its chat.`);
      results.forEach((hit, i) => {
        line(`[${i + 1}] ${day(hit.at)} ${sanitizeLine(hit.peer)} ${hit.direction === 'in' ? '<' : '>'} ${sanitizeLine(hit.snippet)}`, hit.at);
      });
    },
    /** Undefined when done, else why not. */
    jump(index: number): string | undefined {
      const hit = hits[index - 1];
      if (!hit) return hits.length === 0 ? 'There are no search results; /search WORDS first.' : `There is no result ${index}; there are ${hits.length}.`;
      tabs.showAround(hit.account, hit.peer, hit.id, CONTEXT, `── search result ${index} below; /close and /msg ${sanitizeLine(hit.peer)} show the newest ──`);
      return undefined;
    },
  };
}
