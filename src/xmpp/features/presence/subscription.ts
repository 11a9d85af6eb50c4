import xml, { type Element } from '@xmpp/xml';
import { cutText } from '../../../domain/body-limit.js';
import { bareJid } from '../../../domain/jid.js';

const NS_NICK = 'http://jabber.org/protocol/nick';
/**
 * A stranger's note with a request is one line in the console, a hook's environment and an
 * event: kept to this many characters (a stanza can carry 256 KiB of it).
 */
export const MAX_NOTE_CHARS = 200;
/** The name they give (XEP-0172), cut likewise. */
export const MAX_NICK_CHARS = 64;

export interface SubscriptionRequest {
  /** Bare JID of who asks to see the account's presence. */
  jid: string;
  /** The name they give (XEP-0172), as received, cut to MAX_NICK_CHARS. */
  nick?: string;
  /** Their note with the request, as received, cut to MAX_NOTE_CHARS. */
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
  return { jid, ...(nick ? { nick: cutText(nick, MAX_NICK_CHARS) } : {}), ...(status ? { status: cutText(status, MAX_NOTE_CHARS) } : {}) };
}

/**
 * The answer (RFC 6121 §3.1.4 approve / §3.1.5 refuse). Approving also asks for theirs (§3.1.1)
 * when `askBack`, so both see each other, as people expect from "add contact".
 */
export function buildSubscriptionAnswer(jid: string, approve: boolean, askBack: boolean): Element[] {
  if (!approve) return [xml('presence', { to: jid, type: 'unsubscribed' })];
  return [xml('presence', { to: jid, type: 'subscribed' }), ...(askBack ? [xml('presence', { to: jid, type: 'subscribe' })] : [])];
}

/**
 * A subscription presence of RFC 6121 §3: "subscribe" asks to see `jid`'s presence (§3.1.1),
 * "unsubscribe" stops seeing it (§3.3.1), "subscribed" approves theirs, or pre-approves it before
 * they ask (§3.4), "unsubscribed" refuses or cancels theirs (§3.2.1).
 */
export function buildSubscriptionPresence(jid: string, type: 'subscribe' | 'unsubscribe' | 'subscribed' | 'unsubscribed'): Element {
  return xml('presence', { to: jid, type });
}
