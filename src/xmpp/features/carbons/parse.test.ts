import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { parseCarbon } from './parse.js';

const element = (text: string) => parse(text) as unknown as Element;
const carbon = (outerFrom: string, kind: 'received' | 'sent', inner: string) =>
  element(`<message from="${outerFrom}" to="alice@x/term"><${kind} xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">${inner}</forwarded></${kind}></message>`);

describe('parseCarbon', () => {
  it('turns a received carbon into an incoming message from the peer', () => {
    const result = parseCarbon(carbon('alice@x', 'received', '<message from="bob@x/phone" to="alice@x/phone" type="chat" id="m1"><body>hi</body></message>'), 'alice@x');
    expect(result).toMatchObject({ ok: true, message: { peer: 'bob@x', direction: 'in', body: 'hi', id: 'm1' } });
  });

  it('dates a copy by its arrival: a <delay/> in it is what its sender claimed (XEP-0203)', () => {
    const before = Date.now();
    const result = parseCarbon(carbon('alice@x', 'received', '<message from="bob@x/phone" type="chat"><body>hi</body><delay xmlns="urn:xmpp:delay" from="x" stamp="2999-01-01T00:00:00Z"/></message>'), 'alice@x');
    const at = result?.ok ? result.message.at : NaN;
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it('turns a sent carbon into an outgoing message to the peer', () => {
    const result = parseCarbon(carbon('alice@x', 'sent', '<message from="alice@x/phone" to="bob@x" type="chat"><body>yo</body><origin-id xmlns="urn:xmpp:sid:0" id="o1"/></message>'), 'alice@x');
    expect(result).toMatchObject({ ok: true, message: { peer: 'bob@x', direction: 'out', body: 'yo', originId: 'o1' } });
  });

  it('marks copies of private messages through a room (muc#user) with the room and nick, both ways', () => {
    const x = '<x xmlns="http://jabber.org/protocol/muc#user"/>';
    const received = parseCarbon(carbon('alice@x', 'received', `<message from="ops@muc.x/bob" to="alice@x/phone" type="chat"><body>psst</body>${x}</message>`), 'alice@x');
    expect(received).toMatchObject({ ok: true, message: { direction: 'in', occupant: { room: 'ops@muc.x', nick: 'bob' } } });
    const sent = parseCarbon(carbon('alice@x', 'sent', `<message from="alice@x/phone" to="ops@muc.x/Bob Smith" type="chat"><body>ok</body>${x}</message>`), 'alice@x');
    expect(sent).toMatchObject({ ok: true, message: { direction: 'out', occupant: { room: 'ops@muc.x', nick: 'Bob Smith' } } });
    // Without the marker, or without a nick, it is a one-to-one chat as before.
    const plain = parseCarbon(carbon('alice@x', 'received', '<message from="bob@x/phone" type="chat"><body>hi</body></message>'), 'alice@x');
    expect(plain?.ok && plain.message.occupant).toBeUndefined();
    const bare = parseCarbon(carbon('alice@x', 'received', `<message from="ops@muc.x" type="chat"><body>hi</body>${x}</message>`), 'alice@x');
    expect(bare?.ok && bare.message.occupant).toBeUndefined();
  });

  it.each([
    ['bob@x', 'spoofed carbon from bob@x'],
    ['alice@x/phone', 'spoofed carbon from alice@x/phone'],
    ['', 'spoofed carbon from (no from)'],
  ])('ignores a carbon whose outer from is %j (XEP-0280 §11)', (from, reason) => {
    const stanza = from
      ? carbon(from, 'received', '<message from="bob@x/r" type="chat"><body>fake</body></message>')
      : element('<message><received xmlns="urn:xmpp:carbons:2"/></message>');
    expect(parseCarbon(stanza, 'alice@x')).toEqual({ ok: false, reason });
  });

  it('returns undefined for a message that is not a carbon, and a reason for an empty one', () => {
    expect(parseCarbon(element('<message from="bob@x"><body>x</body></message>'), 'alice@x')).toBeUndefined();
    expect(parseCarbon(element('<message from="alice@x"><sent xmlns="urn:xmpp:carbons:2"/></message>'), 'alice@x')).toEqual({ ok: false, reason: 'carbon without a forwarded message' });
  });
});
