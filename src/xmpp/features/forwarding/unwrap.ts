import type { Element } from '@xmpp/xml';
import { bareJid } from '../../../domain/jid.js';
import { archivedAt } from '../messages/delay.js';

export const NS_FORWARD = 'urn:xmpp:forward:0';
export const NS_CARBONS = 'urn:xmpp:carbons:2';
export const NS_MAM = 'urn:xmpp:mam:2';

/**
 * A message as the features read it, once the XEP-0297 forwarding it may have come in is
 * taken off: as it arrived, a copy of one this account exchanged on another device (a carbon,
 * XEP-0280), or a result of an archive query (XEP-0313). `stanza` is the message itself.
 */
export type InboundMessage =
  | { via: 'live'; stanza: Element }
  | { via: 'carbon'; sent: boolean; stanza: Element }
  | { via: 'archive'; queryId: string; archiveId: string; at: number; stanza: Element };

export type Unwrapped = InboundMessage | { via: 'rejected'; reason: string; queryId?: string };

/**
 * Takes the forwarding off a <message/>, with the checks that make it safe to believe:
 * - XEP-0280 §11: "Any forwarded copies received by a Carbons-enabled client MUST be from that
 *   user's bare JID; any copies that do not meet this requirement MUST be ignored."
 * - XEP-0313 §4.2: results come from the account's own archive; one from anyone else is forged.
 * A carbon or result whose form is wrong is rejected with the reason; anything else is live.
 */
export function unwrapForwarded(stanza: Element, ownJid: string, now: number = Date.now()): Unwrapped {
  const carbon = stanza.getChild('received', NS_CARBONS) ?? stanza.getChild('sent', NS_CARBONS);
  if (carbon) return unwrapCarbon(stanza, carbon, ownJid);
  const result = stanza.getChild('result', NS_MAM);
  if (result) return unwrapArchiveResult(stanza, result, ownJid, now);
  return { via: 'live', stanza };
}

function unwrapCarbon(stanza: Element, wrapper: Element, ownJid: string): Unwrapped {
  const from = String(stanza.attrs.from ?? '');
  if (from.toLowerCase() !== bareJid(ownJid)) return { via: 'rejected', reason: `spoofed carbon from ${from || '(no from)'}` };
  const inner = wrapper.getChild('forwarded', NS_FORWARD)?.getChild('message');
  if (!inner) return { via: 'rejected', reason: 'carbon without a forwarded message' };
  return { via: 'carbon', sent: wrapper.name === 'sent', stanza: inner };
}

function unwrapArchiveResult(stanza: Element, result: Element, ownJid: string, now: number): Unwrapped {
  const queryId = typeof result.attrs.queryid === 'string' ? result.attrs.queryid : '';
  const from = stanza.attrs.from;
  if (from !== undefined && bareJid(String(from)) !== ownJid) {
    return { via: 'rejected', queryId, reason: `archive result from ${String(from)}, not from the account's own archive` };
  }
  const id = result.attrs.id;
  const forwarded = result.getChild('forwarded', NS_FORWARD);
  const inner = forwarded?.getChild('message');
  if (typeof id !== 'string' || !forwarded || !inner) return { via: 'rejected', queryId, reason: 'archive result without id or message' };
  // The <delay/> of <forwarded/> is when the archive (our server) got the message; one inside
  // the archived message is its sender's claim and is not read.
  return { via: 'archive', queryId, archiveId: id, at: archivedAt(forwarded, now) ?? now, stanza: inner };
}
