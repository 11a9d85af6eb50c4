import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { expect, it } from 'vitest';
import { MAX_VCARD_FIELDS } from './vcard.js';
import { buildVcard4Query, parseVcard4 } from './vcard4.js';

const element = (text: string): Element => parse(text) as unknown as Element;
const answer = (vcard: string): Element =>
  element(`<pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="urn:xmpp:vcard4"><item id="current"><vcard xmlns="urn:ietf:params:xml:ns:vcard-4.0">${vcard}</vcard></item></items></pubsub>`);

it('asks for the latest item of the vCard4 node', () => {
  expect(buildVcard4Query().toString()).toBe('<pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="urn:xmpp:vcard4" max_items="1"/></pubsub>');
});

it('reads the XEP-0292 §3 example fields with the labels of vcard-temp, uris without their scheme', () => {
  const vcard = answer(`<fn><text>Peter Saint-Andre</text></fn><n><surname>Saint-Andre</surname><given>Peter</given><additional/></n>
    <nickname><text>stpeter</text></nickname><bday><date>1966-08-06</date></bday><tel><uri>tel:+1-303-308-3282</uri></tel>
    <email><text>stpeter@jabber.org</text></email><impp><uri>xmpp:stpeter@jabber.org</uri></impp><url><uri>https://stpeter.im/</uri></url>
    <adr><locality>Parker</locality><region>CO</region><country>USA</country></adr><note><text>More</text></note><photo><uri>data:x</uri></photo>`);
  expect(parseVcard4(vcard)).toEqual({
    ok: true,
    left: 0,
    fields: [
      { label: 'name', value: 'Peter Saint-Andre' }, { label: 'full name', value: 'Peter Saint-Andre' }, { label: 'nickname', value: 'stpeter' },
      { label: 'birthday', value: '1966-08-06' }, { label: 'phone', value: '+1-303-308-3282' }, { label: 'email', value: 'stpeter@jabber.org' },
      { label: 'JID', value: 'stpeter@jabber.org' }, { label: 'web', value: 'https://stpeter.im/' }, { label: 'address', value: 'Parker, CO, USA' },
      { label: 'note', value: 'More' },
    ],
  });
});

it('reads no item as no vCard, bounds the fields, and refuses what is not a vCard4 answer', () => {
  expect(parseVcard4(element('<pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="urn:xmpp:vcard4"/></pubsub>'))).toEqual({ ok: true, fields: [], left: 0 });
  const many = answer(Array.from({ length: MAX_VCARD_FIELDS + 2 }, (_, i) => `<nickname><text>n${i}</text></nickname>`).join(''));
  expect(parseVcard4(many)).toMatchObject({ ok: true, left: 2 });
  expect(parseVcard4(element('<vCard xmlns="vcard-temp"/>'))).toMatchObject({ ok: false });
  expect(parseVcard4(element('<pubsub xmlns="http://jabber.org/protocol/pubsub"><items><item><vCard xmlns="vcard-temp"/></item></items></pubsub>'))).toMatchObject({ ok: false });
});
