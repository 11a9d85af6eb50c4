import type { Element } from '@xmpp/xml';
import { randomUUID } from 'node:crypto';
import type { EventSink, NatterEvent } from '../../domain/events.js';
import type { LineDelivery } from '../../domain/line.js';
import { sanitizeText } from '../../domain/sanitize.js';
import type { MessageHistory } from '../../history/message-history.js';
import type { Store } from '../../store/create-store.js';
import { buildChatMessage } from '../../xmpp/features/messages/build.js';
import type { MessageError } from '../../xmpp/features/messages/parse-error.js';
import { buildGroupchatMessage, buildPrivateMessage } from '../../xmpp/features/muc/build.js';
import type { ChatTabs } from '../conversations/chat-tabs.js';
import { ourRow } from '../conversations/history-rows.js';
import { deliveryMarks } from './delivery-marks.js';
import { peerOf, targetOfRow, type OutgoingTarget } from './targets.js';
import { sendingTurns } from './turns.js';

export type { OutgoingTarget } from './targets.js';

/** What the outbox needs from the session (the seam its unit test fakes). */
export interface OutboxSession {
  isOnline(): boolean;
  /** True when XEP-0198 acknowledgements will follow what is sent now. */
  acknowledges(): boolean;
  /** True when the stanza with this id waits in the XEP-0198 queue (resent on resumption). */
  isQueued(id: string): boolean;
  /** Writes a stanza on the current session; rejects when there is none or the link dropped. */
  send(stanza: Element): Promise<unknown>;
  /** Where a chat with `peer` is written to: the device that answered (RFC 6121 §5.1), else the bare JID. */
  target(peer: string): string;
}

/** A step every message passes through after it is built and before it is sent: where end-to-end encryption (OMEMO) will sit. */
export type OutboundStep = (stanza: Element) => Element;

/**
 * The one way out for what the person writes, to a chat, a room, or an occupant in private.
 * Nothing written is lost: a message is stored as pending before it is shown or sent, built for
 * its kind, passed through the outbound steps, sent when the session is online, and then:
 * - a chat or private message is sent when the server acknowledges it (XEP-0198; without it,
 *   once written), failed when the recipient or its server refuses it, and sent again with the
 *   same origin-id after a fresh login when still pending;
 * - a room message is sent when the room passes it back (XEP-0045 §7.4: `echoed`) and is never
 *   sent again (it could repeat; account-rooms.ts fails it visibly when unconfirmed).
 */
