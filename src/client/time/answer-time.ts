import type { AdvertisePort } from '../../xmpp/features/disco/advertised.js';
import { answerOnlyTo, type QueryAnswerPort } from '../../xmpp/features/disco/answer-only-to.js';
import { buildTimeAnswer, NS_TIME } from '../../xmpp/features/time/build.js';
import { systemClock, type Clock } from './clock.js';

/**
 * Answers XEP-0202 time queries on one session with this machine's clock and UTC offset. An
 * answer tells that natter is online and, by its offset, roughly where the person is (§6:
 * "Revealing an entity's numeric time zone offset may leak limited information about the
 * entity's current location"), so it goes only to whom `mayAnswer` allows, the same people
 * as disco, version and ping (client/privacy/may-tell.ts); anyone else gets
 * service-unavailable, as from a resource that is not there.
 */
export function answerTimeQueries(port: QueryAnswerPort & AdvertisePort, options: { mayAnswer(from: string | undefined): boolean; clock?: Clock }): void {
  // §4: support is discovered by disco#info, so it is advertised (the caps hash then covers it).
  port.advertise(NS_TIME);
  const clock = options.clock ?? systemClock;
  const answer = answerOnlyTo(options.mayAnswer);
  port.iqCallee.get(NS_TIME, 'time', answer(() => {
    const now = clock.now();
    return buildTimeAnswer(now, clock.offsetAt(now));
  }));
}
