import xml, { type Element } from '@xmpp/xml';

/** XEP-0202 §2 (and §4: the disco#info feature an entity that answers advertises). */
export const NS_TIME = 'urn:xmpp:time';

/** XEP-0202 §3: the query, an empty <time/> in an IQ get. */
export function buildTimeQuery(): Element {
  return xml('time', { xmlns: NS_TIME });
}

/**
 * XEP-0202 §2: "<tzo/> The entity's numeric time zone offset from UTC. The format MUST conform
 * to the Time Zone Definition (TZD) specified in XEP-0082" and "<utc/> The UTC time according
 * to the responding entity ... MUST be expressed in UTC". `now` in ms; `offsetMinutes` east of
 * UTC (+120 for UTC+02:00). Whole seconds, as in the XEP's example: the fraction tells nothing.
 */
export function buildTimeAnswer(now: number, offsetMinutes: number): Element {
  return xml('time', { xmlns: NS_TIME }, xml('tzo', {}, formatTzo(offsetMinutes)), xml('utc', {}, formatUtc(now)));
}

/** XEP-0082 §3 TZD "(+|-)hh:mm": UTC itself as "+00:00", as the XEP's example shows a zero offset. */
export function formatTzo(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const minutes = Math.abs(Math.trunc(offsetMinutes));
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${sign}${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
}

/** XEP-0082 §3 dateTime "CCYY-MM-DDThh:mm:ssZ", in UTC. */
export function formatUtc(now: number): string {
  return new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
