import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { afterEach, describe, expect, it } from 'vitest';
import { chatTabId } from '../../domain/tab-address.js';
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
  const feature = messagesFeature(fx.session, { onMessage: () => undefined, onError: (error) => outcomes.push(outbox.refused(error)) }, { ownJid: () => fx.account });
  const messages = {
    ...feature,
    send(to: string, body: string, id?: string) {
      storedWhenSent.push(fx.history.outbox(fx.account).find((m) => m.originId === id)?.delivery);
      return feature.send(to, body, id);
    },
  };
  const outbox = createOutbox({
    account: fx.account,
    session: { isOnline: () => link.online, acknowledges: () => link.acknowledges, isQueued: (id) => link.queued.has(id) },
    messages,
    history: fx.history,
    store: fx.store,
    tabs: fx.tabs,
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
    const { id } = o.outbox.send('bob@x', 'hello');
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
    const first = o.outbox.send('bob@x', 'one').id;
    const second = o.outbox.send('bob@x', 'two').id;
    expect(o.fx.session.sent).toEqual([]);
    expect(o.outbox.pendingCount()).toBe(2);
    o.link.online = true;
    await o.outbox.flush();
    expect(o.sentIds()).toEqual([first, second]);
    expect(o.fx.session.sent.map((s) => s.getChild('origin-id', 'urn:xmpp:sid:0')?.attrs.id)).toEqual([first, second]);
    // Still pending: only the server's ack says it got them.
    expect([o.shown(first), o.shown(second)]).toEqual(['pending', 'pending']);
  });

  it('sends what a previous run left pending (the outbox outlives natter)', async () => {
    const before = outboxOn();
    before.link.online = false;
    const { id } = before.outbox.send('bob@x', 'written before a restart');
    const after = outboxOn(before.fx);
    await after.outbox.flush();
    expect(after.sentIds()).toEqual([id]);
  });

  it('marks a message sent on its XEP-0198 ack, each line by its own row', () => {
    const o = outboxOn();
    const first = o.outbox.send('bob@x', 'one').id;
    const second = o.outbox.send('bob@x', 'two').id;
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
    const { id } = o.outbox.send('bob@x', 'hello');
    await settle();
    expect(o.row(id).delivery).toBe('sent');
    expect(o.shown(id)).toBe('sent');
    expect(o.outbox.pendingCount()).toBe(0);
  });

  it('after a resumption resends only what is not in the XEP-0198 queue; after a fresh login everything pending', async () => {
    const o = outboxOn();
    const queued = o.outbox.send('bob@x', 'in the queue').id;
    const lost = o.outbox.send('bob@x', 'write failed before the queue').id;
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
    const { id } = o.outbox.send('bob@x', 'hello');
    o.fx.session.receive(el(`<message from="bob@x/phone" id="r1"><received xmlns="urn:xmpp:receipts" id="${id}"/></message>`));
    expect(o.row(id).delivery).toBe('delivered');
    expect(o.shown(id)).toBe('delivered');
    o.outbox.acknowledged(id);
    expect(o.row(id).delivery).toBe('delivered');
  });

  it("marks a message failed on a refusal from its recipient or the recipient's server, with the reason on its line", () => {
    const o = outboxOn();
    const toBob = o.outbox.send('bob@x', 'hello').id;
    const toCarol = o.outbox.send('carol@elsewhere', 'hi').id;
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
    const { id } = o.outbox.send('bob@x', 'hello');
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
});
