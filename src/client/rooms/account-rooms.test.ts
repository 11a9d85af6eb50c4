import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { afterEach, describe, expect, it } from 'vitest';
import { roomTabId, tabIdOf } from '../../domain/tab-address.js';
import { fakeSession } from '../../xmpp/session/fake-session.js';
import { MAX_STRANGER_TABS } from '../conversations/chat-tabs.js';
import { clientFixture, disposeClientFixtures, settle, type ClientFixture } from '../testing/client-fixture.js';
import { createOutbox } from '../outbox/outbox.js';
import { accountRooms } from './account-rooms.js';

const el = (text: string) => parse(text) as unknown as Element;
const ROOM = 'room@muc.x';
const TAB = roomTabId(ROOM);
const privateTabId = (room: string, nick: string): string => tabIdOf({ kind: 'private', room, nick });
const SELF = `<presence from="${ROOM}/alice"><x xmlns="http://jabber.org/protocol/muc#user"><item role="participant" affiliation="none"/><status code="110"/></x></presence>`;

afterEach(disposeClientFixtures);

/**
 * A session whose room service answers a join with our own presence, then `history` (XML
 * texts: the discussion history, §7.2.15) and the subject, which ends the join (§7.2.16).
 */
function roomSession(fx: ClientFixture, history: string[] = []) {
  const session = fakeSession(fx.account);
  const port = {
    ...session,
    iqCaller: { set: async () => undefined },
    async send(stanza: Element) {
      await session.send(stanza);
      if (!stanza.is('presence') || stanza.attrs.type === 'unavailable') return;
      for (const reply of [SELF, ...history, `<message type="groupchat" from="${ROOM}"><subject>plans</subject></message>`]) queueMicrotask(() => session.receive(el(reply)));
    },
  };
  return port;
}

/** alice@x's rooms over a room session, in ROOM as "alice". */
async function inRoom() {
  const fx = clientFixture();
  let session = roomSession(fx);
  // The account's outbox, over whichever session is current (as session-wiring.ts adapts it).
  const outbox = createOutbox({
    account: fx.account, history: fx.history, store: fx.store, tabs: fx.tabs,
    session: { isOnline: () => true, acknowledges: () => true, isQueued: () => false, send: (stanza) => session.send(stanza), target: (peer) => peer },
  });
  const rooms = accountRooms(fx.account, { store: fx.store, tabs: fx.tabs, history: fx.history, consoleLine: fx.consoleLine, onEvent: fx.onEvent, outbox });
  rooms.attach(session);
  await rooms.join(ROOM, 'alice');
  await settle();
  const sentIn = () => session.sent.filter((s) => s.is('message'));
  return {
    fx, rooms, sentIn,
    receive: (text: string) => session.receive(el(text)),
    /** The session ends and a fresh one starts, whose room history holds `history`. */
    reconnect(history: string[] = []) {
      rooms.detach();
      session = roomSession(fx, history);
      rooms.attach(session);
      rooms.rejoin();
    },
  };
}

const groupchat = (nick: string, body: string, extra = '') => `<message type="groupchat" from="${ROOM}/${nick}" id="g-${body}"><body>${body}</body>${extra}</message>`;
const privately = (nick: string, body: string) => `<message type="chat" from="${ROOM}/${nick}" to="alice@x/natter"><body>${body}</body><x xmlns="http://jabber.org/protocol/muc#user"/></message>`;

