import { sanitizeLine } from '../../domain/sanitize.js';
import { contactJids, notAJid } from './jid-args.js';
import { fail, ok, type CommandSpec, type LastActivityAnswer } from '../types.js';

export const lastCommand: CommandSpec = {
  name: 'last',
  summary: "Ask how long a contact has been idle or away, or a server up (XEP-0012).",
  args: [{ name: 'jid', required: true, description: 'whom to ask: bob@example.org, bob@example.org/phone, or a server, example.org (Tab completes contacts)' }],
  description:
    "A contact's device (the one the roster shows them by, or a full JID as written) says how long its user has been idle; " +
    "an offline contact's server says how long ago they left, with their last status message; a server says how long it has been up. " +
    'Many clients and servers tell this only to contacts, as natter does.',
  examples: ['/last bob@example.org', '/last bob@example.org/phone', '/last example.org'],
  async run(ctx, [jid = '']) {
    const bad = notAJid('last', jid);
    if (bad) return fail(bad);
    return ok(describeLastActivity(await ctx.api.lastActivity(jid)));
  },
  complete: (ctx, index, partial) => (index === 0 ? contactJids(ctx, partial) : []),
};

/** "bob@x/phone has been idle for 5 minutes", "bob@x went offline 2 hours ago: bye", "x has been up for 3 days". */
export function describeLastActivity(answer: LastActivityAnswer): string {
  const who = sanitizeLine(answer.jid);
  const took = duration(answer.seconds);
  if (answer.kind === 'uptime') return `${who} has been up for ${took}`;
  if (answer.kind === 'idle') return answer.seconds < 60 ? `${who} is active (idle for ${took})` : `${who} has been idle for ${took}`;
  // 0 from a server: the account is online, or the server has not seen it leave (Prosody keeps
  // logouts in memory only).
  const when = answer.seconds === 0 && !answer.status ? `${who} is online, or their server does not know when they left` : `${who} went offline ${took} ago`;
  return answer.status ? `${when}: ${sanitizeLine(answer.status)}` : when;
}

/** "1 second", "45 seconds", "5 minutes", "3 hours 20 minutes", "4 days". */
function duration(seconds: number): string {
  const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds < 60) return plural(seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(minutes % 60, 'minute')}`;
  return plural(Math.floor(hours / 24), 'day');
}
