import { sanitizeLine } from '../../domain/sanitize.js';
import { buildVcardQuery, parseVcard, type VcardField } from '../../xmpp/features/vcard/vcard.js';
import { conditionOf, QUERY_TIMEOUT_MS, whyNot, type AskPort, type QueryWords } from './ask-entity.js';

const VCARD_WORDS: QueryWords = { answers: 'vCard queries', asked: 'asked for a vCard', query: 'the vCard query', ask: (who) => `read the vCard of ${who}` };

/** A vCard as read: its fields (none when nothing is published) and how many were past the bound. */
export interface Vcard {
  fields: VcardField[];
  left: number;
}

/**
 * Reads the vCard of an account (XEP-0054 §3.2: asked at the bare JID, which the user's server
 * answers). "If no vCard exists, the server MUST return a stanza error (which SHOULD be
 * <item-not-found/>) or an IQ-result containing an empty <vCard/> element": both read as no
 * fields. Throws an Error saying why otherwise.
 */
export async function askVcard(port: Pick<AskPort, 'ask'>, bare: string): Promise<Vcard> {
  let answer;
  try {
    answer = await port.ask(buildVcardQuery(), bare, QUERY_TIMEOUT_MS);
  } catch (error) {
    if (conditionOf(error) === 'item-not-found') return { fields: [], left: 0 };
    throw new Error(whyNot(bare, error, VCARD_WORDS));
  }
  const vcard = parseVcard(answer);
  if (!vcard.ok) throw new Error(`${sanitizeLine(bare)} answered with a vCard natter can not read (${vcard.reason})`);
  return { fields: vcard.fields, left: vcard.left };
}
