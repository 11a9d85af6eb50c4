import xml from '@xmpp/xml';
import { expect, it } from 'vitest';
import { askVcard } from './ask-vcard.js';

const stanzaError = (condition: string): Error => Object.assign(new Error(condition), { name: 'StanzaError', condition });

it('reads the fields at the bare JID; item-not-found and an empty vCard are no vCard (XEP-0054 §3.1)', async () => {
  const asked: string[] = [];
  const card = await askVcard({ ask: async (child, to) => (asked.push(`${child.toString()} ${to}`), xml('vCard', { xmlns: 'vcard-temp' }, xml('NICKNAME', {}, 'bobby'))) }, 'bob@x');
  expect(card).toEqual({ fields: [{ label: 'nickname', value: 'bobby' }], left: 0 });
  expect(asked).toEqual(['<vCard xmlns="vcard-temp"/> bob@x']);
  expect(await askVcard({ ask: () => Promise.reject(stanzaError('item-not-found')) }, 'bob@x')).toEqual({ fields: [], left: 0 });
  expect(await askVcard({ ask: async () => xml('vCard', { xmlns: 'vcard-temp' }) }, 'bob@x')).toEqual({ fields: [], left: 0 });
});

it('says why a vCard could not be read', async () => {
  await expect(askVcard({ ask: () => Promise.reject(stanzaError('service-unavailable')) }, 'nobody@x')).rejects.toThrow('nobody@x does not answer vCard queries (service-unavailable)');
  await expect(askVcard({ ask: () => Promise.reject(stanzaError('forbidden')) }, 'bob@x')).rejects.toThrow('bob@x could not be asked for a vCard (forbidden)');
  await expect(askVcard({ ask: async () => undefined }, 'bob@x')).rejects.toThrow('bob@x answered with a vCard natter can not read');
});
