import type { AdvertisePort } from '../../xmpp/features/disco/advertised.js';
import { answerOnlyTo, type QueryAnswerPort } from '../../xmpp/features/disco/answer-only-to.js';
import { buildLastAnswer, NS_LAST } from '../../xmpp/features/last/last.js';

/** When the user last touched the keyboard: one clock for every account of the process. */
export function userActivity(now: () => number = Date.now) {
  let last = now();
  return {
    /** A key or a paste: the user is there. */
    touch(): void {
      last = now();
    },
    idleSeconds: (): number => (now() - last) / 1000,
  };
}

export type UserActivity = ReturnType<typeof userActivity>;

/**
 * Answers XEP-0012 last activity queries to this session (§4: seconds since the user's last
 * activity). The idle time tells whether someone sits at the keyboard, so it goes only to whom
 * `mayAnswer` allows (client/privacy/may-tell.ts), and to nobody while `idleSeconds` is
 * undefined (invisible: XEP-0186 hides the session from contacts too); anyone else gets
 * service-unavailable, as from a resource that is not there.
 */
export function answerLastActivity(port: QueryAnswerPort & AdvertisePort, options: { mayAnswer(from: string | undefined): boolean; idleSeconds(): number | undefined }): void {
  // XEP-0012, determining support: "it MUST report that by including a service discovery
  // feature of 'jabber:iq:last'" (the caps hash then covers it).
  port.advertise(NS_LAST);
  const answer = answerOnlyTo((from) => options.idleSeconds() !== undefined && options.mayAnswer(from));
  port.iqCallee.get(NS_LAST, 'query', answer(() => buildLastAnswer(options.idleSeconds() ?? 0)));
}
