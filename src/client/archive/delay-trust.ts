import xml, { type Element } from '@xmpp/xml';
import { bareJid, jidDomain } from '../../domain/jid.js';
import type { DelayTrust } from '../../xmpp/features/messages/delay.js';
import { buildPing } from '../../xmpp/features/ping/ping.js';

export interface IqPort {
  iqCaller: { request(stanza: Element): Promise<unknown> };
}

/**
 * Whose <delay/> (XEP-0203) gives a live message its time, and when. Anyone can write a delay
 * with any `from` and stamp into a message they send, so natter believes one only while its own
 * server has just begun to hand over messages it held back, stamped by itself:
 * - offline delivery (XEP-0160): from a fresh session's start until the archive's first
 *   answer (see archive-catch-up), a delay from the account's domain;
 * - a resumed stream (XEP-0198 §5): the server first re-sends what the cut link lost, each
 *   stamped when it was queued (Prosody from the account's bare JID, ejabberd from the
 *   domain), and only then answers what natter sends after the resumption (RFC 6120 §10.1).
 *   Until natter's ping is answered, such a stamp is believed, but never earlier than the
 *   newest message already shown or the session's start: a stamp a sender forged can at most
 *   move its message into the time the link was down. Without this, a message re-sent after a
 *   cut was dated on arrival and shown below later ones the archive catch-up brought.
 */
export function delayTrust(account: string) {
  const domain = jidDomain(account);
  let offline = false;
  let replay: DelayTrust | undefined;
  /** Which resumption the open window is for (a ping of an earlier one may be answered late). */
  let resumptions = 0;
  let sessionStartedAt = 0;
  let newestShown = 0;
  /** The newest message shown before this session began or its stream was resumed. */
  let shownBeforeCut = 0;
  return {
    /** A fresh session, before its initial presence: what the server kept offline comes next. */
    sessionStarted(now = Date.now()): void {
      offline = true;
      replay = undefined;
      sessionStartedAt = now;
      shownBeforeCut = newestShown;
    },
    /** The archive answered the catch-up: offline delivery is over (RFC 6120 §10.1). */
    offlineDelivered(): void {
      offline = false;
    },
    /** The server said <resumed/>: what it re-sends comes next (before 'resumed' in xmpp.js). */
    replayBegins(): void {
      resumptions++;
      shownBeforeCut = newestShown;
      replay = { from: [bareJid(account), domain], notBefore: Math.max(sessionStartedAt, newestShown) };
    },
    /** The stream is usable again: the re-sent stanzas all come before the answer to this ping. */
    sessionResumed(port: IqPort): void {
      const resumption = resumptions;
      const close = (): void => {
        if (resumption === resumptions) replay = undefined;
      };
      port.iqCaller.request(xml('iq', { type: 'get', to: domain }, buildPing())).then(close, close);
    },
    sessionEnded(): void {
      offline = false;
      replay = undefined;
      resumptions++;
    },
    /** A message (live or from the archive) was shown at `at`. */
    shown(at: number): void {
      newestShown = Math.max(newestShown, at);
    },
    /**
     * What a catch-up brings was routed after everything the cut stream had delivered: the
     * newest message shown before the cut is the earliest time it can have (see notBefore in
     * archive-catch-up).
     */
    shownBeforeCut: (): number => shownBeforeCut,
    /** A resumed stream's re-sent window first: its bound also holds for offline messages a cut lost and the server re-sends. */
    current(): DelayTrust | undefined {
      return replay ?? (offline ? { from: [domain] } : undefined);
    },
  };
}
