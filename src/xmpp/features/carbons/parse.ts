import type { Element } from '@xmpp/xml';
import type { ChatMessage } from '../../../domain/chat-message.js';
import { bareJid } from '../../../domain/jid.js';
import { parseChatMessage } from '../messages/parse.js';

export const NS_CARBONS = 'urn:xmpp:carbons:2';
export const NS_FORWARD = 'urn:xmpp:forward:0';

export type CarbonResult = { ok: true; message: ChatMessage } | { ok: false; reason: string };

/**
 * XEP-0280 §6/§7: a <received/> or <sent/> carbon wraps the forwarded copy of a message this
 * account exchanged on another device. Returns undefined when `stanza` is not a carbon.
 *
 * §11 Security: "Any forwarded copies received by a Carbons-enabled client MUST be from that
 * user's bare JID; any copies that do not meet this requirement MUST be ignored."
 */
export function parseCarbon(stanza: Element, ownJid: string): CarbonResult | undefined {
  const wrapper = stanza.getChild('received', NS_CARBONS) ?? stanza.getChild('sent', NS_CARBONS);
  if (!wrapper) return undefined;
  const from = String(stanza.attrs.from ?? '');
  if (from !== bareJid(ownJid) && from.toLowerCase() !== bareJid(ownJid)) {
    return { ok: false, reason: `spoofed carbon from ${from || '(no from)'}` };
  }
  const inner = wrapper.getChild('forwarded', NS_FORWARD)?.getChild('message');
  if (!inner) return { ok: false, reason: 'carbon without a forwarded message' };
  const sent = wrapper.name === 'sent';
  // Parse the copy as if it came from the other party, then orient it. A copy is live: any
  // <delay/> in it is the sender's claim, so its time is when it arrived.
  const party = String((sent ? inner.attrs.to : inner.attrs.from) ?? '');
  const parsed = parseChatMessage(inner, { from: party });
  if (!parsed.ok) return parsed;
  return { ok: true, message: { ...parsed.message, direction: sent ? 'out' : 'in' } };
}
