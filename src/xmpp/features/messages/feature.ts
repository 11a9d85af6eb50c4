import type { Element } from '@xmpp/xml';
import type { ChatMessage } from '../../../domain/chat-message.js';
import { bareJid } from '../../../domain/jid.js';
import { parseCarbonCopy } from '../carbons/parse.js';
import { NS_CORRECT } from '../corrections/corrections.js';
import type { AdvertisePort } from '../disco/advertised.js';
import type { InboundPort } from '../forwarding/inbound-port.js';
import type { InboundMessage } from '../forwarding/unwrap.js';
import { parseChatMessage } from './parse.js';
import { NS_OOB } from './ns.js';
import { parseMessageError, type MessageError } from './parse-error.js';

/** What a feature that reads messages and sends stanzas needs of a session (the seam tests fake). */
export interface StanzaPort extends Pick<InboundPort, 'onMessage' | 'onPresence'> {
  send(element: Element): Promise<unknown>;
}

/** Reading chat messages (what we send goes through the client's outbox: client/outbox/outbox.ts). */
export interface MessagesFeature {
  stop(): void;
}

/**
 * One-to-one chat messages: incoming chat/normal messages with a body, and carbons of those
 * exchanged on other devices, are parsed and handed to `onMessage`; malformed ones go to
 * `onDropped` with the reason and are otherwise ignored. (Archive results are the archive
 * query's: the inbound router hands them to it, not here.) What it reads besides the body is
 * advertised: corrections (XEP-0308 §3) and file links (XEP-0066 §3, how HTTP uploads are shared).
 */
export function messagesFeature(
  port: StanzaPort & AdvertisePort,
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
  port.advertise(NS_CORRECT, NS_OOB);
  const live = (stanza: Element): void => {
    if (isRoom?.(bareJid(String(stanza.attrs.from ?? '')))) return;
    const error = parseMessageError(stanza);
    if (error) {
      handlers.onError?.(error);
      return;
    }
    const archive = ownJid?.();
    const trusted = delayFrom?.();
    const result = parseChatMessage(stanza, { ...(archive ? { archive } : {}), ...(trusted ? { delayFrom: trusted } : {}) });
    if (result.ok) handlers.onMessage(result.message);
    else if (result.reason !== 'no body' && !result.reason.startsWith('type ')) handlers.onDropped?.(result.reason, stanza);
  };
  const listener = (message: Exclude<InboundMessage, { via: 'archive' }>): void => {
    if (message.via === 'live') return live(message.stanza);
    const copy = parseCarbonCopy(message.stanza, message.sent);
    if (copy.ok) handlers.onMessage(copy.message);
    else if (copy.reason !== 'no body') handlers.onDropped?.(copy.reason, message.stanza);
  };
  const unsubscribe = port.onMessage(listener);
  return { stop: unsubscribe };
}
