import { isConversation, parseTabId } from '../../domain/tab-address.js';
import { sendInTab } from '../send-in-tab.js';
import { fail, ok, type CommandSpec } from '../types.js';

export const meCommand: CommandSpec = {
  name: 'me',
  summary: 'Say what you do, in the third person (/me waves → * you waves).',
  args: [{ name: 'action', required: true, rest: true, description: 'what you do' }],
  description: 'Sends a message that starts with "/me " (XEP-0245); clients show it as an action: * alice waves.',
  examples: ['/me waves', '/me is back from lunch'],
  async run(ctx, [action = '']) {
    const address = parseTabId(ctx.state().activeTabId);
    if (!isConversation(address)) return fail('/me works in a chat or room tab. Open one with /msg JID or /join ROOM.');
    if (action.trim() === '') return fail('Usage: /me ACTION, e.g. /me waves');
    await sendInTab(ctx.api, address, `/me ${action}`);
    return ok();
  },
};
