import type { Element } from '@xmpp/xml';
import { bareJid } from '../../../domain/jid.js';
import { NS_RECEIPTS } from '../messages/ns.js';

export type ReceiptEvent =
  | { kind: 'received'; peer: string; id: string }
  | { kind: 'request'; from: string; peer: string; id: string };

/**
 * XEP-0184: a <received id=…/> confirms one of our messages; a <request/> in a message with
 * an id asks us to confirm it. Groupchat and error messages take no part (§5.3, §6).
 */
export function parseReceipt(stanza: Element): ReceiptEvent | undefined {
  if (!stanza.is('message')) return undefined;
  const type = stanza.attrs.type ?? 'normal';
  if (type === 'groupchat' || type === 'error') return undefined;
  const from = typeof stanza.attrs.from === 'string' ? stanza.attrs.from : '';
  const peer = bareJid(from);
  if (!peer) return undefined;
  const received = stanza.getChild('received', NS_RECEIPTS);
  const confirmed = received?.attrs.id;
  if (typeof confirmed === 'string' && confirmed !== '') return { kind: 'received', peer, id: confirmed };
  const id = stanza.attrs.id;
  if (stanza.getChild('request', NS_RECEIPTS) && typeof id === 'string' && id !== '' && stanza.getChild('body')) {
    return { kind: 'request', from, peer, id };
  }
  return undefined;
}
