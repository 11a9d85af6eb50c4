import xml, { type Element } from '@xmpp/xml';
import { bareJid } from '../../../domain/jid.js';

const NS_NICK = 'http://jabber.org/protocol/nick';

export interface SubscriptionRequest {
  /** Bare JID of who asks to see the account's presence. */
  jid: string;
  /** The name they give (XEP-0172), as received. */
  nick?: string;
  /** Their note with the request, as received. */
  status?: string;
}

/**
 * RFC 6121 §3.1.3: a presence of type "subscribe" is someone asking to see this account's
 * presence. The server delivers it again at each login until it is answered.
 */
export function parseSubscriptionRequest(stanza: Element): SubscriptionRequest | undefined {
  if (!stanza.is('presence') || stanza.attrs.type !== 'subscribe') return undefined;
  const jid = bareJid(String(stanza.attrs.from ?? ''));
  if (!jid || !jid.includes('@')) return undefined;
  const nick = stanza.getChildText('nick', NS_NICK);
  const status = stanza.getChildText('status');
  return { jid, ...(nick ? { nick } : {}), ...(status ? { status } : {}) };
}

/**
 * The answer (RFC 6121 §3.1.4 approve / §3.1.5 refuse). Approving also asks for theirs (§3.1.1)
 * when `askBack`, so both see each other, as people expect from "add contact".
 */
export function buildSubscriptionAnswer(jid: string, approve: boolean, askBack: boolean): Element[] {
  if (!approve) return [xml('presence', { to: jid, type: 'unsubscribed' })];
  return [xml('presence', { to: jid, type: 'subscribed' }), ...(askBack ? [xml('presence', { to: jid, type: 'subscribe' })] : [])];
}