describe('the rooms of an account', () => {
  it("stores a room message as groupchat before it shows in the room's tab", async () => {
    const r = await inRoom();
    r.receive(groupchat('bob', 'hi all', `<stanza-id xmlns="urn:xmpp:sid:0" by="${ROOM}" id="r1"/>`));
    const [row] = r.fx.stored(ROOM);
    expect(row).toMatchObject({ kind: 'groupchat', direction: 'in', sender: 'bob', body: 'hi all', stanzaId: 'r1' });
    expect(r.fx.lineOf(TAB, row!.id)).toMatchObject({ kind: 'incoming', from: 'bob', text: 'hi all' });
    expect(r.fx.shownBeforeStored).toEqual([]);
    expect(r.fx.events).toContainEqual({ event: 'message', direction: 'in', account: 'alice@x', room: ROOM, nick: 'bob', body: 'hi all', at: new Date(row!.at).toISOString() });
  });

  it('shows what we say as pending until the room passes it back', async () => {
    const r = await inRoom();
    await r.rooms.say(ROOM, 'hello room');
    const [row] = r.fx.stored(ROOM);
    expect(row).toMatchObject({ kind: 'groupchat', direction: 'out', delivery: 'pending' });
    expect(r.fx.lineOf(TAB, row!.id)?.delivery).toBe('pending');
    const sent = r.sentIn()[0]!;
    expect(sent.attrs).toMatchObject({ to: ROOM, type: 'groupchat' });
    const originId = sent.getChild('origin-id', 'urn:xmpp:sid:0')!.attrs.id as string;
    r.receive(groupchat('alice', 'hello room', `<origin-id xmlns="urn:xmpp:sid:0" id="${originId}"/>`));
    expect(r.fx.stored(ROOM)).toMatchObject([{ id: row!.id, delivery: 'sent' }]);
    expect(r.fx.lines(TAB).filter((l) => l.kind === 'outgoing')).toMatchObject([{ rowId: row!.id, delivery: 'sent' }]);
  });

  it('opens its own tab for a private message through the room, not the room\'s', async () => {
    const r = await inRoom();
    r.receive(privately('carol', 'psst'));
    const tab = privateTabId(ROOM, 'carol');
    const [row] = r.fx.stored(`${ROOM}/carol`);
    expect(row).toMatchObject({ kind: 'chat', direction: 'in', body: 'psst' });
    expect(r.fx.store.getState().tabs.find((t) => t.id === tab)).toMatchObject({ kind: 'private', title: `carol (${ROOM})` });
    expect(r.fx.lineOf(tab, row!.id)).toMatchObject({ kind: 'incoming', text: 'psst' });
    expect(r.fx.lines(TAB).map((l) => l.text)).not.toContain('psst');
    expect(r.fx.events).toContainEqual(expect.objectContaining({ event: 'message', room: ROOM, nick: 'carol', private: true, body: 'psst' }));
  });

  // Known bug (left to the lead, who is carving account-rooms.ts): the message is stored before
  // its private tab opens, and a tab that opens loads the stored conversation, so the first
  // message of a private chat shows twice, once loaded ("room@muc.x/carol: psst", chat-tabs.ts
  // names a stored private line by its peer) and once appended ("carol: psst"). The same for the
  // first /msg NICK. The outbox and the chat receiver open the tab first. Make this `it` once fixed.
  it('shows the first private message of a new tab once, under the nick', async () => {
    const r = await inRoom();
    r.receive(privately('carol', 'psst'));
    await r.rooms.sendPrivate(ROOM, 'dave', 'hi dave');
    expect(r.fx.lines(privateTabId(ROOM, 'carol')).map((l) => `${l.from}: ${l.text}`)).toEqual(['carol: psst']);
    expect(r.fx.lines(privateTabId(ROOM, 'dave')).map((l) => `${l.from}: ${l.text}`)).toEqual(['me: hi dave']);
  });

  it(`keeps a stranger occupant's private message without a tab once ${MAX_STRANGER_TABS} strangers' tabs are open`, async () => {
    const r = await inRoom();
    for (let i = 0; i < MAX_STRANGER_TABS; i++) r.receive(privately(`nick${i}`, `hi ${i}`));
    r.receive(privately('one-more', 'hello?'));
    expect(r.fx.store.getState().tabs.map((t) => t.id)).not.toContain(privateTabId(ROOM, 'one-more'));
    expect(r.fx.stored(`${ROOM}/one-more`).map((m) => m.body)).toEqual(['hello?']);
    expect(r.fx.consoleLines).toEqual([{ kind: 'info', text: expect.stringContaining(`a private message from ${ROOM}/one-more is kept in the history without a tab`) }]);
    expect(r.fx.events.at(-1)).toMatchObject({ event: 'message', nick: 'one-more', private: true });
  });

  it("after a fresh session fails a message still pending once the room's history ends without it", async () => {
    const r = await inRoom();
    await r.rooms.say(ROOM, 'lost on the way');
    const [row] = r.fx.stored(ROOM);
    r.reconnect();
    await settle();
    expect(r.fx.stored(ROOM)[0]).toMatchObject({ id: row!.id, delivery: 'failed' });
    expect(r.fx.lineOf(TAB, row!.id)).toMatchObject({
      delivery: 'failed',
      text: 'lost on the way [not delivered: the connection dropped before the room passed it on; it may not have reached the room]',
    });
  });

  it("after a fresh session confirms a message still pending when the room's history holds it", async () => {
    const r = await inRoom();
    await r.rooms.say(ROOM, 'it got there');
    const originId = r.sentIn()[0]!.getChild('origin-id', 'urn:xmpp:sid:0')!.attrs.id as string;
    const [row] = r.fx.stored(ROOM);
    const stamp = new Date(row!.at).toISOString();
    r.reconnect([groupchat('alice', 'it got there', `<origin-id xmlns="urn:xmpp:sid:0" id="${originId}"/><delay xmlns="urn:xmpp:delay" from="${ROOM}" stamp="${stamp}"/>`)]);
    await settle();
    expect(r.fx.stored(ROOM)).toMatchObject([{ id: row!.id, delivery: 'sent' }]);
    expect(r.fx.lineOf(TAB, row!.id)?.delivery).toBe('sent');
    // Joined again, not in front, and nothing was said twice.
    expect(r.sentIn()).toEqual([]);
  });
});

