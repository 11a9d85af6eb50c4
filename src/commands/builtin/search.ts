import { parseTabId } from '../../domain/tab-address.js';
import { fail, ok, type CommandSpec } from '../types.js';

export const searchCommand: CommandSpec = {
  name: 'search',
  summary: 'Search the message history (all chats, or this one with --here); results in their own tab.',
  args: [{ name: 'words', required: true, rest: true, description: 'words that must all appear; --here first for the current chat only' }],
  description: 'Full-text search of every stored message, newest first. In the results tab, type a result\'s number and Enter (or /jump N) to see it in its conversation.',
  examples: ['/search deploy failed', '/search --here tickets'],
  run(ctx, [input = '']) {
    const here = input.startsWith('--here');
    const words = (here ? input.slice('--here'.length) : input).trim();
    if (words === '') return fail('Usage: /search [--here] WORDS');
    let peer: string | undefined;
    if (here) {
      peer = parseTabId(ctx.state().activeTabId, 'chat')?.peer;
      if (!peer) return fail('--here searches the chat of the current tab; this is not a chat tab.');
    }
    // The results are a tab to pick from (/jump N): without a screen, the search verb prints them.
    if (ctx.headless) return fail(`the results of /search are a tab, and natter run has no screen; natter search ${words} prints them (--json for scripts)`);
    const hits = ctx.api.search(words, peer);
    if (hits.length === 0) return ok(`Nothing found for "${words}".`);
    return ok(undefined, [{ type: 'search-results', query: words, hits }]);
  },
};

export const jumpCommand: CommandSpec = {
  name: 'jump',
  summary: 'Show search result N in its conversation, with the messages around it.',
  args: [{ name: 'number', required: true, description: 'the number of the result in the search tab' }],
  examples: ['/jump 3'],
  run(_ctx, [value = '']) {
    const index = Number(value);
    if (!Number.isInteger(index) || index < 1) return fail(`"${value}" is not a result number. Usage: /jump N`);
    return ok(undefined, [{ type: 'jump', index }]);
  },
};
