import type { Element } from '@xmpp/xml';
import { parse } from 'ltx';
import { describe, expect, it } from 'vitest';
import { mentions } from '../../../domain/room.js';
import { parseRoomStanza } from './parse.js';

const rooms = new Set(['ops@conference.example']);
const NOW = Date.parse('2026-12-05T00:00:00Z');
const read = (text: string) => parseRoomStanza(parse(text) as unknown as Element, rooms, () => NOW);

describe('parseRoomStanza (XEP-0045)', () => {
  it('leaves stanzas of rooms not joined to the other features', () => {
    expect(read('<message from="bob@example.org/x" type="chat"><body>hi</body></message>')).toBeUndefined();
    expect(read('<message from="other@conference.example/bob" type="groupchat"><body>hi</body></message>')).toBeUndefined();
  });

  it('reads a groupchat message with its delay, origin-id, and the room\'s own stanza-id only', () => {
    const result = read(`<message from="ops@conference.example/bob" type="groupchat" id="m1"><body>deploy done</body>
      <delay xmlns="urn:xmpp:delay" from="ops@conference.example" stamp="2026-12-04T10:00:00Z"/><origin-id xmlns="urn:xmpp:sid:0" id="o1"/>
      <stanza-id xmlns="urn:xmpp:sid:0" by="bob@example.org" id="forged"/><stanza-id xmlns="urn:xmpp:sid:0" by="ops@conference.example" id="s1"/></message>`);
    expect(result).toEqual({ ok: true, event: { kind: 'message', room: 'ops@conference.example', nick: 'bob', body: 'deploy done', at: Date.parse('2026-12-04T10:00:00Z'), delayed: true, id: 'm1', originId: 'o1', stanzaId: 's1' } });
  });

  it('takes a time only from the room\'s own <delay/> (its discussion history, XEP-0045 §7.2.15), never later than now', () => {
    const message = (delay: string) => read(`<message from="ops@conference.example/bob" type="groupchat"><body>x</body><delay xmlns="urn:xmpp:delay" ${delay}/></message>`);
    expect(message('from="bob@example.org" stamp="1999-01-01T00:00:00Z"')).toMatchObject({ ok: true, event: { at: NOW, delayed: false } });
    expect(message('stamp="1999-01-01T00:00:00Z"')).toMatchObject({ ok: true, event: { at: NOW, delayed: false } });
    expect(message('from="ops@conference.example" stamp="2999-01-01T00:00:00Z"')).toMatchObject({ ok: true, event: { at: NOW, delayed: true } });
    const whisper = read('<message from="ops@conference.example/bob" type="chat"><body>psst</body><delay xmlns="urn:xmpp:delay" stamp="1999-01-01T00:00:00Z"/></message>');
    expect(whisper).toMatchObject({ ok: true, event: { kind: 'private', at: NOW } });
  });

  it('reads a subject change (no body), and an empty subject as cleared', () => {
    expect(read('<message from="ops@conference.example/bob" type="groupchat"><subject>Release day</subject></message>')).toEqual({
      ok: true, event: { kind: 'subject', room: 'ops@conference.example', nick: 'bob', subject: 'Release day' },
    });
    expect(read('<message from="ops@conference.example" type="groupchat"><subject/></message>')).toMatchObject({ ok: true, event: { subject: '' } });
  });

  it('reads a private message from an occupant (§7.5)', () => {
    expect(read('<message from="ops@conference.example/bob" type="chat" id="p1"><body>psst</body><x xmlns="http://jabber.org/protocol/muc#user"/></message>')).toEqual({
      ok: true, event: { kind: 'private', room: 'ops@conference.example', nick: 'bob', body: 'psst', at: NOW, id: 'p1' },
    });
  });

  it('reads occupants: role, affiliation, real JID, our own presence (110), a nick change (303)', () => {
    const self = read(`<presence from="ops@conference.example/alice"><show>away</show><x xmlns="http://jabber.org/protocol/muc#user">
      <item affiliation="owner" role="moderator" jid="alice@example.org/natter"/><status code="110"/><status code="201"/></x></presence>`);
    expect(self).toEqual({
      ok: true,
      event: {
        kind: 'occupant', room: 'ops@conference.example', self: true, left: false, codes: ['110', '201'],
        occupant: { nick: 'alice', role: 'moderator', affiliation: 'owner', presence: 'away', jid: 'alice@example.org' },
      },
    });
    const renamed = read(`<presence from="ops@conference.example/bob" type="unavailable"><x xmlns="http://jabber.org/protocol/muc#user">
      <item affiliation="none" role="participant" nick="robert"/><status code="303"/></x></presence>`);
    expect(renamed).toMatchObject({ ok: true, event: { left: true, newNick: 'robert', occupant: { nick: 'bob', presence: 'offline' } } });
    // Unknown roles from a stranger's server become "none", not arbitrary strings.
    expect(read('<presence from="ops@conference.example/eve"><x xmlns="http://jabber.org/protocol/muc#user"><item role="god" affiliation="root"/></x></presence>'))
      .toMatchObject({ ok: true, event: { occupant: { role: 'none', affiliation: 'none' } } });
  });

  it('reads errors with their condition, and refuses junk with a reason', () => {
    expect(read('<presence from="ops@conference.example/alice" type="error"><error type="cancel"><conflict xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></presence>'))
      .toEqual({ ok: true, event: { kind: 'error', room: 'ops@conference.example', nick: 'alice', of: 'presence', condition: 'conflict' } });
    expect(read(`<presence from="ops@conference.example/${'x'.repeat(1024)}"/>`)).toEqual({ ok: false, room: 'ops@conference.example', reason: 'a nickname over 1023 bytes' });
    // ejabberd's, at every join: the room announcing its own caps (XEP-0115), from the bare room JID.
    expect(read('<presence from="ops@conference.example" id="1"><c xmlns="http://jabber.org/protocol/caps" hash="sha-1" node="http://www.process-one.net/en/ejabberd/" ver="94Y7MuW5ZbbekK4bo1R7KliKmS4="/></presence>'))
      .toEqual({ ok: false, room: 'ops@conference.example', reason: "the room's own presence" });
    expect(read('<message from="ops@conference.example/bob" type="groupchat"/>')).toMatchObject({ ok: false, reason: 'no body' });
  });
});

describe('mentions', () => {
  it.each([
    ['alice: ping', true], ['hi @Alice!', true], ['ALICE', true], ['malice aforethought', false], ['alice_b is here', false], ['', false],
  ])('%s → %s', (body, expected) => {
    expect(mentions(body, 'alice')).toBe(expected);
  });
  it('takes a nick with regex characters literally', () => {
    expect(mentions('ping a.b+c', 'a.b+c')).toBe(true);
    expect(mentions('ping aXb+c', 'a.b+c')).toBe(false);
    expect(mentions('anything', '')).toBe(false);
  });
});
