import type { Element } from '@xmpp/xml';
import { NS_DELAY } from './ns.js';

/**
 * The time a <delay/> (XEP-0203) stamped by `trustedFrom` gives, never later than `now`;
 * undefined when `stanza` has no such delay. Anyone can put a <delay/> into a message they
 * send, with any `from` and any date: a date that orders the history or resumes the archive
 * must come from an entity that set it itself (our server's offline storage, a room's
 * discussion history; §3: "the 'from' attribute … identifies the entity that originally sent
 * the XML stanza or that delayed the delivery of the stanza"). Where several delays are
 * present the last is taken: a server appends its own after those the sender wrote.
 */
export function trustedDelay(stanza: Element, trustedFrom: string | undefined, now: number): number | undefined {
  if (!trustedFrom) return undefined;
  const trusted = trustedFrom.toLowerCase();
  return stampOf(stanza.getChildren('delay', NS_DELAY).filter((d) => String(d.attrs.from ?? '').toLowerCase() === trusted).at(-1), now);
}

/**
 * XEP-0313 §4.2: when the account's own archive got a message, from the <delay/> of the
 * <forwarded/> wrapper of a result it sent (the caller checked it came from the archive),
 * never later than `now`. Not the delay inside the archived message: that is its sender's claim.
 */
export function archivedAt(forwarded: Element, now: number): number | undefined {
  return stampOf(forwarded.getChild('delay', NS_DELAY), now);
}

function stampOf(delay: Element | undefined, now: number): number | undefined {
  const stamp = Date.parse(String(delay?.attrs.stamp ?? ''));
  return Number.isFinite(stamp) ? Math.min(stamp, now) : undefined;
}
