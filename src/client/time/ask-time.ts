import type { Element } from '@xmpp/xml';
import type { EntityTime } from '../../commands/types.js';
import { bareJid } from '../../domain/jid.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { buildTimeQuery } from '../../xmpp/features/time/build.js';
import { parseTime } from '../../xmpp/features/time/parse.js';
import { systemClock, type Clock } from './clock.js';

/** How long /time waits for an answer: a device that is there answers in well under a second. */
export const TIME_QUERY_TIMEOUT_MS = 10_000;

/** What asking needs of an account (its runtime satisfies it). */
export interface TimeAskPort {
  /** An IQ get with `child` to `to` on the account's session; the answer's payload. Rejects as xmpp.js does (StanzaError, TimeoutError). */
  ask(child: Element, to: string, timeoutMs: number): Promise<Element | undefined>;
  /** The full JID of a contact's best online resource; undefined when none is known. */
  onlineAt(contact: string): string | undefined;
}

/** Conditions that say the entity does not do XEP-0202 (§3: service-unavailable), or hides it. */
const NOT_ANSWERED = new Set(['service-unavailable', 'feature-not-implemented']);

/**
 * Asks an entity its time (XEP-0202). A full JID is asked as written; a contact's bare JID at
 * its best online resource, as the roster shows it, else at the bare JID (its server answers
 * for it, usually with an error); a domain is the server itself. Throws an Error that says who
 * did not answer and why, in words for the console.
 */
export async function askEntityTime(port: TimeAskPort, written: string, clock: Clock = systemClock): Promise<EntityTime> {
  const to = target(port, written);
  let payload: Element | undefined;
  try {
    payload = await port.ask(buildTimeQuery(), to, TIME_QUERY_TIMEOUT_MS);
  } catch (error) {
    throw new Error(whyNot(to, error));
  }
  const receivedAt = clock.now();
  const time = parseTime(payload);
  if (!time.ok) throw new Error(`${sanitizeLine(to)} answered with a time natter can not read (${time.reason})`);
  return { jid: to, utc: time.utc, tzo: time.tzo, offsetMinutes: time.offsetMinutes, receivedAt, ourOffsetMinutes: clock.offsetAt(receivedAt) };
}

/** Whom to ask for what was written: the JID with its bare part in canonical form. */
function target(port: TimeAskPort, written: string): string {
  const bare = bareJid(written);
  const slash = written.indexOf('/');
  if (!bare || slash === written.length - 1) throw new Error(`"${sanitizeLine(written)}" is not a JID; write it as name@server, name@server/resource or server`);
  if (slash >= 0) return `${bare}/${written.slice(slash + 1)}`;
  return bare.includes('@') ? (port.onlineAt(bare) ?? bare) : bare;
}

function whyNot(to: string, error: unknown): string {
  const who = sanitizeLine(to);
  const { name, condition, message } = error as { name?: unknown; condition?: unknown; message?: unknown };
  if (name === 'StanzaError') {
    // The condition is an element name the peer chose: shown only when it looks like one of RFC 6120 §8.3.3's.
    const shown = typeof condition === 'string' && /^[a-z-]{1,40}$/.test(condition) ? condition : 'undefined-condition';
    return NOT_ANSWERED.has(shown) ? `${who} does not answer time queries (${shown})` : `${who} could not be asked the time (${shown})`;
  }
  if (name === 'TimeoutError') return `${who} did not answer the time query within ${TIME_QUERY_TIMEOUT_MS / 1000} s`;
  return `could not ask ${who} the time: ${sanitizeLine(typeof message === 'string' ? message : String(error))}`;
}
