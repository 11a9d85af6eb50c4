import xml, { type Element } from '@xmpp/xml';
import { expect, it } from 'vitest';
import { askVcard } from './ask-vcard.js';

const stanzaError = (condition: string): Error => Object.assign(new Error(condition), { name: 'StanzaError', condition });
const temp = (...fields: Element[]): Element => xml('vCard', { xmlns: 'vcard-temp' }, ...fields);
const four = (...fields: Element[]): Element =>
  xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('items', { node: 'urn:xmpp:vcard4' }, xml('item', { id: 'current' }, xml('vcard', { xmlns: 'urn:ietf:params:xml:ns:vcard-4.0' }, ...fields))));

/** A server that answers the vcard-temp query with `vcardTemp` and the vCard4 one with `vcard4` (an Error is a rejection). */
function port(vcardTemp: Element | Error | undefined, vcard4: Element | Error | undefined = stanzaError('item-not-found')) {
  const asked: string[] = [];
  const ask = async (child: Element, to: string): Promise<Element | undefined> => {
    asked.push(`${child.toString()} ${to}`);
    const answer = child.is('pubsub') ? vcard4 : vcardTemp;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { port: { ask }, asked };
}

it('reads vcard-temp and the vCard4 node at the bare JID, the vCard4 where it has fields (XEP-0292)', async () => {
  const both = port(temp(xml('NICKNAME', {}, 'old')), four(xml('nickname', {}, xml('text', {}, 'new'))));
  expect(await askVcard(both.port, 'bob@x')).toEqual({ fields: [{ label: 'nickname', value: 'new' }], left: 0, source: 'vCard4' });
  expect(both.asked.sort()).toEqual([
    '<pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="urn:xmpp:vcard4" max_items="1"/></pubsub> bob@x',
    '<vCard xmlns="vcard-temp"/> bob@x',
  ]);
  expect(await askVcard(port(temp(xml('NICKNAME', {}, 'bobby'))).port, 'bob@x')).toEqual({ fields: [{ label: 'nickname', value: 'bobby' }], left: 0, source: 'vcard-temp' });
  expect(await askVcard(port(temp(xml('FN', {}, 'B')), stanzaError('forbidden')).port, 'bob@x')).toMatchObject({ source: 'vcard-temp' });
});

it('item-not-found and an empty vCard are no vCard (XEP-0054 §3.1)', async () => {
  expect(await askVcard(port(stanzaError('item-not-found')).port, 'bob@x')).toEqual({ fields: [], left: 0, source: 'vcard-temp' });
  expect(await askVcard(port(temp()).port, 'bob@x')).toEqual({ fields: [], left: 0, source: 'vcard-temp' });
});

it('says why a vCard could not be read', async () => {
  await expect(askVcard(port(stanzaError('service-unavailable'), stanzaError('service-unavailable')).port, 'nobody@x')).rejects.toThrow('nobody@x does not answer vCard queries (service-unavailable)');
  await expect(askVcard(port(stanzaError('forbidden')).port, 'bob@x')).rejects.toThrow('bob@x could not be asked for a vCard (forbidden)');
  await expect(askVcard(port(undefined).port, 'bob@x')).rejects.toThrow('bob@x answered with a vCard natter can not read');
});
