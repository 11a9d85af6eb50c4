import type { Element } from '@xmpp/xml';
import { sanitizeLine } from '../../domain/sanitize.js';
import { withField } from '../../xmpp/features/vcard/edit.js';
import { buildVcardQuery } from '../../xmpp/features/vcard/vcard.js';
import { conditionOf, QUERY_TIMEOUT_MS, whyNot, type AskPort } from './ask-entity.js';

/** What editing one's own vCard needs of an account (its runtime satisfies it). */
export interface OwnVcardPort extends Pick<AskPort, 'ask'> {
  readonly jid: string;
  /** An IQ set with `child` to the account itself; rejects as xmpp.js does. */
  setOwn(child: Element, timeoutMs: number): Promise<Element | undefined>;
}

/**
 * Sets (or, with `value` undefined, removes) one field of the account's vCard. XEP-0054 §3.2:
 * the whole card is published, so it is read first and every other field kept; a card that
 * can not be read is not overwritten (item-not-found alone means there is none yet). Returns
 * what was done; throws an Error saying why not.
 */
export async function editOwnVcard(port: OwnVcardPort, field: string, value: string | undefined): Promise<string> {
  const name = field.toUpperCase();
  const current = await readRaw(port);
  const edit = withField(current, name, value);
  if (!edit.ok) throw new Error(edit.reason);
  try {
    await port.setOwn(edit.vcard, QUERY_TIMEOUT_MS);
  } catch (error) {
    const condition = conditionOf(error);
    throw new Error(condition ? `${sanitizeLine(port.jid)}'s server refused the vCard (${condition})` : whyNot(port.jid, error, WORDS));
  }
  return value === undefined ? `removed ${name} from the vCard of ${port.jid}` : `set ${name} on the vCard of ${port.jid}`;
}

const WORDS = { answers: 'vCard queries', asked: 'asked for its vCard', query: 'the vCard request', ask: (who: string) => `publish the vCard of ${who}` };

async function readRaw(port: OwnVcardPort): Promise<Element | undefined> {
  try {
    return await port.ask(buildVcardQuery(), port.jid, QUERY_TIMEOUT_MS);
  } catch (error) {
    const condition = conditionOf(error);
    if (condition === 'item-not-found') return undefined;
    // Offline: the runtime's own sentence says it all (nothing was asked, nothing published).
    if (condition === undefined && (error as Error).name !== 'TimeoutError') throw error;
    throw new Error(`the vCard was left as it is: ${whyNot(port.jid, error, WORDS)}`);
  }
}
