import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { expect, it } from 'vitest';
import { buildVisibility, offersInvisibility } from './invisible.js';

const element = (text: string) => parse(text) as unknown as Element;

it('builds the invisible and visible commands as IQ-sets to the own server', () => {
  expect(String(buildVisibility(true))).toBe('<iq type="set"><invisible xmlns="urn:xmpp:invisible:0"/></iq>');
  expect(String(buildVisibility(false))).toBe('<iq type="set"><visible xmlns="urn:xmpp:invisible:0"/></iq>');
});

it('reads the server offering invisibility only from its disco#info feature', () => {
  expect(offersInvisibility(element('<query xmlns="http://jabber.org/protocol/disco#info"><feature var="urn:xmpp:invisible:0"/></query>'))).toBe(true);
  expect(offersInvisibility(element('<query xmlns="http://jabber.org/protocol/disco#info"><feature var="urn:xmpp:blocking"/><identity category="urn:xmpp:invisible:0"/></query>'))).toBe(false);
  expect(offersInvisibility(undefined)).toBe(false);
});
