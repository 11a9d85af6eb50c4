import type { Element } from '@xmpp/xml';
import { bareJid } from '../../../domain/jid.js';
import { NS_CHATSTATES, NS_DELAY } from './ns.js';
import type { StanzaPort } from './feature.js';
import type { InboundMessage } from '../forwarding/unwrap.js';

/**
 * Peers whose lock is kept at most, the least recently locked dropped first: anyone can write,
 * and 100,000 strangers must not make 100,000 entries. A peer whose lock was dropped gets the
 * next message at the bare JID, as before its first reply (RFC 6121 §5.1).
 */
export const MAX_LOCKS = 1000;

export interface ResourceLocks {
  /** Where a message to `peer` (a bare JID) goes: the locked full JID, or the bare JID. */
  target(peer: string): string;
  /** A fresh session: every lock is dropped (the peers' resources may have changed meanwhile). */
  reset(): void;
  stop(): void;
  /** How many peers are locked (for tests). */
  size(): number;
}

/**
 * RFC 6121 §5.1: send the first message of a chat to the bare JID, "lock in" to the full JID
 * that replies, and go back to the bare JID when that resource's presence changes. XEP-0296
 * §2: a message from another resource moves the lock there; a 'gone' chat state unlocks.
 * Only live messages lock: an offline or archived message says nothing about where the
 * peer is now.
 */
export function resourceLocks(port: Pick<StanzaPort, 'onMessage' | 'onPresence'>, ownJid: () => string, maxLocks = MAX_LOCKS): ResourceLocks {
  // A Map iterates in insertion order: deleting before setting keeps the most recent last.
  const locks = new Map<string, string>();
  const lock = (peer: string, full: string): void => {
    locks.delete(peer);
    locks.set(peer, full);
    if (locks.size > maxLocks) locks.delete(locks.keys().next().value as string);
  };
  const unlockIfFrom = (from: string): void => {
    const peer = bareJid(from);
    if (peer && locks.get(peer) === from) locks.delete(peer);
  };
  const fullFrom = (stanza: Element): string | undefined => {
    const from = typeof stanza.attrs.from === 'string' ? stanza.attrs.from : '';
    return from.includes('/') ? from : undefined;
  };
  const presence = (stanza: Element): void => {
    const from = fullFrom(stanza);
    if (from) unlockIfFrom(from);
  };
  const message = (inbound: Exclude<InboundMessage, { via: 'archive' }>): void => {
    const stanza = inbound.stanza;
    const from = fullFrom(stanza);
    if (inbound.via !== 'live' || !from || stanza.attrs.type !== 'chat') return;
    if (stanza.getChild('gone', NS_CHATSTATES)) {
      unlockIfFrom(from);
      return;
    }
    const peer = bareJid(from);
    if (!peer || peer === ownJid() || stanza.getChild('delay', NS_DELAY)) return;
    if (stanza.getChildText('body') !== null) lock(peer, from);
  };
  const stops = [port.onPresence(presence), port.onMessage(message)];
  return {
    target: (peer) => locks.get(peer) ?? peer,
    reset: () => locks.clear(),
    stop: () => stops.forEach((stop) => stop()),
    size: () => locks.size,
  };
}
