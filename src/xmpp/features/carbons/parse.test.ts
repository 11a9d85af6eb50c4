import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { unwrapForwarded } from '../forwarding/unwrap.js';
import { parseCarbonCopy, type CarbonResult } from './parse.js';

const element = (text: string) => parse(text) as unknown as Element;
const carbon = (outerFrom: string, kind: 'received' | 'sent', inner: string) =>
  element(`<message from="${outerFrom}" to="alice@x/term"><${kind} xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">${inner}</forwarded></${kind}></message>`);

/** As the inbound router reads a carbon: unwrapped (and checked), then the copy parsed. */
function read(stanza: Element, ownJid = 'alice@x'): CarbonResult | { rejected: string } | undefined {
  const unwrapped = unwrapForwarded(stanza, ownJid);
  if (unwrapped.via === 'rejected') return { rejected: unwrapped.reason };
  return unwrapped.via === 'carbon' ? parseCarbonCopy(unwrapped.stanza, unwrapped.sent) : undefined;
}

describe('carbons (XEP-0280)', () => {
  it('turns a received carbon into an incoming message from the peer', () => {
    const result = read(carbon('alice@x', 'received', '<message from="bob@x/phone" to="alice@x/phone" type="chat" id="m1"><body>hi</body></message>'));
    expect(result).toMatchObject({ ok: true, message: { peer: 'bob@x', direction: 'in', body: 'hi', id: 'm1' } });
  });

  it('dates a copy by its arrival: a <delay/> in it is what its sender claimed (XEP-0203)', () => {
    const before = Date.now();
    const result = read(carbon('alice@x', 'received', '<message from="bob@x/phone" type="chat"><body>hi</body><delay xmlns="urn:xmpp:delay" from="x" stamp="2999-01-01T00:00:00Z"/></message>'));
    const at = result && 'ok' in result && result.ok ? result.message.at : NaN;
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it('turns a sent carbon into an outgoing message to the peer', () => {
    const result = read(carbon('alice@x', 'sent', '<message from="alice@x/phone" to="bob@x" type="chat"><body>yo</body><origin-id xmlns="urn:xmpp:sid:0" id="o1"/></message>'));
    expect(result).toMatchObject({ ok: true, message: { peer: 'bob@x', direction: 'out', body: 'yo', originId: 'o1' } });
  });

  it('marks copies of private messages through a room (muc#user) with the room and nick, both ways', () => {
    const x = '<x xmlns="http://jabber.org/protocol/muc#user"/>';
    const received = read(carbon('alice@x', 'received', `<message from="ops@muc.x/bob" to="alice@x/phone" type="chat"><body>psst</body>${x}</message>`));
    expect(received).toMatchObject({ ok: true, message: { direction: 'in', occupant: { room: 'ops@muc.x', nick: 'bob' } } });
    const sent = read(carbon('alice@x', 'sent', `<message from="alice@x/phone" to="ops@muc.x/Bob Smith" type="chat"><body>ok</body>${x}</message>`));
    expect(sent).toMatchObject({ ok: true, message: { direction: 'out', occupant: { room: 'ops@muc.x', nick: 'Bob Smith' } } });
    // Without the marker, or without a nick, it is a one-to-one chat as before.
    const plain = read(carbon('alice@x', 'received', '<message from="bob@x/phone" type="chat"><body>hi</body></message>'));
    expect(plain && 'ok' in plain && plain.ok && plain.message.occupant).toBeUndefined();
    const bare = read(carbon('alice@x', 'received', `<message from="ops@muc.x" type="chat"><body>hi</body>${x}</message>`));
    expect(bare && 'ok' in bare && bare.ok && bare.message.occupant).toBeUndefined();
  });

  it.each([
    ['bob@x', 'spoofed carbon from bob@x'],
    ['alice@x/phone', 'spoofed carbon from alice@x/phone'],
    ['', 'spoofed carbon from (no from)'],
  ])('ignores a carbon whose outer from is %j (XEP-0280 §11)', (from, reason) => {
    const stanza = from
      ? carbon(from, 'received', '<message from="bob@x/r" type="chat"><body>fake</body></message>')
      : element('<message><received xmlns="urn:xmpp:carbons:2"/></message>');
    expect(read(stanza)).toEqual({ rejected: reason });
  });

  it('leaves a message that is not a carbon alone, and rejects an empty one', () => {
    expect(read(element('<message from="bob@x"><body>x</body></message>'))).toBeUndefined();
    expect(read(element('<message from="alice@x"><sent xmlns="urn:xmpp:carbons:2"/></message>'))).toEqual({ rejected: 'carbon without a forwarded message' });
  });
});
