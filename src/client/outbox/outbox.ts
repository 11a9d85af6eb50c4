import type { Element } from '@xmpp/xml';
import { randomUUID } from 'node:crypto';
import { chatTabId } from '../../domain/tab-address.js';
import type { LineDelivery } from '../../domain/line.js';
import { sanitizeLine, sanitizeText } from '../../domain/sanitize.js';
import type { MessageHistory } from '../../history/message-history.js';
import type { Store } from '../../store/create-store.js';
import type { MessagesFeature } from '../../xmpp/features/messages/feature.js';
import { mayRefuse, type MessageError } from '../../xmpp/features/messages/parse-error.js';
import type { ChatTabs } from '../conversations/chat-tabs.js';
import { ourRow } from '../conversations/history-rows.js';

/** How many sent messages' recipients the outbox remembers, to check who reports a failure. */
const REMEMBERED_RECIPIENTS = 1000;

/** What the outbox needs from the session (the seam its unit test fakes). */
export interface OutboxSession {
  isOnline(): boolean;
  /** True when XEP-0198 acknowledgements will follow what is sent now. */
  acknowledges(): boolean;
  /** True when the stanza with this id waits in the XEP-0198 queue (resent on resumption). */
  isQueued(id: string): boolean;
}

/**
 * Nothing written is lost: a message is stored as pending before it is shown or sent, sent
 * when the session is online, marked sent when the server acknowledges it (XEP-0198), and
 * failed when the server refuses it. What is still pending when a session ends without being
 * resumed (or when natter stops) is sent again, with the same origin-id, on the next login.
 */
export function createOutbox(deps: {
  account: string;
  session: OutboxSession;
  messages: Pick<MessagesFeature, 'send'>;
  history: MessageHistory;
  store: Store;
  tabs: ChatTabs;
  /** Told of each move of one of our messages (after the history and the screen): `natter send` waits on it. */
  onDelivery?(id: string, delivery: LineDelivery, reason?: string): void;
}) {
  const { account, session, messages, history, store, tabs } = deps;
  /** origin-id → peer of what went out on this stream and waits for the server's ack. */
  const unacked = new Map<string, string>();
  /** origin-id → peer of the newest messages sent in this run: only that peer (or its server) may refuse one. */
  const recipients = new Map<string, string>();
  let flushing: Promise<void> = Promise.resolve();

  const mark = (peer: string, id: string, delivery: LineDelivery, reason?: string): boolean => {
    const rowId = history.setDelivery(account, peer, id, delivery);
    if (rowId === undefined) return false;
    store.dispatch({ type: 'line/delivery', tabId: chatTabId(peer), rowId, delivery, ...(reason ? { reason } : {}) });
    deps.onDelivery?.(id, delivery, reason);
    return true;
  };

  const remember = (id: string, peer: string): void => {
    recipients.delete(id);
    recipients.set(id, peer);
    if (recipients.size > REMEMBERED_RECIPIENTS) recipients.delete(recipients.keys().next().value as string);
  };

  /**
   * Hands one message to the session. `extra` (an XEP-0066 link of a file) goes with the first
   * sending only: a message sent again after a reconnect carries its text (the link itself).
   */
  const transmit = async (peer: string, body: string, id: string, extra?: Element[]): Promise<void> => {
    unacked.set(id, peer);
    remember(id, peer);
    try {
      await messages.send(peer, body, id, extra);
    } catch {
      unacked.delete(id); // the link dropped under it: still pending, sent after reconnect
      return;
    }
    if (!session.acknowledges()) {
      // No stream management: the best the server tells us is that the write succeeded.
      unacked.delete(id);
      mark(peer, id, 'sent');
    }
  };

  return {
    /** Stores, shows and (when online) sends a message; returns once it is safely stored. */
    send(to: string, body: string, extra?: Element[]): { id: string; at: number } {
      const id = randomUUID();
      const at = Date.now();
      // The tab first: a tab that opens loads the stored conversation, which must not
      // already hold this message, or it would show twice.
      const tabId = tabs.open(to, false, account);
      const row = history.add(ourRow({ account, peer: to, body, id, at, delivery: 'pending' }));
      store.dispatch({ type: 'line/append', tabId, kind: 'outgoing', from: 'me', text: sanitizeText(body), at, delivery: 'pending', rowId: row.id });
      if (session.isOnline()) void transmit(to, body, id, extra);
      return { id, at };
    },
    /**
     * Sends what is still pending, oldest first, with its original origin-id. After a fresh
     * login everything pending goes; after a resumption only what is not in the XEP-0198 queue
     * (that queue is resent by the resumption itself; a stanza whose write failed before it
     * reached the queue is ours to send).
     */
    flush(resumed = false): Promise<void> {
      flushing = flushing.then(async () => {
        if (!resumed) unacked.clear();
        for (const m of history.outbox(account)) {
          if (!session.isOnline()) return;
          if (!m.originId || (resumed && session.isQueued(m.originId))) continue;
          await transmit(m.peer, m.body, m.originId);
        }
      });
      return flushing;
    },
    /** The server acknowledged a stanza (XEP-0198 <a h=…/>). */
    acknowledged(id: string | undefined): void {
      const peer = id === undefined ? undefined : unacked.get(id);
      if (id === undefined || peer === undefined) return;
      unacked.delete(id);
      mark(peer, id, 'sent');
    },
    /** The peer's client confirmed it (XEP-0184). */
    delivered(peer: string, id: string): void {
      mark(peer, id, 'delivered');
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
      const peer = recipient ?? error.peer;
      unacked.delete(error.id);
      return mark(peer, error.id, 'failed', `not delivered: ${sanitizeLine(error.reason)}`) ? 'failed' : 'unknown';
    },
    /** Given up on (`natter send` waited long enough, or the link dropped for good): failed, with why. */
    abandon(peer: string, id: string, reason: string): void {
      unacked.delete(id);
      mark(peer, id, 'failed', reason);
    },
    pendingCount: (): number => history.outbox(account).length,
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
