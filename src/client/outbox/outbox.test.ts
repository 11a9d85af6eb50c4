import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { afterEach, describe, expect, it } from 'vitest';
import { chatTabId, roomTabId, tabIdOf } from '../../domain/tab-address.js';
import { messagesFeature } from '../../xmpp/features/messages/feature.js';
import { receiptsFeature } from '../../xmpp/features/receipts/feature.js';
import { clientFixture, disposeClientFixtures, settle, type ClientFixture } from '../testing/client-fixture.js';
import { createOutbox } from './outbox.js';

const el = (text: string) => parse(text) as unknown as Element;
const BOB = chatTabId('bob@x');

afterEach(disposeClientFixtures);

/** An outbox of alice@x over a fake session, wired as the account runtime wires it (messages, receipts, refusals). */
function outboxOn(fx: ClientFixture = clientFixture()) {
  const link = { online: true, acknowledges: true, queued: new Set<string>() };
  const outcomes: string[] = [];
  /** What the history held, for each message, when it went out. */
  const storedWhenSent: Array<string | undefined> = [];
  messagesFeature(fx.session, { onMessage: () => undefined, onError: (error) => outcomes.push(outbox.refused(error)) }, { ownJid: () => fx.account });
  const outbox = createOutbox({
    account: fx.account,
    session: {
      isOnline: () => link.online, acknowledges: () => link.acknowledges, isQueued: (id) => link.queued.has(id), target: (peer) => peer,
      send(stanza: Element) {
        storedWhenSent.push(fx.history.outbox(fx.account).find((m) => m.originId === stanza.attrs.id)?.delivery);
        return fx.session.send(stanza);
      },
    },
    history: fx.history,
    store: fx.store,
    tabs: fx.tabs,
    onEvent: fx.onEvent,
  });
  receiptsFeature(fx.session, { onDelivered: (peer, id) => outbox.delivered(peer, id), mayAnswer: () => false });
  const row = (id: string) => fx.stored('bob@x').find((m) => m.originId === id)!;
  return {
    fx, link, outbox, outcomes, storedWhenSent, row,
    /** The ids of the chat messages that went out, in order. */
    sentIds: () => fx.session.sent.filter((s) => s.is('message')).map((s) => String(s.attrs.id)),
    /** The delivery the line of our message `id` shows. */
    shown: (id: string, tab = BOB) => fx.lineOf(tab, row(id).id)?.delivery,
    refusal: (from: string, id: string) =>
      fx.session.receive(el(`<message type="error" from="${from}" id="${id}"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></message>`)),
  };
}

