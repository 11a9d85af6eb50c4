import type { LineDelivery } from '../../domain/line.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import type { MessageHistory, MessageKind } from '../../history/message-history.js';
import type { Store } from '../../store/create-store.js';
import { mayRefuse, type MessageError } from '../../xmpp/features/messages/parse-error.js';
import { outgoingTab, targetOfRow } from './targets.js';

/** How many sent messages' recipients the outbox remembers, to check who reports a failure. */
const REMEMBERED_RECIPIENTS = 1000;

/**
 * Where our messages' delivery is written: the history first, then the line that shows it
 * (found by its row, in the tab of its kind), then whoever waits on it (`natter send`). And
 * who may say one failed: RFC 6120 §8.3, the recipient or its server, nobody else.
 */
export function deliveryMarks(deps: { account: string; history: MessageHistory; store: Store; onDelivery?: ((id: string, delivery: LineDelivery, reason?: string) => void) | undefined }) {
  const { account, history, store } = deps;
  /** origin-id → peer of the newest messages sent in this run: only that peer (or its server) may refuse one. */
  const recipients = new Map<string, string>();
  const move = (peer: string, id: string, delivery: LineDelivery, reason: string | undefined, kind?: MessageKind): boolean => {
    const moved = history.moveDelivery(account, peer, id, delivery, kind);
    if (moved === undefined) return false;
    store.dispatch({ type: 'line/delivery', tabId: outgoingTab(targetOfRow(peer, moved.kind)), rowId: moved.id, delivery, ...(reason ? { reason } : {}) });
    deps.onDelivery?.(id, delivery, reason);
    return true;
  };
  const mark = (peer: string, id: string, delivery: LineDelivery, reason?: string): boolean => move(peer, id, delivery, reason);
  return {
    mark,
    /**
     * A delivery receipt from `peer` (XEP-0184, live or from the archive): ✓✓ on our message
     * `id` to that peer, one to one only. §5.3: receipts are not for groupchat, so a "receipt"
     * from an occupant (room@service/nick, whose bare JID is the room) marks no room message.
     */
    receipt: (peer: string, id: string): boolean => move(peer, id, 'delivered', undefined, 'chat'),
    /** `id` went to `peer` in this run. */
    remember(id: string, peer: string): void {
      recipients.delete(id);
      recipients.set(id, peer);
      if (recipients.size > REMEMBERED_RECIPIENTS) recipients.delete(recipients.keys().next().value as string);
    },
    /**
     * A <message type="error"/> about `error.id`: 'failed' when it marked our message failed;
     * 'not-recipient' when that message went to someone who neither sent the error nor
     * serves it (the sender only learnt its id); 'unknown' when no message of ours has that id.
     */
    refused(error: MessageError): 'failed' | 'not-recipient' | 'unknown' {
      const recipient = recipients.get(error.id);
      if (recipient !== undefined && !mayRefuse(error, recipient, account)) return 'not-recipient';
      // Not sent in this run: only a message to the error's own sender can be marked by it.
      return mark(recipient ?? error.peer, error.id, 'failed', `not delivered: ${sanitizeLine(error.reason)}`) ? 'failed' : 'unknown';
    },
  };
}
