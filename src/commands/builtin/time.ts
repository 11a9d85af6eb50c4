import { sanitizeLine } from '../../domain/sanitize.js';
import { contactJids, notAJid } from './jid-args.js';
import { fail, ok, type CommandSpec, type EntityTime } from '../types.js';

export const timeCommand: CommandSpec = {
  name: 'time',
  summary: "Ask a contact's device, or a server, what time it is there (XEP-0202).",
  args: [{ name: 'jid', required: true, description: 'whom to ask: bob@example.org, bob@example.org/phone, or a server, example.org (Tab completes contacts)' }],
  description:
    'Shows their local time, their offset from UTC and how far ahead of you or behind you they are. ' +
    "A full JID (with /resource) is asked as written; a contact's bare JID is asked at the device the roster shows them by, " +
    'or at the bare JID when none is online (their server then answers, usually that it can not). ' +
    'Many clients tell their time only to their contacts, as natter does: to your contacts, people you wrote to and rooms you are in.',
  examples: ['/time bob@example.org', '/time bob@example.org/phone', '/time example.org'],
  async run(ctx, [jid = '']) {
    const bad = notAJid('time', jid);
    if (bad) return fail(bad);
    return ok(describeEntityTime(await ctx.api.entityTime(jid)));
  },
  complete: (ctx, index, partial) => (index === 0 ? contactJids(ctx, partial) : []),
};

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** "bob@x/phone: 14:03 (UTC+02:00), 2 hours ahead of you", with the day when it is not ours, and a clock far off ours. */
export function describeEntityTime(time: EntityTime): string {
  return `${sanitizeLine(time.jid)}: ${describeLocalTime(time)}`;
}

/** "14:03 (UTC+02:00), 2 hours ahead of you": their local time, without who they are (/info shows it under their device). */
export function describeLocalTime(time: EntityTime): string {
  // Their wall clock and ours, each as if it were UTC: what the clocks on the wall show.
  const theirs = time.utc + time.offsetMinutes * MINUTE;
  const ours = time.receivedAt + time.ourOffsetMinutes * MINUTE;
  const days = Math.floor(theirs / DAY) - Math.floor(ours / DAY);
  const day = days === 0 ? '' : days === 1 ? ' tomorrow' : days === -1 ? ' yesterday' : ` on ${new Date(theirs).toISOString().slice(0, 10)}`;
  const zones = time.offsetMinutes - time.ourOffsetMinutes;
  const apart = zones === 0 ? 'the same UTC offset as you' : `${span(Math.abs(zones))} ${zones > 0 ? 'ahead of you' : 'behind you'}`;
  // XEP-0202 §6: a clock far from UTC is worth knowing; a few seconds are the network's.
  const skew = Math.round((time.utc - time.receivedAt) / MINUTE);
  const clock = skew === 0 ? '' : `; their clock is ${span(Math.abs(skew))} ${skew > 0 ? 'ahead of' : 'behind'} yours`;
  return `${new Date(theirs).toISOString().slice(11, 16)}${day} (UTC${time.tzo}), ${apart}${clock}`;
}

/** "45 minutes", "1 hour", "5 hours 30 minutes", "3 days". */
function span(minutes: number): string {
  const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes >= 2 * 24 * 60) return plural(Math.round(minutes / (24 * 60)), 'day');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return plural(rest, 'minute');
  return rest === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(rest, 'minute')}`;
}
