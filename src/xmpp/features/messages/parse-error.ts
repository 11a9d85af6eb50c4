import type { Element } from '@xmpp/xml';
import { bareJid } from '../../../domain/jid.js';

const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

export interface MessageError {
  /** The id of the message the error answers (ours: its origin-id). */
  id: string;
  peer: string;
  /** "service-unavailable", or the server's text when it gave one. */
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
  return { id, peer, reason: text || condition || 'refused by the server' };
}

/** RFC 6120 §8.3.3: the defined condition of an error stanza ("conflict", "forbidden"...), if any. */
export function errorCondition(stanza: Element): string | undefined {
  return stanza.getChild('error')?.children.find(
    (c): c is Element => typeof c !== 'string' && c.attrs.xmlns === NS_STANZAS && c.name !== 'text',
  )?.name;
}
