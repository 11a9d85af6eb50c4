import type { Element } from '@xmpp/xml';
import type { ChatMessage } from '../../../domain/chat-message.js';
import { bareJid } from '../../../domain/jid.js';
import { buildChatMessage } from './build.js';
import { parseCarbon } from '../carbons/parse.js';
import { parseChatMessage } from './parse.js';
import { parseMessageError, type MessageError } from './parse-error.js';

const NS_MAM = 'urn:xmpp:mam:2';

/** The part of an xmpp.js entity this feature uses (the seam tests fake). */
export interface StanzaPort {
  on(event: 'stanza', listener: (stanza: Element) => void): unknown;
  off(event: 'stanza', listener: (stanza: Element) => void): unknown;
  send(element: Element): Promise<unknown>;
}

export interface MessagesFeature {
  /** Sends a chat message; `id` (also its origin-id) lets a resend keep the same identity. */
  send(to: string, body: string, id?: string): Promise<ChatMessage>;
  stop(): void;
}

/**
 * One-to-one chat messages: incoming chat/normal messages with a body are parsed and handed
 * to `onMessage`; malformed ones go to `onDropped` with the reason and are otherwise ignored.
 */
export function messagesFeature(
  port: StanzaPort,
  handlers: {
    onMessage(message: ChatMessage): void;
    onDropped?(reason: string, stanza: Element): void;
    /** A message we sent was refused (RFC 6120 §8.3). */
    onError?(error: MessageError): void;
  },
  context: {
    /** The account's bare JID; carbons (XEP-0280) are accepted only from it. */
    ownJid?: () => string;
    /** Rooms joined (XEP-0045): their messages, private ones and errors included, are the rooms feature's. */
    isRoom?: (bareJid: string) => boolean;
    /**
     * Whose <delay/> (XEP-0203) gives a live message its time, right now: the account's server
     * while it hands over the messages it kept offline; undefined (the time of arrival) otherwise.
     */
    delayFrom?: () => string | undefined;
  } = {},
): MessagesFeature {
  const { ownJid, isRoom, delayFrom } = context;
  const listener = (stanza: Element): void => {
    if (!stanza.is('message')) return;
    if (isRoom?.(bareJid(String(stanza.attrs.from ?? '')))) return;
    // Archive results (XEP-0313) are the MAM catch-up's to read, not live messages.
    if (stanza.getChild('result', NS_MAM)) return;
    const error = parseMessageError(stanza);
    if (error) {
      handlers.onError?.(error);
      return;
    }
    const carbon = ownJid ? parseCarbon(stanza, ownJid()) : undefined;
    if (carbon) {
      if (carbon.ok) handlers.onMessage(carbon.message);
      else if (carbon.reason !== 'no body') handlers.onDropped?.(carbon.reason, stanza);
      return;
    }
    const archive = ownJid?.();
    const trusted = delayFrom?.();
    const result = parseChatMessage(stanza, { ...(archive ? { archive } : {}), ...(trusted ? { delayFrom: trusted } : {}) });
    if (result.ok) handlers.onMessage(result.message);
    else if (result.reason !== 'no body' && !result.reason.startsWith('type ')) handlers.onDropped?.(result.reason, stanza);
  };
  port.on('stanza', listener);
  return {
    async send(to, body, id) {
      const stanza = buildChatMessage(to, body, id);
      await port.send(stanza);
      const sentId = String(stanza.attrs.id);
      return { peer: to, direction: 'out', body, at: Date.now(), id: sentId, originId: sentId };
    },
    stop: () => void port.off('stanza', listener),
  };
}
