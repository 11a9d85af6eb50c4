import type { ChatMessage } from '../../domain/chat-message.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import type { MessageHistory, Stored } from '../../history/message-history.js';
import { catchUp, type MamPort } from '../../xmpp/features/mam/mam.js';
import { archiveOrder, type PlacedRow } from './archive-order.js';
import { delayTrust } from './delay-trust.js';

/**
 * What arrived while natter was away (XEP-0313, from the account's own archive), and the two
 * things that follow for live messages: whose <delay/> gives a message its time, and whether
 * a message moves the archive cursor (where the next catch-up starts).
 */
export function archiveCatchUp(account: string, deps: {
  history: MessageHistory;
  /** Stores and shows one message, live or from the archive (which runs no hook); the stored row of a one-to-one message. */
  receive(message: ChatMessage, fromArchive: boolean): Stored | undefined;
  /** Moves a row the catch-up added to the time `at`, in the history and on screen (archive-order.ts). */
  redate(row: PlacedRow, at: number): void;
  /** A receipt from `peer` in the archive confirms our message `id` to that peer (XEP-0184): ✓✓. */
  delivered(peer: string, id: string): void;
  consoleLine(kind: 'info' | 'error', text: string): void;
}) {
  const { history } = deps;
  const delays = delayTrust(account);
  const order = archiveOrder(deps.redate);
  /**
   * False from a fresh session's start until its catch-up has an answer: live messages do not
   * move the cursor meanwhile (a catch-up moves it itself, in the archive's order). After a cut,
   * what the old session never handed over is only in the archive, older than they are; a
   * catch-up that the link cut short runs again on the resumed stream.
   */
  let caughtUp = true;
  /** Which catch-up is the current one (one of a session that ended may still be answered). */
  let run = 0;

  /** When the cursor last moved, as this catch-up began: what the archive gives after it came later. */
  let cursorMovedAt: number | undefined;
  const archived = (message: ChatMessage): void => {
    // Each floor on its own, the earlier first: a cursor moved long after must not hide the other's second.
    const floored = [delays.shownBeforeCut(), cursorMovedAt ?? 0].sort((x, y) => x - y).reduce(notBefore, message.at);
    const at = order.notBeforeReached(floored);
    delays.shown(at);
    const stored = deps.receive({ ...message, at }, true);
    if (stored?.duplicate && message.direction === 'in') order.pinned(stored.at);
    else if (stored && !stored.duplicate) order.placed({ peer: message.peer, rowId: stored.id, at });
    if (message.stanzaId) history.cursors.advance(account, message.stanzaId, order.reached());
  };

  return {
    /** A fresh session, before its initial presence: what the server kept offline comes next. */
    sessionStarted(): void {
      delays.sessionStarted();
      caughtUp = false;
    },
    /** A resumed stream: a catch-up the link cut short runs again. */
    sessionResumed(port: MamPort): void {
      if (!caughtUp) this.start(port);
    },
    sessionEnded(): void {
      delays.sessionEnded();
    },
    /** Whose <delay/> gives a live message its time right now; undefined: the time it arrived. */
    delayFrom: (): string | undefined => delays.current(),
    /** A live message; the archive keeps messages in the order it routes them, so one it kept is its newest. */
    live(message: ChatMessage): void {
      delays.shown(message.at);
      const stored = deps.receive(message, false);
      if (!message.stanzaId || !caughtUp) return;
      // The archive's newest: what a catch-up cut short placed before it goes before it.
      if (stored && message.direction === 'in') order.pinned(stored.at);
      history.cursors.advance(account, message.stanzaId, order.reached() ?? stored?.at ?? message.at);
    },
    /** Asks the archive for everything after the cursor (sent after the initial presence). */
    start(port: MamPort): void {
      caughtUp = false;
      const current = ++run;
      const answered = (): void => {
        if (current === run) delays.offlineDelivered();
      };
      /** `answered`: the archive gave its last page or refused; otherwise the link was cut first. */
      const done = (answeredByServer: boolean): void => {
        answered();
        if (current === run && answeredByServer) caughtUp = true;
      };
      const cursor = history.cursors.position(account);
      cursorMovedAt = cursor.movedAt;
      order.restart(cursor.messageAt);
      catchUp(port, account, cursor.id, {
        onMessage: archived,
        onRejected: (reason) => deps.consoleLine('error', `ignored a forged archive result (${sanitizeLine(reason)})`),
        onReceipt: (receipt) => deps.delivered(receipt.peer, receipt.id),
        onUnreadable: (reason) => deps.consoleLine('error', `ignored an archive result (${sanitizeLine(reason)})`),
        // Receipts and markers come last in a quiet conversation: past them, or every login reads them again.
        onPassed: (archiveId) => history.cursors.advance(account, archiveId),
        onFirstAnswer: answered,
      }).then(
        ({ count }) => {
          done(true);
          if (count > 0) deps.consoleLine('info', `${count} message${count === 1 ? '' : 's'} from the server archive`);
        },
        (error: unknown) => {
          // The server's error answer ends it; a cut link (the IQ aborted, the socket ended)
          // leaves it to the resumed stream or the next session, from the same cursor.
          const refused = error instanceof Error && error.name === 'StanzaError';
          done(refused);
          if (!refused && !(error instanceof Error && error.name === 'TimeoutError')) return;
          deps.consoleLine('info', `the message archive is not available (${error instanceof Error ? error.message : String(error)})`);
        },
      );
    },
  };
}

export type ArchiveCatchUp = ReturnType<typeof archiveCatchUp>;

/**
 * An archive stamp may have whole seconds only (Prosody writes no fraction), so a message
 * stamped in the second of `floor` (when the cursor moved, or the newest message the cut
 * stream had shown) may well have come after that moment, and did: the archive gives what
 * came after the cursor, and the cut stream delivered everything before what it lost. It is
 * placed at that moment, not before the message shown then. A stamp a second or more earlier
 * is the archive's word and is kept.
 */
function notBefore(stamp: number, floor: number): number {
  return stamp < floor && floor - stamp < 1000 ? floor : stamp;
}