describe('the outbox', () => {
  it('stores a message as pending before it is shown or sent, then sends it with its id as origin-id', () => {
    const o = outboxOn();
    const { id } = o.outbox.send({ kind: 'chat', peer: 'bob@x' }, 'hello');
    expect(o.fx.shownBeforeStored).toEqual([]);
    expect(o.storedWhenSent).toEqual(['pending']);
    expect(o.row(id)).toMatchObject({ direction: 'out', body: 'hello', delivery: 'pending', messageId: id });
    expect(o.fx.lineOf(BOB, o.row(id).id)).toMatchObject({ kind: 'outgoing', from: 'me', text: 'hello', delivery: 'pending' });
    const sent = o.fx.session.sent[0]!;
    expect(sent.attrs).toMatchObject({ to: 'bob@x', id, type: 'chat' });
    expect(sent.getChild('origin-id', 'urn:xmpp:sid:0')?.attrs.id).toBe(id);
  });

  it('keeps a message pending while offline and sends it, with the same origin-id, after login', async () => {
    const o = outboxOn();
    o.link.online = false;
    const first = o.outbox.send({ kind: 'chat', peer: 'bob@x' }, 'one').id;
    const second = o.outbox.send({ kind: 'chat', peer: 'bob@x' }, 'two').id;
    expect(o.fx.session.sent).toEqual([]);
    expect(o.outbox.pendingCount()).toBe(2);
    o.link.online = true;
    await o.outbox.flush();
    expect(o.sentIds()).toEqual([first, second]);
    expect(o.fx.session.sent.map((s) => s.getChild('origin-id', 'urn:xmpp:sid:0')?.attrs.id)).toEqual([first, second]);
    // Still pending: only the server's ack says it got them.
    expect([o.shown(first), o.shown(second)]).toEqual(['pending', 'pending']);
  });

  it('sends a message written while a flush is sending older ones after them, in the order written', async () => {
    const o = outboxOn();
    o.link.online = false;
    const one = o.outbox.send({ kind: 'chat', peer: 'bob@x' }, 'one').id;
    const two = o.outbox.send({ kind: 'chat', peer: 'bob@x' }, 'two').id;
    o.link.online = true;
    const flushed = o.outbox.flush();
    const three = o.outbox.send({ kind: 'chat', peer: 'bob@x' }, 'three').id;
    await flushed;
    await settle();
    expect(o.sentIds()).toEqual([one, two, three]);
    // Nothing waiting: the next one goes at once.
    const four = o.outbox.send({ kind: 'chat', peer: 'bob@x' }, 'four').id;
    expect(o.sentIds()).toEqual([one, two, three, four]);
  });

  it('sends what a previous run left pending (the outbox outlives natter)', async () => {
    const before = outboxOn();
    before.link.online = false;
    const { id } = before.outbox.send({ kind: 'chat', peer: 'bob@x' }, 'written before a restart');
    const after = outboxOn(before.fx);
    await after.outbox.flush();
    expect(after.sentIds()).toEqual([id]);
  });

  it('marks a message sent on its XEP-0198 ack, each line by its own row', () => {
    const o = outboxOn();
    const first = o.outbox.send({ kind: 'chat', peer: 'bob@x' }, 'one').id;
    const second = o.outbox.send({ kind: 'chat', peer: 'bob@x' }, 'two').id;
    o.outbox.acknowledged(second);
    expect([o.row(first).delivery, o.row(second).delivery]).toEqual(['pending', 'sent']);
    expect([o.shown(first), o.shown(second)]).toEqual(['pending', 'sent']);
    o.outbox.acknowledged('not-ours');
    o.outbox.acknowledged(undefined);
    expect(o.shown(first)).toBe('pending');
  });

  it('marks a message sent as soon as it is written when the session has no stream management', async () => {
    const o = outboxOn();
    o.link.acknowledges = false;
    const { id } = o.outbox.send({ kind: 'chat', peer: 'bob@x' }, 'hello');
    await settle();
    expect(o.row(id).delivery).toBe('sent');
    expect(o.shown(id)).toBe('sent');
    expect(o.outbox.pendingCount()).toBe(0);
  });

  it('after a resumption resends only what is not in the XEP-0198 queue; after a fresh login everything pending', async () => {
    const o = outboxOn();
    const queued = o.outbox.send({ kind: 'chat', peer: 'bob@x' }, 'in the queue').id;
    const lost = o.outbox.send({ kind: 'chat', peer: 'bob@x' }, 'write failed before the queue').id;
    o.fx.session.sent.length = 0;
    o.link.queued.add(queued);
    await o.outbox.flush(true);
    expect(o.sentIds()).toEqual([lost]);
    o.fx.session.sent.length = 0;
    await o.outbox.flush();
    expect(o.sentIds()).toEqual([queued, lost]);
  });

  it('marks a message delivered on a receipt, and a late ack does not move it back', () => {
    const o = outboxOn();
    const { id } = o.outbox.send({ kind: 'chat', peer: 'bob@x' }, 'hello');
    o.fx.session.receive(el(`<message from="bob@x/phone" id="r1"><received xmlns="urn:xmpp:receipts" id="${id}"/></message>`));
    expect(o.row(id).delivery).toBe('delivered');
    expect(o.shown(id)).toBe('delivered');
    o.outbox.acknowledged(id);
    expect(o.row(id).delivery).toBe('delivered');
  });

  it("marks a message failed on a refusal from its recipient or the recipient's server, with the reason on its line", () => {
    const o = outboxOn();
    const toBob = o.outbox.send({ kind: 'chat', peer: 'bob@x' }, 'hello').id;
    const toCarol = o.outbox.send({ kind: 'chat', peer: 'carol@elsewhere' }, 'hi').id;
    o.refusal('bob@x/phone', toBob);
    o.refusal('elsewhere', toCarol);
    expect(o.outcomes).toEqual(['failed', 'failed']);
    expect(o.row(toBob).delivery).toBe('failed');
    expect(o.fx.lineOf(BOB, o.row(toBob).id)).toMatchObject({ delivery: 'failed', text: 'hello [not delivered: service-unavailable]' });
    const carol = o.fx.stored('carol@elsewhere')[0]!;
    expect(o.fx.lineOf(chatTabId('carol@elsewhere'), carol.id)?.delivery).toBe('failed');
  });

  it('ignores a refusal from anyone else, and says so; one about no message of ours is unknown', () => {
    const o = outboxOn();
    const { id } = o.outbox.send({ kind: 'chat', peer: 'bob@x' }, 'hello');
    o.refusal('mallory@evil', id);
    o.refusal('bob@x', 'never-sent');
    expect(o.outcomes).toEqual(['not-recipient', 'unknown']);
    expect(o.row(id).delivery).toBe('pending');
    expect(o.shown(id)).toBe('pending');
  });

  it('never flushes a room message: the room confirms those, not the outbox', async () => {
    const o = outboxOn();
    o.fx.history.add({ account: 'alice@x', peer: 'room@muc.x', kind: 'groupchat', direction: 'out', body: 'in the room', at: 1, originId: 'g1', delivery: 'pending' });
    await o.outbox.flush();
    expect(o.fx.session.sent).toEqual([]);
    expect(o.outbox.pendingCount()).toBe(0);
  });

  it('sends a room message as groupchat and marks it sent on the room\'s echo, not on the server\'s ack', () => {
    const o = outboxOn();
    const { id } = o.outbox.send({ kind: 'groupchat', room: 'ops@muc.x', nick: 'al' }, 'hello room');
    const sent = o.fx.session.sent[0]!;
    expect(sent.attrs).toMatchObject({ to: 'ops@muc.x', type: 'groupchat', id });
    const row = o.fx.stored('ops@muc.x')[0]!;
    expect(row).toMatchObject({ kind: 'groupchat', sender: 'al', delivery: 'pending' });
    o.outbox.acknowledged(id);
    expect(o.fx.stored('ops@muc.x')[0]!.delivery).toBe('pending');
    o.outbox.echoed('ops@muc.x', id);
    expect(o.fx.stored('ops@muc.x')[0]!.delivery).toBe('sent');
    expect(o.fx.lineOf(roomTabId('ops@muc.x'), row.id)?.delivery).toBe('sent');
  });

  it('takes no receipt for a room message: an occupant (room/nick, whose bare JID is the room) cannot mark it ✓✓ (XEP-0184 §5.3)', () => {
    const o = outboxOn();
    const { id } = o.outbox.send({ kind: 'groupchat', room: 'ops@muc.x', nick: 'al' }, 'hello room');
    o.outbox.echoed('ops@muc.x', id);
    o.fx.session.receive(el(`<message from="ops@muc.x/mallory" type="chat" id="r1"><received xmlns="urn:xmpp:receipts" id="${id}"/></message>`));
    expect(o.fx.stored('ops@muc.x')[0]!.delivery).toBe('sent');
  });

  it('shows a room message it can not send (not in the room) failed, with what to do, and sends nothing', () => {
    const o = outboxOn();
    o.outbox.send({ kind: 'groupchat', room: 'ops@muc.x', nick: 'al' }, 'too early', { unsendable: 'not sent: not in ops@muc.x; /join ops@muc.x and send it again' });
    expect(o.fx.session.sent).toEqual([]);
    const row = o.fx.stored('ops@muc.x')[0]!;
    expect(row.delivery).toBe('failed');
    expect(o.fx.lineOf(roomTabId('ops@muc.x'), row.id)).toMatchObject({ delivery: 'failed', text: 'too early [not sent: not in ops@muc.x; /join ops@muc.x and send it again]' });
  });

  it('sends a private message through a room marked muc#user, sent on the ack, and the same again after a fresh login', async () => {
    const o = outboxOn();
    o.link.online = false;
    const { id } = o.outbox.send({ kind: 'private', room: 'ops@muc.x', nick: 'carol' }, 'psst');
    o.link.online = true;
    await o.outbox.flush();
    const sent = o.fx.session.sent[0]!;
    expect(sent.attrs).toMatchObject({ to: 'ops@muc.x/carol', type: 'chat', id });
    expect(sent.getChild('x', 'http://jabber.org/protocol/muc#user')).toBeDefined();
    o.outbox.acknowledged(id);
    const row = o.fx.stored('ops@muc.x/carol')[0]!;
    expect(row.delivery).toBe('sent');
    expect(o.fx.lineOf(tabIdOf({ kind: 'private', room: 'ops@muc.x', nick: 'carol' }), row.id)?.delivery).toBe('sent');
  });

  it('tells a message event, direction out, for each message written (chat, room, private; offline too), none for one it can not send', () => {
    const o = outboxOn();
    o.link.online = false;
    const chat = o.outbox.send({ kind: 'chat', peer: 'bob@x' }, 'hello bob');
    o.link.online = true;
    const room = o.outbox.send({ kind: 'groupchat', room: 'ops@muc.x', nick: 'al' }, 'hello room');
    const inPrivate = o.outbox.send({ kind: 'private', room: 'ops@muc.x', nick: 'carol' }, 'psst');
    o.outbox.send({ kind: 'groupchat', room: 'dev@muc.x', nick: 'al' }, 'too early', { unsendable: 'not sent: not in dev@muc.x' });
    const iso = (at: number): string => new Date(at).toISOString();
    expect(o.fx.events).toEqual([
      { event: 'message', account: 'alice@x', peer: 'bob@x', direction: 'out', body: 'hello bob', at: iso(chat.at) },
      { event: 'message', account: 'alice@x', room: 'ops@muc.x', nick: 'al', direction: 'out', body: 'hello room', at: iso(room.at) },
      { event: 'message', account: 'alice@x', room: 'ops@muc.x', nick: 'carol', private: true, direction: 'out', body: 'psst', at: iso(inPrivate.at) },
    ]);
  });

  it('passes every outgoing message through its steps, in order, after it is built (where encryption will go)', () => {
    const o = outboxOn();
    o.outbox.use((stanza) => {
      stanza.getChild('body')!.children = ['[sealed]'];
      return stanza;
    });
    o.outbox.use((stanza) => ((stanza.attrs['data-step'] = 'two'), stanza));
    o.outbox.send({ kind: 'chat', peer: 'bob@x' }, 'secret');
    const sent = o.fx.session.sent[0]!;
    expect(sent.getChildText('body')).toBe('[sealed]');
    expect(sent.attrs['data-step']).toBe('two');
    // What is stored and shown is what the person wrote.
    expect(o.fx.stored('bob@x')[0]!.body).toBe('secret');
  });
});
