import type { Element } from '@xmpp/xml';
import { bareJid } from '../../domain/jid.js';
import { sanitizeLine } from '../../domain/sanitize.js';

/** How long a query waits for an answer: a device that is there answers in well under a second. */
export const QUERY_TIMEOUT_MS = 10_000;

/** What asking needs of an account (its runtime satisfies it). */
export interface AskPort {
  /** An IQ get with `child` to `to` on the account's session; the answer's payload. Rejects as xmpp.js does (StanzaError, TimeoutError). */
  ask(child: Element, to: string, timeoutMs: number): Promise<Element | undefined>;
  /** The full JID of a contact's best online resource; undefined when none is known. */
  onlineAt(contact: string): string | undefined;
}

/** The words of one kind of query, for the sentences that say why it got no answer. */
export interface QueryWords {
  /** "time queries": X does not answer … */
  answers: string;
  /** "asked the time": X could not be … */
  asked: string;
  /** "the time query": X did not answer … within 10 s */
  query: string;
  /** "ask X the time": could not … */
  ask(who: string): string;
}

/**
 * Whom to ask for what was written: the JID with its bare part in canonical form. A full JID
 * as written; with `atDevice`, a contact's bare JID at its best online resource, as the roster
 * shows it (else the bare JID, for its server to answer); a domain is the server itself.
 * Throws when it is not a JID.
 */
export function queryTarget(port: Pick<AskPort, 'onlineAt'>, written: string, atDevice: boolean): string {
  const bare = bareJid(written);
  const slash = written.indexOf('/');
  if (!bare || slash === written.length - 1) throw new Error(`"${sanitizeLine(written)}" is not a JID; write it as name@server, name@server/resource or server`);
  if (slash >= 0) return `${bare}/${written.slice(slash + 1)}`;
  return atDevice && bare.includes('@') ? (port.onlineAt(bare) ?? bare) : bare;
}

/** Conditions that say the entity does not do the query (RFC 6120 §8.3.3.19), or hides it. */
const NOT_ANSWERED = new Set(['service-unavailable', 'feature-not-implemented']);

/** The stanza error condition of a rejection, when it looks like one of RFC 6120 §8.3.3's. */
export function conditionOf(error: unknown): string | undefined {
  const { name, condition } = error as { name?: unknown; condition?: unknown };
  if (name !== 'StanzaError') return undefined;
  // The condition is an element name the peer chose: shown only when it looks like one.
  return typeof condition === 'string' && /^[a-z-]{1,40}$/.test(condition) ? condition : 'undefined-condition';
}

/** Why `to` gave no answer, in words for the console: its error, the timeout, or ours (offline). */
export function whyNot(to: string, error: unknown, words: QueryWords): string {
  const who = sanitizeLine(to);
  const condition = conditionOf(error);
  if (condition !== undefined) return NOT_ANSWERED.has(condition) ? `${who} does not answer ${words.answers} (${condition})` : `${who} could not be ${words.asked} (${condition})`;
  const { name, message } = error as { name?: unknown; message?: unknown };
  if (name === 'TimeoutError') return `${who} did not answer ${words.query} within ${QUERY_TIMEOUT_MS / 1000} s`;
  return `could not ${words.ask(who)}: ${sanitizeLine(typeof message === 'string' ? message : String(error))}`;
}

/**
 * Asks `to` and returns the answer's payload; an Error saying why not, in `words`, otherwise
 * (or in the sentence `special` has for the error's condition, where it has one).
 */
export async function askOrSay(port: AskPort, child: Element, to: string, words: QueryWords, special?: (condition: string) => string | undefined): Promise<Element | undefined> {
  try {
    return await port.ask(child, to, QUERY_TIMEOUT_MS);
  } catch (error) {
    const condition = conditionOf(error);
    throw new Error((condition === undefined ? undefined : special?.(condition)) ?? whyNot(to, error, words));
  }
}
