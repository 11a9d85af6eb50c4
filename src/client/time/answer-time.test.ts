import xml, { type Element } from '@xmpp/xml';
import { expect, it } from 'vitest';
import { advertisedFeatures } from '../../xmpp/features/disco/advertised.js';
import { answerTimeQueries } from './answer-time.js';

type Handler = (ctx: { stanza: Element }) => unknown;

/** The handler answerTimeQueries registers, called as xmpp.js's iqCallee would. */
function registered(mayAnswer: (from: string | undefined) => boolean): Handler {
  const handlers = new Map<string, Handler>();
  const clock = { now: () => Date.UTC(2026, 11, 7, 12, 3, 9, 500), offsetAt: () => 120 };
  answerTimeQueries({ advertise: () => undefined, iqCallee: { get: (ns, name, handler) => void handlers.set(`${ns} ${name}`, handler) } }, { mayAnswer, clock });
  const handler = handlers.get('urn:xmpp:time time');
  if (!handler || handlers.size !== 1) throw new Error('expected one handler for urn:xmpp:time');
  return handler;
}

const query = (from?: string): { stanza: Element } => ({
  stanza: xml('iq', { type: 'get', id: 't1', ...(from === undefined ? {} : { from }) }, xml('time', { xmlns: 'urn:xmpp:time' })),
});

it('answers whom the policy allows with its offset and the UTC time (XEP-0202 §3)', () => {
  const answer = registered(() => true)(query('bob@x/phone')) as Element;
  expect(answer.toString()).toBe('<time xmlns="urn:xmpp:time"><tzo>+02:00</tzo><utc>2026-12-07T12:03:09Z</utc></time>');
});

it('refuses anyone else with service-unavailable, asking the policy with the from (undefined when absent)', () => {
  const asked: Array<string | undefined> = [];
  const handler = registered((from) => (asked.push(from), from === undefined || from.startsWith('bob@x/')));
  const refused = handler(query('mallory@x/r')) as Element;
  expect(refused.is('error')).toBe(true);
  expect(refused.attrs.type).toBe('cancel');
  expect(refused.getChild('service-unavailable', 'urn:ietf:params:xml:ns:xmpp-stanzas')).toBeDefined();
  expect((handler(query()) as Element).is('time')).toBe(true);
  expect((handler(query('')) as Element).is('time')).toBe(true);
  expect(asked).toEqual(['mallory@x/r', undefined, undefined]);
});

it('is advertised in disco#info, so the caps hash covers it (XEP-0202 §4)', () => {
  const features = advertisedFeatures();
  answerTimeQueries({ ...features, iqCallee: { get: () => undefined } }, { mayAnswer: () => true });
  expect(features.caps().features).toContain('urn:xmpp:time');
});
