import type { Element } from '@xmpp/xml';
import { bareJid } from '../../../domain/jid.js';
import { NS_CHATSTATES, NS_DELAY } from './ns.js';
import type { StanzaPort } from './feature.js';

export interface ResourceLocks {
  /** Where a message to `peer` (a bare JID) goes: the locked full JID, or the bare JID. */
  target(peer: string): string;
  /** A fresh session: every lock is dropped (the peers' resources may have changed meanwhile). */
  reset(): void;
  stop(): void;
}

/**
 * RFC 6121 §5.1: send the first message of a chat to the bare JID, "lock in" to the full JID
 * that replies, and go back to the bare JID when that resource's presence changes. XEP-0296
 * §2: a message from another resource moves the lock there; a 'gone' chat state unlocks.
 * Only live messages lock: an offline or archived message says nothing about where the
 * peer is now.
 */
export function resourceLocks(port: Pick<StanzaPort, 'on' | 'off'>, ownJid: () => string): ResourceLocks {
  const locks = new Map<string, string>();
  const unlockIfFrom = (from: string): void => {
    const peer = bareJid(from);
    if (peer && locks.get(peer) === from) locks.delete(peer);
  };
  const listener = (stanza: Element): void => {
    const from = typeof stanza.attrs.from === 'string' ? stanza.attrs.from : '';
    if (!from.includes('/')) return;
    if (stanza.is('presence')) {
      unlockIfFrom(from);
      return;
    }
    if (!stanza.is('message') || stanza.attrs.type !== 'chat') return;
    if (stanza.getChild('gone', NS_CHATSTATES)) {
      unlockIfFrom(from);
      return;
    }
    const peer = bareJid(from);
    if (!peer || peer === ownJid() || stanza.getChild('delay', NS_DELAY)) return;
    if (stanza.getChildText('body') !== null) locks.set(peer, from);
  };
  port.on('stanza', listener);
  return {
    target: (peer) => locks.get(peer) ?? peer,
    reset: () => locks.clear(),
    stop: () => void port.off('stanza', listener),
  };
}