describe("a room's subject", () => {
  /**
   * As ejabberd answers a join: our own presence at once, the subject (§7.2.15) in a later read,
   * after natter has taken the join as done; the test delivers it with `receive`.
   */
  async function joinedBeforeTheSubject() {
    const fx = clientFixture();
    const session = fakeSession(fx.account);
    const port = {
      ...session,
      iqCaller: { set: async () => undefined },
      async send(stanza: Element) {
        await session.send(stanza);
        if (stanza.is('presence') && stanza.attrs.type !== 'unavailable') queueMicrotask(() => session.receive(el(SELF)));
      },
    };
    const rooms = accountRooms(fx.account, { store: fx.store, tabs: fx.tabs, history: fx.history, consoleLine: fx.consoleLine });
    rooms.attach(port);
    await rooms.join(ROOM, 'alice');
    const subject = (text: string, from = ROOM) => session.receive(el(`<message type="groupchat" from="${from}">${text ? `<subject>${text}</subject>` : '<subject/>'}</message>`));
    const rejoin = async () => {
      rooms.detach();
      rooms.attach(port);
      rooms.rejoin();
      await settle();
    };
    return { fx, subject, rejoin, said: () => fx.lines(TAB).map((l) => l.text).filter((t) => /subject/i.test(t)) };
  }

  it('says nothing of the empty subject that ends a join, at the first join or a rejoin', async () => {
    const r = await joinedBeforeTheSubject();
    r.subject('');
    await r.rejoin();
    r.subject('');
    expect(r.said()).toEqual([]);
  });

  it('shows a subject once at the join, not again at a rejoin that brings the same one, and every real change', async () => {
    const r = await joinedBeforeTheSubject();
    r.subject('plans');
    await r.rejoin();
    r.subject('plans');
    r.subject('release day', `${ROOM}/bob`);
    r.subject('', `${ROOM}/bob`);
    await r.rejoin();
    r.subject('changed while away');
    expect(r.said()).toEqual(['Subject: plans', 'bob set the subject: release day', 'bob cleared the subject', 'Subject: changed while away']);
    expect(r.fx.store.getState().rooms[ROOM]?.subject).toBe('changed while away');
  });
});
