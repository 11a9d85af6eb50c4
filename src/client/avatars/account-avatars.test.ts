import xml, { type Element } from '@xmpp/xml';
import { expect, it } from 'vitest';
import { accountAvatars } from './account-avatars.js';

const HASH = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const OTHER = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

/** A session's seams: what was advertised, and the inbound presences and messages handed to the listeners. */
function session() {
  const advertised: string[] = [];
  const presences: Array<(stanza: Element) => void> = [];
  const messages: Array<(message: { via: 'live'; stanza: Element }) => void> = [];
  const client = {
    advertise: (ns: string) => void advertised.push(ns),
    onPresence: (listener: (stanza: Element) => void) => (presences.push(listener), () => undefined),
    onMessage: (listener: (message: { via: 'live'; stanza: Element }) => void) => (messages.push(listener), () => undefined),
  };
  return { client: client as never, advertised, presence: (s: Element) => presences.forEach((l) => l(s)), message: (s: Element) => messages.forEach((l) => l({ via: 'live', stanza: s })) };
}

it('asks for metadata notifications (+notify) and learns hashes from presences (XEP-0153) and notifications (XEP-0084)', () => {
  const avatars = accountAvatars();
  const s = session();
  avatars.attach(s.client);
  expect(s.advertised).toEqual(['urn:xmpp:avatar:metadata+notify']);
  s.presence(xml('presence', { from: 'Bob@X/phone' }, xml('x', { xmlns: 'vcard-temp:x:update' }, xml('photo', {}, HASH))));
  expect(avatars.photoHash('bob@x')).toBe(HASH);
  const event = (...infos: Element[]) => xml('message', { from: 'bob@x' }, xml('event', { xmlns: 'http://jabber.org/protocol/pubsub#event' },
    xml('items', { node: 'urn:xmpp:avatar:metadata' }, xml('item', { id: OTHER }, xml('metadata', { xmlns: 'urn:xmpp:avatar:metadata' }, ...infos)))));
  expect(avatars.notifiedHash('bob@x')).toBeUndefined();
  s.message(event(xml('info', { id: OTHER, type: 'image/png', bytes: '1' })));
  expect(avatars.notifiedHash('bob@x')).toBe(OTHER);
  s.message(event());
  expect(avatars.notifiedHash('bob@x')).toBeNull();
});

it("puts the account's photo hash in its available presences once known (XEP-0153 §4.1), not in others", () => {
  const avatars = accountAvatars();
  expect(avatars.withOwnPhoto(xml('presence')).toString()).toBe('<presence/>');
  avatars.setOwnHash(HASH);
  expect(avatars.withOwnPhoto(xml('presence', {}, xml('show', {}, 'away'))).toString()).toBe(`<presence><show>away</show><x xmlns="vcard-temp:x:update"><photo>${HASH}</photo></x></presence>`);
  expect(avatars.withOwnPhoto(xml('presence', { type: 'unavailable' })).toString()).toBe('<presence type="unavailable"/>');
  avatars.setOwnHash('');
  expect(avatars.withOwnPhoto(xml('presence')).toString()).toBe('<presence><x xmlns="vcard-temp:x:update"><photo/></x></presence>');
});
