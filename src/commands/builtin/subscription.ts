import { bareJid, isBareJid } from '../../domain/jid.js';
import { fail, ok, type CommandContext, type CommandSpec } from '../types.js';

function answer(approve: boolean) {
  return async (ctx: CommandContext, [written = '']: string[]) => {
    const jid = bareJid(written);
    if (!isBareJid(jid)) return fail(`"${written}" is not a JID; write it as name@server, e.g. /${approve ? 'accept' : 'decline'} bob@example.org`);
    return ok(await ctx.api.answerSubscription(jid, approve));
  };
}

const asked = (ctx: CommandContext, index: number, partial: string): string[] =>
  index === 0 ? ctx.api.subscriptionRequests().filter((jid) => jid.startsWith(partial)) : [];

export const acceptCommand: CommandSpec = {
  name: 'accept',
  summary: 'Let someone who asked see your presence, and ask to see theirs (RFC 6121 §3.1).',
  args: [{ name: 'jid', required: true, description: 'who asked, e.g. bob@example.org (Tab completes those waiting)' }],
  description: 'Answers a subscription request shown in the console. When they are not a contact yet, natter asks to see their presence too, so you see each other.',
  examples: ['/accept bob@example.org'],
  run: answer(true),
  complete: asked,
};

export const declineCommand: CommandSpec = {
  name: 'decline',
  summary: 'Refuse to let someone who asked see your presence.',
  args: [{ name: 'jid', required: true, description: 'who asked, e.g. bob@example.org (Tab completes those waiting)' }],
  examples: ['/decline spam@example.org'],
  run: answer(false),
  complete: asked,
};
