import type { LastActivityAnswer } from '../../commands/types.js';
import { bareJid } from '../../domain/jid.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { buildLastQuery, parseLast } from '../../xmpp/features/last/last.js';
import type { TimeAskPort } from '../time/ask-time.js';

/** How long /last waits for an answer. */
export const LAST_QUERY_TIMEOUT_MS = 10_000;

/** Conditions that say the entity does not do XEP-0012, or hides it from us. */
const NOT_ANSWERED = new Set(['service-unavailable', 'feature-not-implemented', 'forbidden', 'not-allowed']);

/**
 * Asks an entity its last activity (XEP-0012). What the number means depends on whom it asks
 * (§1): a device (full JID) answers how long its user has been idle; an account (bare JID,
 * answered by its server) how long ago it went offline; a server how long it has been up. A
 * contact's bare JID is asked at its best online resource, as /time does. Throws an Error that
 * says who did not answer and why.
 */
export async function askLastActivity(port: TimeAskPort, written: string): Promise<LastActivityAnswer> {
  const bare = bareJid(written);
  const slash = written.indexOf('/');
  if (!bare || slash === written.length - 1) throw new Error(`"${sanitizeLine(written)}" is not a JID; write it as name@server, name@server/resource or server`);
  const to = slash >= 0 ? `${bare}/${written.slice(slash + 1)}` : bare.includes('@') ? (port.onlineAt(bare) ?? bare) : bare;
  const kind = to.includes('/') ? 'idle' : to.includes('@') ? 'offline' : 'uptime';
  let payload;
  try {
    payload = await port.ask(buildLastQuery(), to, LAST_QUERY_TIMEOUT_MS);
  } catch (error) {
    throw new Error(whyNot(to, error));
  }
  const last = parseLast(payload);
  if (!last.ok) throw new Error(`${sanitizeLine(to)} answered with a last activity natter can not read (${last.reason})`);
  return { jid: to, kind, seconds: last.seconds, ...(last.status === undefined ? {} : { status: last.status }) };
}

function whyNot(to: string, error: unknown): string {
  const who = sanitizeLine(to);
  const { name, condition, message } = error as { name?: unknown; condition?: unknown; message?: unknown };
  if (name === 'StanzaError') {
    const shown = typeof condition === 'string' && /^[a-z-]{1,40}$/.test(condition) ? condition : 'undefined-condition';
    return NOT_ANSWERED.has(shown) ? `${who} does not tell its last activity (${shown})` : `${who} could not be asked its last activity (${shown})`;
  }
  if (name === 'TimeoutError') return `${who} did not answer the last activity query within ${LAST_QUERY_TIMEOUT_MS / 1000} s`;
  return `could not ask ${who} its last activity: ${sanitizeLine(typeof message === 'string' ? message : String(error))}`;
}
