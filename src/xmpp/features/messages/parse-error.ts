import type { Element } from '@xmpp/xml';
import { bareJid, jidDomain } from '../../../domain/jid.js';

const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

/** How much of an error's <text/> natter keeps: it is shown after the message it is about. */
export const MAX_ERROR_TEXT = 200;

export interface MessageError {
  /** The id of the message the error answers (ours: its origin-id). */
  id: string;
  /** The bare JID it came from (lower case; '' when the from was not a JID). */
  peer: string;
  /** "service-unavailable", or the sender's text (at most MAX_ERROR_TEXT characters) when it gave one. */
  reason: string;
}

/**
 * RFC 6120 §8.3: a <message type="error"/> carries the id of the stanza that failed and an
 * <error/> with a defined condition (and maybe a <text/>). Undefined for anything else.
 */
export function parseMessageError(stanza: Element): MessageError | undefined {
  if (!stanza.is('message') || stanza.attrs.type !== 'error') return undefined;
  const id = stanza.attrs.id;
  if (typeof id !== 'string' || id === '') return undefined;
  const condition = errorCondition(stanza);
  const text = stanza.getChild('error')?.getChildText('text', NS_STANZAS)?.trim();
  const peer = bareJid(typeof stanza.attrs.from === 'string' ? stanza.attrs.from : '');
  return { id, peer, reason: (text && cutText(text)) || condition || 'refused by the server' };
}

/**
 * True when `error` may say that our message to `to`, sent from `account`, failed. RFC 6120
 * §8.3: an error is returned by the entity that could not handle the stanza: the recipient,
 * its server, or our own server on the way; servers stamp each stanza's `from` (§8.1.2.1), so
 * it must come from the bare JID the message went to (any of its resources), from that JID's
 * domain or from the account's domain. Anyone else only learnt the id, and is not believed.
 */
export function mayRefuse(error: MessageError, to: string, account: string): boolean {
  const recipient = bareJid(to);
  if (recipient === '' || error.peer === '') return false;
  return error.peer === recipient || error.peer === jidDomain(recipient) || error.peer === jidDomain(account);
}

/** RFC 6120 §8.3.3: the defined condition of an error stanza ("conflict", "forbidden"...), if any. */
export function errorCondition(stanza: Element): string | undefined {
  return stanza.getChild('error')?.children.find(
    (c): c is Element => typeof c !== 'string' && c.attrs.xmlns === NS_STANZAS && c.name !== 'text',
  )?.name;
}

function cutText(text: string): string {
  if (text.length <= MAX_ERROR_TEXT) return text;
  return `${Array.from(text.slice(0, MAX_ERROR_TEXT * 2)).slice(0, MAX_ERROR_TEXT - 1).join('')}…`; // whole characters
}
