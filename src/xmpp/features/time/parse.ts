import type { Element } from '@xmpp/xml';
import { formatTzo, NS_TIME } from './build.js';

/** What an entity says its time is (XEP-0202 §2). */
export interface EntityTimeAnswer {
  /** Its clock, in ms since the epoch. */
  utc: number;
  /** Its offset from UTC, written the one way natter writes it ("Z" and "-00:00" as "+00:00"). */
  tzo: string;
  /** The same offset in minutes east of UTC (+120 for "+02:00"). */
  offsetMinutes: number;
}

export type TimeParse = ({ ok: true } & EntityTimeAnswer) | { ok: false; reason: string };

/**
 * The longest text read from <tzo/> or <utc/>: "+hh:mm" is 6 characters and a dateTime with
 * nanoseconds 30; anything much longer is not a time, and is not worth a regular expression.
 */
const MAX_TEXT = 40;

/** XEP-0082 §3 TZD: "Z" or "(+|-)hh:mm"; hh and mm as RFC 3339 §5.6 bounds them (00–23, 00–59). */
const TZD = /^(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * XEP-0082 §3 dateTime "CCYY-MM-DDThh:mm:ss[.sss]TZD", which XEP-0202 §2 says "MUST be
 * expressed in UTC": Z, or a zero offset written out. A fraction of up to nine digits.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|[+-]00:00)$/;

/**
 * Reads the <time/> of an XEP-0202 answer. Strict: the two children once each, a real date
 * (no 31 April, no hour 24), an offset within the TZD grammar; anything else comes back with a
 * reason, never as an exception or as NaN.
 */
export function parseTime(time: Element | undefined): TimeParse {
  if (!time || !time.is('time', NS_TIME)) return { ok: false, reason: 'no <time/> in the answer' };
  const tzoText = onlyChildText(time, 'tzo');
  if (tzoText === undefined) return { ok: false, reason: 'not exactly one <tzo/>' };
  const utcText = onlyChildText(time, 'utc');
  if (utcText === undefined) return { ok: false, reason: 'not exactly one <utc/>' };
  const offsetMinutes = parseTzo(tzoText);
  if (offsetMinutes === undefined) return { ok: false, reason: 'an offset that is not (+|-)hh:mm' };
  const utc = parseUtc(utcText);
  if (utc === undefined) return { ok: false, reason: 'a <utc/> that is not a date and time in UTC' };
  return { ok: true, utc, tzo: formatTzo(offsetMinutes), offsetMinutes };
}

/** Minutes east of UTC of a TZD ("+05:30" → 330, "Z" → 0); undefined when it is not one. */
export function parseTzo(text: string): number | undefined {
  const match = text.length <= MAX_TEXT ? TZD.exec(text) : null;
  if (!match) return undefined;
  const [, sign, hh = '00', mm = '00'] = match;
  const hours = Number(hh);
  const minutes = Number(mm);
  if (hours > 23 || minutes > 59) return undefined;
  const total = hours * 60 + minutes;
  return sign === '-' && total > 0 ? -total : total;
}

/** The instant (ms since the epoch) of a dateTime in UTC; undefined when it is not one or not a real date. */
export function parseUtc(text: string): number | undefined {
  const match = text.length <= MAX_TEXT ? DATE_TIME.exec(text) : null;
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  // Second 60 is a leap second (RFC 3339 §5.7); it reads as the next minute's first.
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return undefined;
  const midnight = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0–99 as 1900–1999.
  midnight.setUTCFullYear(year, month - 1, day);
  // A day the month does not have (30 February) rolls into the next month: not a date.
  if (midnight.getUTCMonth() !== month - 1 || midnight.getUTCDate() !== day) return undefined;
  const millis = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  return midnight.getTime() + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
}

/** The trimmed text of the one child `name` of `parent`; undefined when there is none or several. */
function onlyChildText(parent: Element, name: string): string | undefined {
  const children = parent.getChildren(name, NS_TIME);
  if (children.length !== 1) return undefined;
  const text = children[0]?.text() ?? '';
  return text.length > MAX_TEXT ? text : text.trim();
}
