import type { EntityTime } from '../../commands/types.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { buildTimeQuery } from '../../xmpp/features/time/build.js';
import { parseTime } from '../../xmpp/features/time/parse.js';
import { askOrSay, QUERY_TIMEOUT_MS, queryTarget, type AskPort, type QueryWords } from '../who/ask-entity.js';
import { systemClock, type Clock } from './clock.js';

/** How long /time waits for an answer: a device that is there answers in well under a second. */
export const TIME_QUERY_TIMEOUT_MS = QUERY_TIMEOUT_MS;

/** What asking needs of an account (its runtime satisfies it). */
export type TimeAskPort = AskPort;

const TIME_WORDS: QueryWords = { answers: 'time queries', asked: 'asked the time', query: 'the time query', ask: (who) => `ask ${who} the time` };

/**
 * Asks an entity its time (XEP-0202). A full JID is asked as written; a contact's bare JID at
 * its best online resource, as the roster shows it, else at the bare JID (its server answers
 * for it, usually with an error); a domain is the server itself. Throws an Error that says who
 * did not answer and why, in words for the console.
 */
export async function askEntityTime(port: TimeAskPort, written: string, clock: Clock = systemClock): Promise<EntityTime> {
  const to = queryTarget(port, written, true);
  const payload = await askOrSay(port, buildTimeQuery(), to, TIME_WORDS);
  const receivedAt = clock.now();
  const time = parseTime(payload);
  if (!time.ok) throw new Error(`${sanitizeLine(to)} answered with a time natter can not read (${time.reason})`);
  return { jid: to, utc: time.utc, tzo: time.tzo, offsetMinutes: time.offsetMinutes, receivedAt, ourOffsetMinutes: clock.offsetAt(receivedAt) };
}