export function createOutbox(deps: {
  account: string;
  session: OutboxSession;
  history: MessageHistory;
  store: Store;
  tabs: ChatTabs;
  /** Told of each move of one of our messages (after the history and the screen): `natter send` waits on it. */
  onDelivery?(id: string, delivery: LineDelivery, reason?: string): void;
  /** Told of each message the person wrote, once it is stored (`natter ctl --events`: direction "out"). */
  onEvent?: EventSink | undefined;
}) {
  const { account, session, history, store, tabs } = deps;
  const steps: OutboundStep[] = [];
  /** origin-id → peer of what went out on this stream and waits for the server's ack. */
  const unacked = new Map<string, string>();
  const marks = deliveryMarks({ account, history, store, onDelivery: deps.onDelivery });
  const { mark } = marks;
  const turns = sendingTurns();

  /**
   * Hands one message to the session. `extra` (an XEP-0066 link of a file) goes with the first
   * sending only: a message sent again after a reconnect carries its text (the link itself).
   */
  const transmit = async (target: OutgoingTarget, body: string, id: string, extra?: Element[]): Promise<void> => {
    const peer = peerOf(target);
    const acked = target.kind !== 'groupchat'; // a room's echo confirms a room message, not the server's ack
    turns.sent(id);
    if (acked) unacked.set(id, peer);
    marks.remember(id, peer);
    try {
      let stanza = build(session, target, body, id, extra);
      for (const step of steps) stanza = step(stanza);
      await session.send(stanza);
    } catch {
      unacked.delete(id); // the link dropped under it: still pending, sent after reconnect (a room's: see above)
      return;
    }
    if (acked && !session.acknowledges()) {
      // No stream management: the best the server tells us is that the write succeeded.
      unacked.delete(id);
      mark(peer, id, 'sent');
    }
  };

  return {
    /**
     * Stores, shows and (when online) sends a message; returns once it is safely stored.
     * `unsendable`: it can not go now (not in the room): stored and shown failed, with why.
     */
    send(target: OutgoingTarget, body: string, options: { extra?: Element[]; unsendable?: string } = {}): { id: string; at: number } {
      const id = randomUUID();
      const at = Date.now();
      // The tab first: a tab that opens loads the stored conversation, which must not
      // already hold this message, or it would show twice.
      const tabId = openTab(tabs, account, target);
      const delivery = options.unsendable ? 'failed' : 'pending';
      const kind = target.kind === 'groupchat' ? 'groupchat' : 'chat';
      const row = history.add(ourRow({ account, peer: peerOf(target), kind, body, id, at, delivery, ...(target.kind === 'groupchat' ? { sender: target.nick } : {}) }));
      store.dispatch({
        type: 'line/append', tabId, kind: 'outgoing', from: 'me', text: sanitizeText(body), at, delivery, rowId: row.id,
      });
      if (!options.unsendable) deps.onEvent?.(sentEvent(account, target, body, at));
      if (options.unsendable) store.dispatch({ type: 'line/delivery', tabId, rowId: row.id, delivery: 'failed', reason: options.unsendable });
      else if (session.isOnline()) {
        // Never ahead of older messages a flush is still sending (after a reconnect): the peer
        // reads them in the order they were written. With nothing waiting it goes at once.
        if (!turns.busy()) void transmit(target, body, id, options.extra);
        else void turns.inTurn(async () => (session.isOnline() && !turns.wasSent(id) ? transmit(target, body, id, options.extra) : undefined));
      }
      return { id, at };
    },
    /**
     * Sends what is still pending, oldest first, with its original origin-id. After a fresh
     * login everything pending goes; after a resumption only what is not in the XEP-0198 queue
     * (that queue is resent by the resumption itself; a stanza whose write failed before it
     * reached the queue is ours to send). Room messages are never sent again.
     */
    flush(resumed = false): Promise<void> {
      return turns.inTurn(async () => {
        if (!resumed) unacked.clear();
        for (const m of history.outbox(account, 'chat')) {
          if (!session.isOnline()) return;
          if (!m.originId || (resumed && session.isQueued(m.originId))) continue;
          await transmit(targetOfRow(m.peer, 'chat'), m.body, m.originId);
        }
      });
    },
    /** Adds an outbound step (after those already added). */
    use: (step: OutboundStep): void => void steps.push(step),
    /** The server acknowledged a stanza (XEP-0198 <a h=…/>). */
    acknowledged(id: string | undefined): void {
      const peer = id === undefined ? undefined : unacked.get(id);
      if (id === undefined || peer === undefined) return;
      unacked.delete(id);
      mark(peer, id, 'sent');
    },
    /** A room passed our message back to everyone (XEP-0045 §7.4): the room took it. */
    echoed(room: string, id: string): void {
      mark(room, id, 'sent');
    },
    /** The peer's client confirmed it (XEP-0184). */
    delivered(peer: string, id: string): void {
      marks.receipt(peer, id);
    },
    /** A <message type="error"/> about one of ours (delivery-marks.ts says whose error counts). */
    refused(error: MessageError): 'failed' | 'not-recipient' | 'unknown' {
      const outcome = marks.refused(error);
      if (outcome === 'failed') unacked.delete(error.id);
      return outcome;
    },
    /** Given up on, or refused where the outbox can not see it (a room's error): failed, with why. */
    abandon(peer: string, id: string, reason: string): void {
      unacked.delete(id);
      mark(peer, id, 'failed', reason);
    },
    pendingCount: (): number => history.outbox(account).length,
  };
}

/** The stanza of one message to `target`; a chat goes where `session.target` says (the device that answered). */
function build(session: OutboxSession, target: OutgoingTarget, body: string, id: string, extra?: Element[]): Element {
  if (target.kind === 'groupchat') return buildGroupchatMessage(target.room, body, id, extra);
  if (target.kind === 'private') return buildPrivateMessage(target.room, target.nick, body, id, extra);
  return buildChatMessage(session.target(target.peer), body, id, extra);
}

/**
 * The event of a message the person wrote, as the receivers tell one that comes back from the
 * server (a carbon, the archive, a room's echo) and is then a duplicate that tells nothing.
 */
function sentEvent(account: string, target: OutgoingTarget, body: string, at: number): NatterEvent {
  const fields = { event: 'message', account, direction: 'out', body, at: new Date(at).toISOString() } as const;
  if (target.kind === 'chat') return { ...fields, peer: target.peer };
  return { ...fields, room: target.room, nick: target.nick, ...(target.kind === 'private' ? { private: true as const } : {}) };
}

/** The tab a message to `target` shows in, opened (not in front) if needed; a private one comes in front, as /msg NICK asks. */
function openTab(tabs: ChatTabs, account: string, target: OutgoingTarget): string {
  if (target.kind === 'chat') return tabs.open(target.peer, false, account);
  if (target.kind === 'private') return tabs.openPrivate(account, target.room, target.nick, true);
  return tabs.openRoom(account, target.room, false);
}

export type Outbox = ReturnType<typeof createOutbox>;
