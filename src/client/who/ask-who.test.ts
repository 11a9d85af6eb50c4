import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { AskPort } from './ask-entity.js';
import { askDisco, askSoftwareVersion, pingEntity } from './ask-who.js';

/** A port that answers every question with `reply` and records whom it asked what. */
function port(reply: (to: string, child: Element) => Promise<Element | undefined>, online: Record<string, string> = {}) {
  const asked: Array<{ to: string; child: string }> = [];
  const fake: AskPort = { ask: (child, to) => (asked.push({ to, child: child.toString() }), reply(to, child)), onlineAt: (contact) => online[contact] };
  return { fake, asked };
}

const stanzaError = (condition: string): Error => Object.assign(new Error(condition), { name: 'StanzaError', condition });
const version = (...fields: Array<[string, string]>): Element => xml('query', { xmlns: 'jabber:iq:version' }, ...fields.map(([n, t]) => xml(n, {}, t)));

describe('pingEntity', () => {
  it("pings a contact's best device and times the round trip on the given stopwatch", async () => {
    const { fake, asked } = port(async () => undefined, { 'bob@x': 'bob@x/phone' });
    const ticks = [1000.2, 1012.9];
    expect(await pingEntity(fake, 'Bob@X', () => ticks.shift() ?? NaN)).toEqual({ jid: 'bob@x/phone', rttMs: 13 });
    expect(asked).toEqual([{ to: 'bob@x/phone', child: '<ping xmlns="urn:xmpp:ping"/>' }]);
  });

  it('says who does not answer pings, who could not be pinged, a timeout and being offline, each in one line', async () => {
    const cases: Array<[unknown, string]> = [
      [stanzaError('service-unavailable'), 'bob@x/phone does not answer pings (service-unavailable)'],
      [stanzaError('item-not-found'), 'bob@x/phone could not be pinged (item-not-found)'],
      [Object.assign(new Error(''), { name: 'TimeoutError' }), 'bob@x/phone did not answer the ping within 10 s'],
      [new Error('alice@x is offline; /connect alice@x first'), 'could not ping bob@x/phone: alice@x is offline; /connect alice@x first'],
    ];
    for (const [error, message] of cases) await expect(pingEntity(port(() => Promise.reject(error)).fake, 'bob@x/phone')).rejects.toThrow(message);
  });

  it('refuses what is not a JID before asking anyone', async () => {
    const { fake, asked } = port(async () => undefined);
    for (const written of ['', 'bob@x/', '@x', 'a b@x']) await expect(pingEntity(fake, written)).rejects.toThrow('is not a JID');
    expect(asked).toEqual([]);
  });
});

describe('askSoftwareVersion', () => {
  it('returns name, version and os of the device asked', async () => {
    const { fake, asked } = port(async () => version(['name', 'Gajim'], ['version', '1.8.4'], ['os', 'Linux']), { 'bob@x': 'bob@x/laptop' });
    expect(await askSoftwareVersion(fake, 'bob@x')).toEqual({ jid: 'bob@x/laptop', name: 'Gajim', version: '1.8.4', os: 'Linux' });
    expect(asked[0]?.child).toBe('<query xmlns="jabber:iq:version"/>');
  });

  it('says why an answer can not be read, and who refused', async () => {
    await expect(askSoftwareVersion(port(async () => version(['name', 'x'])).fake, 'bob@x/p')).rejects.toThrow('bob@x/p answered with a version natter can not read (no <version/> in the answer)');
    await expect(askSoftwareVersion(port(() => Promise.reject(stanzaError('service-unavailable'))).fake, 'bob@x/p')).rejects.toThrow('bob@x/p does not answer software version queries (service-unavailable)');
  });
});

describe('askDisco', () => {
  it('asks the JID as written (a contact is not moved to a device) and reads info or items', async () => {
    const { fake, asked } = port(async (_to, child) =>
      child.attrs.xmlns === 'http://jabber.org/protocol/disco#items'
        ? xml('query', { xmlns: child.attrs.xmlns }, xml('item', { jid: 'conference.x', name: 'Rooms' }))
        : xml('query', { xmlns: child.attrs.xmlns }, xml('identity', { category: 'account', type: 'registered' }), xml('feature', { var: 'urn:xmpp:mam:2' })),
    { 'bob@x': 'bob@x/phone' });
    expect(await askDisco(fake, 'bob@x')).toEqual({ kind: 'info', jid: 'bob@x', identities: [{ category: 'account', type: 'registered' }], features: ['urn:xmpp:mam:2'], left: 0 });
    expect(await askDisco(fake, 'x', { items: true })).toEqual({ kind: 'items', jid: 'x', items: [{ jid: 'conference.x', name: 'Rooms' }], left: 0 });
    expect(asked.map((a) => a.to)).toEqual(['bob@x', 'x']);
  });

  it('says item-not-found and unreadable answers plainly', async () => {
    // XEP-0030 §3.2: a node that does not exist is item-not-found; said as such, its name inert.
    await expect(askDisco(port(() => Promise.reject(stanzaError('item-not-found'))).fake, 'x', { node: 'n\u001b[2J' })).rejects.toThrow(/^x has no node n \(item-not-found\)$/);
    await expect(askDisco(port(() => Promise.reject(stanzaError('item-not-found'))).fake, 'x', { node: 'n', items: true })).rejects.toThrow(/^x has no node n \(item-not-found\)$/);
    await expect(askDisco(port(() => Promise.reject(stanzaError('item-not-found'))).fake, 'x')).rejects.toThrow('x could not be asked what it offers (item-not-found)');
    await expect(askDisco(port(() => Promise.reject(stanzaError('forbidden'))).fake, 'x', { node: 'n' })).rejects.toThrow('x could not be asked what it offers (forbidden)');
    await expect(askDisco(port(async () => undefined).fake, 'x')).rejects.toThrow('x answered with information natter can not read (no disco#info <query/> in the answer)');
  });
});
