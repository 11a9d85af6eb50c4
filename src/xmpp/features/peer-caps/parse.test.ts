import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { NS_CAPS, NS_DISCO_INFO } from '../disco/entity.js';
import { NS_CHATSTATES, NS_RECEIPTS } from '../messages/ns.js';
import { buildChatMessage } from '../messages/build.js';
import { buildGroupchatMessage } from '../muc/build.js';
import { askOnlyForSupported } from './ask-only-for-supported.js';
import { buildCapsQuery, parseCapsAnswer, parseCapsMark } from './parse.js';

// XEP-0115 §5.2 "Simple Generation Example".
const EXODUS_VER = 'QgayPKawpkPSDYmwT/WM94uAlu0=';
const exodus = (...extra: string[]) =>
  xml(
    'query',
    { xmlns: NS_DISCO_INFO, node: `http://code.google.com/p/exodus#${EXODUS_VER}` },
    xml('identity', { category: 'client', type: 'pc', name: 'Exodus 0.9.1' }),
    ...['http://jabber.org/protocol/caps', 'http://jabber.org/protocol/disco#info', 'http://jabber.org/protocol/disco#items', 'http://jabber.org/protocol/muc', ...extra].map((f) => xml('feature', { var: f })),
  );

describe('peer caps (XEP-0115)', () => {
  it('reads a sha-1 <c/> from a presence; another hash, a legacy <c/> or an oversized ver is unknown', () => {
    const presence = (attrs: Record<string, string>) => xml('presence', { from: 'bob@x/a' }, xml('c', { xmlns: NS_CAPS, ...attrs }));
    expect(parseCapsMark(presence({ hash: 'sha-1', node: 'http://code.google.com/p/exodus', ver: EXODUS_VER }))).toEqual({ node: 'http://code.google.com/p/exodus', ver: EXODUS_VER });
    expect(parseCapsMark(presence({ hash: 'md5', node: 'n', ver: 'v' }))).toBeUndefined();
    expect(parseCapsMark(presence({ node: 'n', ver: '1.0', ext: 'voice' }))).toBeUndefined();
    expect(parseCapsMark(presence({ hash: 'sha-1', node: 'n', ver: 'v'.repeat(65) }))).toBeUndefined();
    expect(parseCapsMark(xml('presence', { from: 'bob@x/a' }))).toBeUndefined();
    expect(buildCapsQuery({ node: 'n', ver: 'v' }).attrs).toEqual({ xmlns: NS_DISCO_INFO, node: 'n#v' });
  });

  it('takes the features of an answer that hashes to its ver, and marks one that does not as unverified', () => {
    const verified = parseCapsAnswer(exodus(), EXODUS_VER);
    expect(verified).toMatchObject({ verified: true });
    expect('features' in verified && verified.features.has('http://jabber.org/protocol/muc')).toBe(true);
    expect(parseCapsAnswer(exodus(NS_RECEIPTS), EXODUS_VER)).toMatchObject({ verified: false });
    // §5.4: a feature listed twice makes the answer invalid, whatever it hashes to.
    expect(parseCapsAnswer(exodus('http://jabber.org/protocol/muc'), EXODUS_VER)).toMatchObject({ verified: false });
    expect(parseCapsAnswer(undefined, EXODUS_VER)).toEqual({ reason: 'no disco#info in the answer' });
    const flood = xml('query', { xmlns: NS_DISCO_INFO }, ...Array.from({ length: 600 }, (_, i) => xml('feature', { var: `urn:x:${i}` })));
    expect(parseCapsAnswer(flood, 'v')).toEqual({ reason: 'the answer lists too many features' });
  });

  it('asks for a receipt and says <active/> only where the caps do not rule them out', () => {
    const children = (supports: (ns: string) => boolean | undefined) =>
      askOnlyForSupported(buildChatMessage('bob@x/a', 'hi', 'id1'), (_to, ns) => supports(ns)).getChildElements().map((c) => c.name);
    expect(children(() => undefined)).toEqual(['body', 'origin-id', 'request', 'active']);
    expect(children((ns) => ns === NS_RECEIPTS)).toEqual(['body', 'origin-id', 'request']);
    expect(children((ns) => ns === NS_CHATSTATES)).toEqual(['body', 'origin-id', 'active']);
    expect(children(() => false)).toEqual(['body', 'origin-id']);
    const room = buildGroupchatMessage('room@muc.x', 'hi', 'id2');
    expect(askOnlyForSupported(room, () => false).getChildElements().map((c) => c.name)).toEqual(['body', 'origin-id']);
  });
});
