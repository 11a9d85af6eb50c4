import type { Client } from '@xmpp/client-core';
import type { Element } from '@xmpp/xml';
import { DeadLinkError } from './errors.js';
import { destroySocket, smStartFresh, smTakeOverDeadLink } from './xmppjs-internals.js';

const NS_SM = 'urn:xmpp:sm:3';

/** How soon a silent link is checked, and how long an answer may take. */
export interface DeadLinkTiming {
  /** Milliseconds without traffic before natter asks with <r/> (xmpp.js's 30 s). */
  checkEveryMs?: number;
  /** Milliseconds natter waits for anything after an unanswered <r/> (xmpp.js's 60 s). */
  answerWithinMs?: number;
}

/**
 * XEP-0198 §4: "a client ... can request an acknowledgement at any time by sending an <r/>
 * element", and xmpp.js sends one after a while without traffic and after what natter sends.
 * It also ended a link whose <r/> got no answer in time (a frozen server, a network gone
 * quiet), without a word: the person saw "reconnecting" and no reason anywhere. natter now
 * keeps that timer (xmpp.js's is off) and says, as an error on the client, why it drops the link.
 *
 * Only an <a/> answers: a server that goes on sending without one no longer reads this
 * session (a link broken one way). Either way natter starts a new session rather than resuming
 * this one, as a server may have lost its place in what natter sent: Prosody 0.12 resumes a
 * session on the parser of the connection it lost, so after a cut in the middle of a stanza
 * every later byte went inside that stanza, resumption after resumption. What was not
 * acknowledged is sent again; what the server kept comes from the archive.
 */
export function watchForDeadLink(entity: Client, streamManagement: object, where: string, reconnects: () => boolean, timing: DeadLinkTiming = {}): void {
  smTakeOverDeadLink(streamManagement, timing.checkEveryMs);
  const answerWithinMs = timing.answerWithinMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  /** Something came from the server since the unanswered <r/>. */
  let heard = false;
  const stopWaiting = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };
  entity.on('send', (element: Element) => {
    if (timer !== undefined || !element.is('r', NS_SM)) return;
    const askedAt = Date.now();
    heard = false;
    timer = setTimeout(() => {
      timer = undefined;
      if (entity.status !== 'online') return;
      entity.emit('error', new DeadLinkError(where, Date.now() - askedAt, reconnects(), heard));
      smStartFresh(streamManagement);
      // No polite </stream:stream>: a server that answers nothing would be waited for 10 s more.
      destroySocket(entity);
    }, answerWithinMs);
    timer.unref();
  });
  entity.on('element', (element: Element) => {
    if (element.is('a', NS_SM)) stopWaiting();
    else heard = true;
  });
  entity.on('disconnect', stopWaiting);
}
