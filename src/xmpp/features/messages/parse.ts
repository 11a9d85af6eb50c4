import type { Element } from '@xmpp/xml';
import type { ChatMessage } from '../../../domain/chat-message.js';
import { bareJid } from '../../../domain/jid.js';
import { replacedId } from '../corrections/corrections.js';
import { cutBody } from '../../../domain/body-limit.js';
import { trustedDelay } from './delay.js';
import { NS_MUC_USER, NS_OOB, NS_SID } from './ns.js';

export type ParseResult = { ok: true; message: ChatMessage } | { ok: false; reason: string };

export interface ParseContext {
  /** The time of arrival (default: the clock); an archive result's is its archive's stamp. */
  now?: () => number;
  /** The sender to take instead of the stanza's `from` (a forwarded copy's other party). */
  from?: string;
  /** The account's bare JID: a XEP-0359 stanza-id is trusted only when its archive ("by") is ours. */
  archive?: string;
  /** Whose <delay/> gives the message's time (the account's server handing over offline messages); no one's by default. */
  delayFrom?: string;
}

/**
 * Parses an incoming <message/> into a ChatMessage. Returns a reason instead of throwing, so
 * a malformed stanza from a stranger is dropped and logged, never fatal. Types "chat" and
 * "normal" with a body are chat messages (RFC 6121 §5.2.2: a client SHOULD treat a message
 * without type as "normal"); "groupchat", "headline" and "error" are for other features.
 */
export function parseChatMessage(stanza: Element, context: ParseContext = {}): ParseResult {
  const { now = Date.now, from: fromOverride, archive, delayFrom } = context;
  if (!stanza.is('message')) return { ok: false, reason: 'not a message' };
  const type = stanza.attrs.type ?? 'normal';
  if (type !== 'chat' && type !== 'normal') return { ok: false, reason: `type ${type}` };
  const from = fromOverride ?? (typeof stanza.attrs.from === 'string' ? stanza.attrs.from : '');
  const peer = bareJid(from);
  if (!peer) return { ok: false, reason: 'no valid from' };
  const body = stanza.getChildText('body');
  if (body === null) return { ok: false, reason: 'no body' };
  const slash = from.indexOf('/');
  const occupant = stanza.getChild('x', NS_MUC_USER) && slash > 0 && slash < from.length - 1 ? { room: peer, nick: from.slice(slash + 1) } : undefined;
  const arrived = now();
  const originId = stanza.getChild('origin-id', NS_SID)?.attrs.id;
  const replaced = replacedId(stanza);
  const file = fileUrl(stanza);
  // XEP-0359 §5: "the stanza-id MUST only be trusted when the 'by' attribute is the JID of the
  // entity whose archive it is" (anyone can put a stanza-id in a message they send).
  const stanzaId = archive
    ? stanza.getChildren('stanza-id', NS_SID).find((e) => e.attrs.by === archive && typeof e.attrs.id === 'string')?.attrs.id
    : undefined;
  return {
    ok: true,
    message: {
      peer,
      fullJid: from,
      direction: 'in',
      body: cutBody(body), // the rest of natter never sees more
      // A sender's own <delay/> is a claim: the time is when it arrived, unless delayFrom stamped it.
      at: trustedDelay(stanza, delayFrom, arrived) ?? arrived,
      ...(typeof stanza.attrs.id === 'string' ? { id: stanza.attrs.id } : {}),
      ...(typeof originId === 'string' ? { originId } : {}),
      ...(typeof stanzaId === 'string' ? { stanzaId } : {}),
      ...(replaced ? { replaces: replaced } : {}),
      ...(file ? { file } : {}),
      ...(occupant ? { occupant } : {}),
    },
  };
}

/** XEP-0066 §3: <x xmlns="jabber:x:oob"><url/></x>, as clients send HTTP upload links; http(s) only. */
function fileUrl(stanza: Element): string | undefined {
  const url = stanza.getChild('x', NS_OOB)?.getChildText('url')?.trim();
  if (!url || url.length > 2048) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
