import { sanitizeLine } from '../../domain/sanitize.js';
import { buildVcardQuery, parseVcard, type VcardField, type VcardParse } from '../../xmpp/features/vcard/vcard.js';
import { buildVcard4Query, parseVcard4 } from '../../xmpp/features/vcard/vcard4.js';
import { conditionOf, QUERY_TIMEOUT_MS, whyNot, type AskPort, type QueryWords } from './ask-entity.js';

const VCARD_WORDS: QueryWords = { answers: 'vCard queries', asked: 'asked for a vCard', query: 'the vCard query', ask: (who) => `read the vCard of ${who}` };

/** A vCard as read: its fields (none when nothing is published), how many were past the bound, and which kind it was. */
export interface Vcard {
  fields: VcardField[];
  left: number;
  /** vcard-temp (XEP-0054) or a vCard4 published on PEP (XEP-0292). */
  source: 'vcard-temp' | 'vCard4';
}

/**
 * The vCard of an account: its vCard4 (XEP-0292) where one is published, else its vcard-temp
 * (XEP-0054), both asked at once. A server may keep the two in step (Prosody's
 * mod_vcard_legacy does) or not; where both are there, the vCard4 is the newer format and the
 * one a modern client edits. Throws the vcard-temp error when neither could be read.
 */
export async function askVcard(port: Pick<AskPort, 'ask'>, bare: string): Promise<Vcard> {
  const [temp, four] = await Promise.allSettled([askVcardOf(port, bare, 'vcard-temp'), askVcardOf(port, bare, 'vCard4')]);
  if (four.status === 'fulfilled' && four.value.fields.length > 0) return four.value;
  if (temp.status === 'fulfilled') return temp.value;
  throw temp.reason;
}

/**
 * Reads one kind of vCard of an account (XEP-0054 §3.2: asked at the bare JID, which the user's server
 * answers). "If no vCard exists, the server MUST return a stanza error (which SHOULD be
 * <item-not-found/>) or an IQ-result containing an empty <vCard/> element": both read as no
 * fields. Throws an Error saying why otherwise.
 */
export async function askVcardOf(port: Pick<AskPort, 'ask'>, bare: string, source: Vcard['source']): Promise<Vcard> {
  let answer;
  try {
    answer = await port.ask(source === 'vCard4' ? buildVcard4Query() : buildVcardQuery(), bare, QUERY_TIMEOUT_MS);
  } catch (error) {
    if (conditionOf(error) === 'item-not-found') return { fields: [], left: 0, source };
    throw new Error(whyNot(bare, error, VCARD_WORDS));
  }
  const vcard: VcardParse = source === 'vCard4' ? parseVcard4(answer) : parseVcard(answer);
  if (!vcard.ok) throw new Error(`${sanitizeLine(bare)} answered with a vCard natter can not read (${vcard.reason})`);
  return { fields: vcard.fields, left: vcard.left, source };
}
