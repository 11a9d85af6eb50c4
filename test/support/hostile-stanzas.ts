import xml, { type Element } from '@xmpp/xml';
import { hostileAttr, hostileText, hugeText, rng, type Rng } from './hostile-text.js';

/** Who sends a stanza: the contact (bob, a peer connection) or an occupant of the room natter is in (carol). */
export type HostileSender = 'peer' | 'occupant';

export interface HostileStanza {
  sender: HostileSender;
  /** The generator's name for what it is (the test counts them per kind). */
  kind: string;
  xml: string;
}

export interface HostileTargets {
  /** natter's account (bare) and its full JID (bob learnt it from natter's presence). */
  alice: string;
  aliceFull: string;
  /** The room natter joined, and natter's nick in it. */
  room: string;
  aliceNick: string;
  /** The occupant's nick in the room. */
  occupantNick: string;
  /** Another account: what spoofed stanzas claim to be from or about. */
  other: string;
}

/** Prosody's c2s_stanza_size_limit is 256 KiB (mod_c2s.lua, 1024*256): a 200 KB body and its envelope fit. */
export const HUGE_BODY_BYTES = 200_000;

const NS = {
  carbons: 'urn:xmpp:carbons:2', forward: 'urn:xmpp:forward:0', mam: 'urn:xmpp:mam:2', delay: 'urn:xmpp:delay',
  receipts: 'urn:xmpp:receipts', markers: 'urn:xmpp:chat-markers:0', correct: 'urn:xmpp:message-correct:0',
  chatstates: 'http://jabber.org/protocol/chatstates', roster: 'jabber:iq:roster', mucUser: 'http://jabber.org/protocol/muc#user',
  oob: 'jabber:x:oob', conference: 'jabber:x:conference', nick: 'http://jabber.org/protocol/nick', caps: 'http://jabber.org/protocol/caps',
  stanzas: 'urn:ietf:params:xml:ns:xmpp-stanzas',
};

/** JIDs no server would accept as addresses: only where the server passes them on (inside forwarded stanzas, items, attributes it does not route on). */
const INVALID_JIDS = ['@localhost', 'a@@localhost', 'a@localhost/', '/res', 'a@', '', ' ', 'a b@localhost', 'x@[::1', `${'a'.repeat(1100)}@localhost`, 'ev\u202eil@localhost', 'a\u009b6n@localhost/r\u0085', 'localhost/\u200b'];

type Build = (r: Rng, t: HostileTargets, id: string) => { sender: HostileSender; stanza: Element | string };

const text = (r: Rng): string => hostileText(r);
const attr = (r: Rng): string => hostileAttr(r);
const jid = (r: Rng, t: HostileTargets): string => (r.chance(0.5) ? r.pick(INVALID_JIDS) : r.pick([t.other, t.alice, `${t.other}/${attr(r)}`, t.room, `${t.room}/${attr(r)}`]));
const messageType = (r: Rng): string => r.pick(['chat', 'normal', 'headline', 'bogus', 'groupchat', '', attr(r)]);
const body = (r: Rng): Element => xml('body', r.chance(0.2) ? { 'xml:lang': attr(r) } : {}, text(r));
const forwarded = (r: Rng, t: HostileTargets, inner: Record<string, string>): Element =>
  xml('forwarded', { xmlns: NS.forward }, xml('delay', { xmlns: NS.delay, stamp: r.pick(['2001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', attr(r)]), from: jid(r, t) }),
    xml('message', { xmlns: 'jabber:client', ...inner, id: attr(r) }, body(r)));

