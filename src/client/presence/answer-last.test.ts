import xml, { type Element } from '@xmpp/xml';
import { expect, it } from 'vitest';
import { advertisedFeatures } from '../../xmpp/features/disco/advertised.js';
import { answerLastActivity, userActivity } from './answer-last.js';

type Handler = (ctx: { stanza: Element }) => unknown;

function registered(options: Parameters<typeof answerLastActivity>[1]): Handler {
  const handlers = new Map<string, Handler>();
  answerLastActivity({ advertise: () => undefined, iqCallee: { get: (ns, name, handler) => void handlers.set(`${ns} ${name}`, handler) } }, options);
  const handler = handlers.get('jabber:iq:last query');
  if (!handler || handlers.size !== 1) throw new Error('expected one handler for jabber:iq:last');
  return handler;
}

const query = (from: string): { stanza: Element } => ({ stanza: xml('iq', { type: 'get', id: 'l1', from }, xml('query', { xmlns: 'jabber:iq:last' })) });
const refused = (answer: unknown): boolean => (answer as Element).getChild('service-unavailable', 'urn:ietf:params:xml:ns:xmpp-stanzas') !== undefined;

it('answers a contact with the seconds since the last key (XEP-0012 §4)', () => {
  let now = 1_000_000;
  const activity = userActivity(() => now);
  const handler = registered({ mayAnswer: (from) => from?.startsWith('bob@x/') === true, idleSeconds: activity.idleSeconds });
  now += 903_400;
  expect(String(handler(query('bob@x/phone')))).toBe('<query xmlns="jabber:iq:last" seconds="903"/>');
  activity.touch();
  now += 2_000;
  expect(String(handler(query('bob@x/phone')))).toBe('<query xmlns="jabber:iq:last" seconds="2"/>');
});

it('refuses a stranger, and everyone while invisible, with service-unavailable', () => {
  let invisible = false;
  const handler = registered({ mayAnswer: (from) => from?.startsWith('bob@x/') === true, idleSeconds: () => (invisible ? undefined : 5) });
  expect(refused(handler(query('mallory@x/r')))).toBe(true);
  invisible = true;
  expect(refused(handler(query('bob@x/phone')))).toBe(true);
});

it('is advertised in disco#info, so the caps hash covers it (XEP-0012, determining support)', () => {
  const features = advertisedFeatures();
  answerLastActivity({ ...features, iqCallee: { get: () => undefined } }, { mayAnswer: () => true, idleSeconds: () => 0 });
  expect(features.caps().features).toContain('jabber:iq:last');
});
