import { randomUUID } from 'node:crypto';
import type { Element } from '@xmpp/xml';
import type { EventSink } from '../../domain/events.js';
import { chatTabId } from '../../domain/tab-address.js';
import { sanitizeText } from '../../domain/sanitize.js';
import type { MessageHistory } from '../../history/message-history.js';
import type { Store } from '../../store/create-store.js';
import { buildCorrection } from '../../xmpp/features/corrections/corrections.js';
import { ourRow } from './history-rows.js';

/**
 * XEP-0308: replaces the text of the last message `account` sent to `peer`. Sent first (a
 * correction is only sent online), then stored as a row that replaces the original, and the
 * original's line shows the new text.
 */
export async function sendCorrection(
  deps: { account: string; history: MessageHistory; store: Store; send(stanza: Element): Promise<unknown>; target(peer: string): string; onEvent?: EventSink | undefined },
  peer: string,
  body: string,
): Promise<void> {
  const { account, history } = deps;
  const original = history.lastOutgoing(account, peer);
  if (!original) throw new Error(`there is no message of yours to ${peer} to correct`);
  // XEP-0308 names the original by its stanza id: ours carry the same value as origin-id; one
  // sent from the user's other device (a carbon) is named by the id that device gave it.
  const originalId = original.messageId ?? original.originId;
  if (!originalId) throw new Error(`your last message to ${peer} (sent from another device) carries no id a correction could name; it can not be corrected`);
  const id = randomUUID();
  await deps.send(buildCorrection(deps.target(peer), body, originalId, id));
  const at = Date.now();
  history.add(ourRow({ account, peer, body, id, at, replaces: original.id, delivery: 'sent' }));
  deps.store.dispatch({ type: 'line/replace', tabId: chatTabId(peer), rowId: original.id, text: sanitizeText(body) });
  // As an incoming correction is told: `corrects` is the id the correction names (XEP-0308 <replace id/>).
  deps.onEvent?.({ event: 'message', account, peer, direction: 'out', body, at: new Date(at).toISOString(), corrects: originalId });
}
