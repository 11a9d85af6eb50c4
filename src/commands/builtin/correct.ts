import { parseTabId } from '../../domain/tab-address.js';
import { fail, ok, type CommandSpec } from '../types.js';

export const correctCommand: CommandSpec = {
  name: 'correct',
  summary: 'Correct your last message in this chat (Up on an empty line starts it for you).',
  args: [{ name: 'text', required: true, rest: true, description: 'the corrected message' }],
  description:
    'Sends a correction (XEP-0308): the other side shows the new text in place of the old one, marked edited. ' +
    'natter shows it the same way and keeps the original in the history.',
  examples: ['/correct see you at 6, not 5'],
  async run(ctx, [text = '']) {
    const peer = parseTabId(ctx.state().activeTabId, 'chat')?.peer;
    if (!peer) return fail('/correct works in a chat tab: it corrects your last message there.');
    if (text.trim() === '') return fail('Usage: /correct TEXT');
    await ctx.api.correct(peer, text);
    return ok();
  },
};
