import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { buildDiscoQuery, MAX_DISCO_ENTRIES, MAX_DISCO_TEXT, NS_DISCO_ITEMS, parseDiscoInfo, parseDiscoItems } from './parse.js';

const element = (text: string): Element => parse(text) as unknown as Element;
const INFO = 'http://jabber.org/protocol/disco#info';

describe('disco queries', () => {
  it('ask for info or items, at a node when given', () => {
    expect(buildDiscoQuery(INFO).toString()).toBe(`<query xmlns="${INFO}"/>`);
    expect(buildDiscoQuery(NS_DISCO_ITEMS, 'n').toString()).toBe(`<query xmlns="${NS_DISCO_ITEMS}" node="n"/>`);
  });
});

describe('parseDiscoInfo', () => {
  it('reads the identities and features of the XEP-0030 §3.1 example', () => {
    const answer = element(`<query xmlns="${INFO}"><identity category="conference" type="text" name="Play-Specific Chatrooms"/><identity category="directory" type="chatroom"/><feature var="http://jabber.org/protocol/muc"/><feature var="jabber:iq:time"/></query>`);
    expect(parseDiscoInfo(answer)).toEqual({
      ok: true,
      identities: [{ category: 'conference', type: 'text', name: 'Play-Specific Chatrooms' }, { category: 'directory', type: 'chatroom' }],
      features: ['http://jabber.org/protocol/muc', 'jabber:iq:time'],
      left: 0,
    });
  });

  it('skips what it can not read and bounds the rest: entries counted past the limit, long texts cut', () => {
    const many = Array.from({ length: MAX_DISCO_ENTRIES + 5 }, (_, i) => `<feature var="f${i}"/>`).join('');
    const answer = element(`<query xmlns="${INFO}"><identity type="pc"/><feature/><feature var="${'x'.repeat(10_000)}"/>${many}</query>`);
    const info = parseDiscoInfo(answer);
    if (!info.ok) throw new Error(info.reason);
    expect(info.identities).toEqual([]);
    expect(info.features[0]).toHaveLength(MAX_DISCO_TEXT);
    expect(info.identities.length + info.features.length).toBeLessThanOrEqual(MAX_DISCO_ENTRIES);
    expect(info.left).toBe(6);
  });

  it('refuses an answer that is not disco#info', () => {
    expect(parseDiscoInfo(element(`<query xmlns="${NS_DISCO_ITEMS}"/>`))).toEqual({ ok: false, reason: 'no disco#info <query/> in the answer' });
    expect(parseDiscoInfo(undefined)).toMatchObject({ ok: false });
  });
});

describe('parseDiscoItems', () => {
  it('reads items with their node and name; an item without a jid is skipped', () => {
    const answer = element(`<query xmlns="${NS_DISCO_ITEMS}"><item jid="conference.x" name="Rooms"/><item jid="x" node="n"/><item name="no jid"/></query>`);
    expect(parseDiscoItems(answer)).toEqual({ ok: true, items: [{ jid: 'conference.x', name: 'Rooms' }, { jid: 'x', node: 'n' }], left: 0 });
  });

  it('keeps at most MAX_DISCO_ENTRIES items and counts the rest', () => {
    const many = Array.from({ length: MAX_DISCO_ENTRIES + 3 }, (_, i) => `<item jid="r${i}@x"/>`).join('');
    expect(parseDiscoItems(element(`<query xmlns="${NS_DISCO_ITEMS}">${many}</query>`))).toMatchObject({ ok: true, left: 3 });
    expect(parseDiscoItems(element(`<query xmlns="${INFO}"/>`))).toEqual({ ok: false, reason: 'no disco#items <query/> in the answer' });
  });
});
