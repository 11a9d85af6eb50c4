import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

it('/vcard set publishes a field, keeps the others, and bob reads it; /vcard shows it; /vcard clear removes one', async () => {
  const { a, bob, natter } = await natterAndBob(info, cleanup, { contacts: true, cols: 160, rows: 40 });
  natter.type('/vcard\r');
  await natter.waitForText(`${a.jid} has no vCard yet; /vcard set FN Your Name starts one`);
  natter.type('/vcard set FN Alice Example\r');
  await natter.waitForText(`set FN on the vCard of ${a.jid}`);
  natter.type('/vcard set email alice@example.org\r');
  await natter.waitForText(`set EMAIL on the vCard of ${a.jid}`);
  natter.type('/vcard set NOTE gone soon\r');
  await natter.waitForText(`set NOTE on the vCard of ${a.jid}`);
  natter.type('/vcard clear NOTE\r');
  await natter.waitForText(`removed NOTE from the vCard of ${a.jid}`);
  natter.type('/vcard\r');
  await natter.waitForText(`the vCard of ${a.jid}:`);
  await natter.waitForText('name: Alice Example');
  await natter.waitForText('email: alice@example.org');

  // What bob's client reads from alice's server.
  const card = await bob.iqGet(a.jid, xml('vCard', { xmlns: 'vcard-temp' }));
  expect(card?.getChildText('FN')).toBe('Alice Example');
  expect(card?.getChild('EMAIL')?.getChildText('USERID')).toBe('alice@example.org');
  expect(card?.getChild('NOTE')).toBeUndefined();
});

it('bad input is one clear line and publishes nothing: no field, no value, a field natter does not edit, a bad date, offline', async () => {
  const { a, bob, natter } = await natterAndBob(info, cleanup, { contacts: true, cols: 200 });
  natter.type('/vcard set FN Alice\r');
  await natter.waitForText(`set FN on the vCard of ${a.jid}`);
  natter.type('/vcard set\r');
  await natter.waitForText('Wrong number of arguments. Usage: /vcard set field value...  (see /help vcard set)');
  natter.type('/vcard set PHOTO x\r');
  await natter.waitForText('natter does not edit "PHOTO". Usage: /vcard set FIELD VALUE; FIELD is one of FN, NICKNAME');
  natter.type('/vcard set BDAY last tuesday\r');
  await natter.waitForText('/vcard set failed: BDAY must be a date written YYYY-MM-DD');
  natter.type(`/disconnect\r`);
  await natter.waitForText(`${a.jid} is offline; /connect ${a.jid} to come back`);
  natter.type('/vcard set FN Mallory\r');
  await natter.waitForText(`/vcard set failed: ${a.jid} is offline; /connect ${a.jid} first`);
  const card = await bob.iqGet(a.jid, xml('vCard', { xmlns: 'vcard-temp' }));
  expect(card?.getChildText('FN')).toBe('Alice');
  expect(card?.getChild('BDAY')).toBeUndefined();
});
