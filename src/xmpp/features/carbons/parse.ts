import type { Element } from '@xmpp/xml';
import type { ChatMessage } from '../../../domain/chat-message.js';
import { parseChatMessage } from '../messages/parse.js';

export { NS_CARBONS } from '../forwarding/unwrap.js';

export type CarbonResult = { ok: true; message: ChatMessage } | { ok: false; reason: string };

/**
 * XEP-0280 §6/§7: the copy a <received/> or <sent/> carbon forwarded (taken off and checked
 * by the inbound router, forwarding/unwrap.ts), as a message this account exchanged on
 * another device: parsed as if it came from the other party, then oriented. A copy is live:
 * any <delay/> in it is the sender's claim, so its time is when it arrived.
 */
export function parseCarbonCopy(copy: Element, sent: boolean): CarbonResult {
  const party = String((sent ? copy.attrs.to : copy.attrs.from) ?? '');
  const parsed = parseChatMessage(copy, { from: party });
  if (!parsed.ok) return parsed;
  return { ok: true, message: { ...parsed.message, direction: sent ? 'out' : 'in' } };
}
