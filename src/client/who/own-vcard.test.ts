import xml, { type Element } from '@xmpp/xml';
import { expect, it } from 'vitest';
import { editOwnVcard, type OwnVcardPort } from './own-vcard.js';

const stanzaError = (condition: string): Error => Object.assign(new Error(condition), { name: 'StanzaError', condition });

function port(read: () => Promise<Element | undefined>, publish: (card: Element) => Promise<Element | undefined> = async () => undefined) {
  const published: string[] = [];
  const fake: OwnVcardPort = { jid: 'alice@x', ask: read, setOwn: (card) => (published.push(card.toString()), publish(card)) };
  return { fake, published };
}

it('reads the card, sets the field, keeps the rest, publishes the whole card', async () => {
  const { fake, published } = port(async () => xml('vCard', { xmlns: 'vcard-temp' }, xml('FN', {}, 'Alice'), xml('NOTE', {}, 'hi')));
  expect(await editOwnVcard(fake, 'nickname', 'ally')).toBe('set NICKNAME on the vCard of alice@x');
  expect(published).toEqual(['<vCard xmlns="vcard-temp"><FN>Alice</FN><NOTE>hi</NOTE><NICKNAME>ally</NICKNAME></vCard>']);
  expect(await editOwnVcard(fake, 'NOTE', undefined)).toBe('removed NOTE from the vCard of alice@x');
  expect(published[1]).toBe('<vCard xmlns="vcard-temp"><FN>Alice</FN></vCard>');
});

it('starts a card when there is none (item-not-found)', async () => {
  const { fake, published } = port(() => Promise.reject(stanzaError('item-not-found')));
  await editOwnVcard(fake, 'FN', 'Alice');
  expect(published).toEqual(['<vCard xmlns="vcard-temp"><FN>Alice</FN></vCard>']);
});

it('publishes nothing when the card can not be read, the value is refused, or says the server refused it', async () => {
  const unreadable = port(() => Promise.reject(Object.assign(new Error(''), { name: 'TimeoutError' })));
  await expect(editOwnVcard(unreadable.fake, 'FN', 'A')).rejects.toThrow('the vCard was left as it is: alice@x did not answer the vCard request within 10 s');
  expect(unreadable.published).toEqual([]);
  const bad = port(async () => undefined);
  await expect(editOwnVcard(bad.fake, 'BDAY', 'soon')).rejects.toThrow('BDAY must be a date written YYYY-MM-DD');
  expect(bad.published).toEqual([]);
  const refused = port(async () => undefined, () => Promise.reject(stanzaError('not-acceptable')));
  await expect(editOwnVcard(refused.fake, 'FN', 'A')).rejects.toThrow("alice@x's server refused the vCard (not-acceptable)");
});