/** The kinds, each with its weight in a run. */
const KINDS: Array<[string, number, Build]> = [
  ['chat body', 14, (r, t, id) => ({ sender: 'peer', stanza: xml('message', { to: t.alice, type: messageType(r), id }, body(r), r.chance(0.3) ? xml('thread', {}, attr(r)) : '') })],
  ['subject and headline', 3, (r, t, id) => ({ sender: 'peer', stanza: xml('message', { to: t.alice, type: r.pick(['headline', 'normal']), id }, xml('subject', {}, text(r)), body(r)) })],
  ['hostile id', 4, (r, t) => ({ sender: 'peer', stanza: xml('message', { to: t.alice, type: 'chat', id: attr(r) }, body(r)) })],
  ['200 KB body', 0.4, (r, t, id) => ({ sender: 'peer', stanza: xml('message', { to: t.alice, type: 'chat', id }, xml('body', {}, hugeText(r, HUGE_BODY_BYTES))) })],
  ['deep nesting', 2, (r, t, id) => {
    const depth = 70 + r.int(400);
    return { sender: 'peer', stanza: `<message to='${t.alice}' type='headline' id='${id}'><body>deep ${depth}</body>${'<x xmlns="urn:example:deep">'.repeat(depth)}bottom${'</x>'.repeat(depth)}</message>` };
  }],
  ['unknown namespace', 4, (r, t, id) => ({ sender: 'peer', stanza: xml('message', { to: t.alice, type: messageType(r), id }, body(r), xml('payload', { xmlns: `urn:example:${r.int(1000)}`, a: attr(r), jid: jid(r, t) }, text(r))) })],
  ['chat state', 8, (r, t, id) => ({ sender: 'peer', stanza: xml('message', { to: t.alice, type: 'chat', id }, xml(r.pick(['composing', 'paused', 'active', 'inactive', 'gone', 'bogus']), { xmlns: NS.chatstates, extra: attr(r) })) })],
  ['marker', 5, (r, t, id) => ({ sender: 'peer', stanza: xml('message', { to: t.alice, type: 'chat', id }, xml(r.pick(['received', 'displayed', 'acknowledged', 'markable']), { xmlns: NS.markers, id: attr(r) })) })],
  ['spoofed receipt', 5, (r, t, id) => ({ sender: 'peer', stanza: xml('message', { to: t.alice, id }, xml('received', { xmlns: NS.receipts, id: r.chance(0.5) ? `h-${r.int(200)}` : attr(r) }), r.chance(0.5) ? xml('request', { xmlns: NS.receipts }) : '') })],
  ['spoofed correction', 5, (r, t, id) => ({ sender: 'peer', stanza: xml('message', { to: t.alice, type: 'chat', id }, body(r), xml('replace', { xmlns: NS.correct, id: r.chance(0.5) ? `h-${r.int(200)}` : attr(r) })) })],
  ['spoofed carbon', 6, (r, t, id) => ({
    sender: 'peer',
    stanza: xml('message', { to: t.alice, id }, xml(r.pick(['received', 'sent', 'private']), { xmlns: NS.carbons }, forwarded(r, t, { from: jid(r, t), to: jid(r, t), type: 'chat' }))),
  })],
  ['spoofed archive result', 6, (r, t, id) => ({
    sender: 'peer',
    stanza: xml('message', { to: t.alice, id }, xml('result', { xmlns: NS.mam, id: attr(r), ...(r.chance(0.5) ? { queryid: attr(r) } : {}) }, forwarded(r, t, { from: jid(r, t), to: t.alice, type: 'chat' }))),
  })],
  ['spoofed roster push', 5, (r, t, id) => ({
    sender: 'peer',
    stanza: xml('iq', { to: t.aliceFull, type: 'set', id }, xml('query', { xmlns: NS.roster, ver: attr(r) },
      xml('item', { jid: r.chance(0.5) ? t.other : jid(r, t), name: attr(r), subscription: r.pick(['both', 'none', 'remove', 'from', attr(r)]) }, xml('group', {}, text(r))))),
  })],
  ['wrong iq type', 4, (r, t, id) => ({ sender: 'peer', stanza: xml('iq', { to: t.aliceFull, type: r.pick(['foo', 'GET', '', attr(r)]), id }, xml('query', { xmlns: r.pick([NS.roster, 'jabber:iq:version', `urn:example:${r.int(100)}`]) })) })],
  ['unknown iq', 4, (r, t, id) => ({ sender: 'peer', stanza: xml('iq', { to: t.aliceFull, type: r.pick(['get', 'set']), id }, xml('query', { xmlns: `urn:example:${attr(r)}` }, text(r))) })],
  ['unsolicited iq result or error', 3, (r, t) => ({
    sender: 'peer',
    stanza: xml('iq', { to: t.aliceFull, type: r.pick(['result', 'error']), id: attr(r) }, xml('error', { type: 'cancel' }, xml('item-not-found', { xmlns: NS.stanzas }), xml('text', { xmlns: NS.stanzas }, text(r)))),
  })],
  ['error message', 4, (r, t, id) => ({
    sender: 'peer',
    stanza: xml('message', { to: t.alice, type: 'error', id: r.chance(0.5) ? id : attr(r) }, xml('error', { type: r.pick(['cancel', 'modify', attr(r)]) }, xml(r.pick(['service-unavailable', 'bogus-condition']), { xmlns: NS.stanzas }), xml('text', { xmlns: NS.stanzas }, text(r)))),
  })],
  ['presence status', 6, (r, t) => ({
    sender: 'peer',
    stanza: xml('presence', { to: t.aliceFull, ...(r.chance(0.2) ? { type: r.pick(['bogus', 'probe', attr(r)]) } : {}) },
      xml('show', {}, r.pick(['away', 'dnd', 'xa', 'chat', attr(r)])), xml('status', {}, text(r)), xml('priority', {}, r.pick(['5', '-129', 'abc', attr(r)])),
      xml('nick', { xmlns: NS.nick }, text(r)), xml('c', { xmlns: NS.caps, hash: 'sha-1', node: attr(r), ver: attr(r) })),
  })],
  ['subscription request', 1, (r, t) => ({ sender: 'peer', stanza: xml('presence', { to: t.alice, type: 'subscribe' }, xml('status', {}, text(r)), xml('nick', { xmlns: NS.nick }, text(r))) })],
  ['file link', 2, (r, t, id) => ({ sender: 'peer', stanza: xml('message', { to: t.alice, type: 'chat', id }, xml('body', {}, 'a file'), xml('x', { xmlns: NS.oob }, xml('url', {}, `https://files.example/${text(r)}`), xml('desc', {}, text(r)))) })],
  ['room invitation', 2, (r, t, id) => ({ sender: 'peer', stanza: xml('message', { to: t.alice, id }, xml('x', { xmlns: NS.conference, jid: r.chance(0.5) ? t.room : jid(r, t), reason: attr(r), password: attr(r) })) })],
  ['room message', 12, (r, t, id) => ({ sender: 'occupant', stanza: xml('message', { to: t.room, type: 'groupchat', id }, xml('body', {}, r.chance(0.2) ? `${t.aliceNick}: ${text(r)}` : text(r))) })],
  ['room subject', 2, (r, t, id) => ({ sender: 'occupant', stanza: xml('message', { to: t.room, type: 'groupchat', id }, xml('subject', {}, text(r))) })],
  ['room correction of another', 3, (r, t, id) => ({ sender: 'occupant', stanza: xml('message', { to: t.room, type: 'groupchat', id }, body(r), xml('replace', { xmlns: NS.correct, id: r.chance(0.5) ? `h-${r.int(200)}` : attr(r) })) })],
  ['room chat state or marker', 3, (r, t, id) => ({ sender: 'occupant', stanza: xml('message', { to: t.room, type: 'groupchat', id }, r.chance(0.5) ? xml('composing', { xmlns: NS.chatstates }) : xml('displayed', { xmlns: NS.markers, id: attr(r) })) })],
  ['room private message', 5, (r, t, id) => ({ sender: 'occupant', stanza: xml('message', { to: `${t.room}/${t.aliceNick}`, type: r.pick(['chat', 'normal', 'bogus', attr(r)]), id }, body(r), xml('x', { xmlns: NS.mucUser })) })],
  ['occupant presence', 3, (r, t) => ({ sender: 'occupant', stanza: xml('presence', { to: `${t.room}/${t.occupantNick}` }, xml('show', {}, r.pick(['away', 'dnd', attr(r)])), xml('status', {}, text(r))) })],
  // A nick change: Prosody refuses a nick its resourceprep rejects (bidi, C1) and maps zero-width characters away.
  ['occupant nick change', 0.5, (r, t) => ({ sender: 'occupant', stanza: xml('presence', { to: `${t.room}/${t.occupantNick}${attr(r)}` }) })],
];

const TOTAL_WEIGHT = KINDS.reduce((sum, [, weight]) => sum + weight, 0);

function pickKind(r: Rng): [string, number, Build] {
  let x = r.next() * TOTAL_WEIGHT;
  for (const kind of KINDS) {
    x -= kind[1];
    if (x < 0) return kind;
  }
  return KINDS[0]!;
}

/**
 * `count` adversarial stanzas, the same ones for the same seed. Stanza ids: `h-N` for the
 * plain ones (so that spoofed receipts and corrections can name the other sender's
 * messages), anything hostile otherwise.
 */
export function hostileStanzas(seed: number, count: number, targets: HostileTargets): HostileStanza[] {
  const r = rng(seed);
  const made: HostileStanza[] = [];
  for (let i = 0; i < count; i++) {
    const [kind, , build] = pickKind(r);
    const { sender, stanza } = build(r, targets, `h-${i}`);
    made.push({ sender, kind, xml: typeof stanza === 'string' ? stanza : stanza.toString() });
  }
  return made;
}

/** The names of the kinds (for the report). */
export const HOSTILE_KINDS = KINDS.map(([name]) => name);
