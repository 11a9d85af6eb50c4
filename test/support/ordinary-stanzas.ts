import xml, { type Element } from '@xmpp/xml';
import { rng, type Rng } from './hostile-text.js';
import { HUGE_BODY_BYTES, type HostileSender, type HostileStanza, type HostileTargets } from './hostile-stanzas.js';

const WORDS = ['hello', 'ok', 'see you', 'meeting at 5', 'natter', 'lorem ipsum dolor', 'the build is green', 'lunch?', 'sure', 'tomorrow then'];
const NS = { receipts: 'urn:xmpp:receipts', chatstates: 'http://jabber.org/protocol/chatstates', correct: 'urn:xmpp:message-correct:0', oob: 'jabber:x:oob' };

/** Plain words, `parts` of them at most. */
const words = (r: Rng, parts = 12): string => Array.from({ length: 1 + r.int(parts) }, () => r.pick(WORDS)).join(' ');

/** A plain body of about `bytes` bytes (a long paste). */
const paste = (r: Rng, bytes: number): string => {
  const parts: string[] = [];
  for (let size = 0; size < bytes - 40;) {
    const part = `${words(r, 4)}\n`;
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
};

type Build = (r: Rng, t: HostileTargets, id: string, previous: string) => { sender: HostileSender; stanza: Element };

/** What a contact and a room occupant send in a busy hour, each kind with its weight; a long paste as often as the hostile flood's 200 KB bodies. */
const KINDS: Array<[number, Build]> = [
  [30, (r, t, id) => ({ sender: 'peer', stanza: xml('message', { to: t.alice, type: 'chat', id }, xml('body', {}, words(r)), xml('request', { xmlns: NS.receipts }), xml('active', { xmlns: NS.chatstates })) })],
  [8, (r, t, id) => ({ sender: 'peer', stanza: xml('message', { to: t.alice, type: 'chat', id }, xml(r.pick(['composing', 'paused', 'active']), { xmlns: NS.chatstates })) })],
  [3, (r, t, id, previous) => ({ sender: 'peer', stanza: xml('message', { to: t.alice, type: 'chat', id }, xml('body', {}, words(r)), xml('replace', { xmlns: NS.correct, id: previous })) })],
  [2, (r, t, id) => ({ sender: 'peer', stanza: xml('message', { to: t.alice, type: 'chat', id }, xml('body', {}, `https://files.example/${id}.png`), xml('x', { xmlns: NS.oob }, xml('url', {}, `https://files.example/${id}.png`))) })],
  [4, (r) => ({ sender: 'peer', stanza: xml('presence', {}, xml('show', {}, r.pick(['away', 'chat', 'dnd', 'xa'])), xml('status', {}, words(r, 4))) })],
  [0.4, (r, t, id) => ({ sender: 'peer', stanza: xml('message', { to: t.alice, type: 'chat', id }, xml('body', {}, paste(r, HUGE_BODY_BYTES))) })],
  [30, (r, t, id) => ({ sender: 'occupant', stanza: xml('message', { to: t.room, type: 'groupchat', id }, xml('body', {}, r.chance(0.1) ? `${t.aliceNick}: ${words(r)}` : words(r))) })],
  [5, (r, t, id) => ({ sender: 'occupant', stanza: xml('message', { to: t.room, type: 'groupchat', id }, xml(r.pick(['composing', 'active']), { xmlns: NS.chatstates })) })],
];
const TOTAL = KINDS.reduce((sum, [weight]) => sum + weight, 0);

/**
 * `count` stanzas of ordinary traffic from the same two senders as the hostile flood, the same
 * for the same seed: the flood's control. What natter keeps after it is what use costs; what a
 * hostile flood of the same size leaves beyond that is what hostility costs.
 */
export function ordinaryStanzas(seed: number, count: number, targets: HostileTargets): HostileStanza[] {
  const r = rng(seed);
  const made: HostileStanza[] = [];
  let previous = 'o-0';
  for (let i = 0; i < count; i++) {
    let pick = r.next() * TOTAL;
    const [, build] = KINDS.find(([weight]) => (pick -= weight) < 0) ?? KINDS[0]!;
    const id = `o-${i}`;
    const { sender, stanza } = build(r, targets, id, previous);
    if (sender === 'peer' && stanza.is('message') && stanza.getChild('body')) previous = id;
    made.push({ sender, kind: 'ordinary', xml: stanza.toString() });
  }
  return made;
}
