import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../domain/chat-message.js';
import { chatTabId } from '../../domain/tab-address.js';
import { messagesFeature } from '../../xmpp/features/messages/feature.js';
import { fixtureReceiver } from '../testing/fixture-receiver.js';
import { clientFixture, disposeClientFixtures } from '../testing/client-fixture.js';
import { MAX_STRANGER_TABS } from './chat-tabs.js';

const el = (text: string) => parse(text) as unknown as Element;
const BOB = chatTabId('bob@x');
const SID = 'urn:xmpp:sid:0';

afterEach(disposeClientFixtures);

/** alice@x receiving through the real messages feature over a fake session, bob@x in her roster. */
function receiving() {
  const fx = clientFixture();
  fx.store.dispatch({ type: 'roster/set', account: fx.account, contacts: [{ jid: 'bob@x', name: 'bob@x', presence: 'online', account: fx.account }] });
  const privateCopies: unknown[] = [];
  const receive = fixtureReceiver(fx, { privateCopy: (copy) => void privateCopies.push(copy) });
  messagesFeature(fx.session, { onMessage: (m) => receive(m) }, { ownJid: () => fx.account });
  const texts = (tabId = BOB) => fx.lines(tabId).map((l) => `${l.from}: ${l.text}${l.edited ? ' (edited)' : ''}`);
  return { fx, receive, privateCopies, texts };
}

const chat = (from: string, body: string, extra = '', id = '') => el(`<message type="chat" from="${from}" to="alice@x/natter"${id ? ` id="${id}"` : ''}><body>${body}</body>${extra}</message>`);
const carbon = (kind: 'sent' | 'received', inner: string) =>
  el(`<message from="alice@x" to="alice@x/natter"><${kind} xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">${inner}</forwarded></${kind}></message>`);

describe('receiving a chat message', () => {
  it('writes it to the history before it is shown, and tells the events sink', () => {
    const { fx, texts } = receiving();
    fx.session.receive(chat('bob@x/phone', 'hello', `<stanza-id xmlns="${SID}" by="alice@x" id="s1"/>`));
    expect(fx.shownBeforeStored).toEqual([]);
    const [row] = fx.stored('bob@x');
    expect(row).toMatchObject({ direction: 'in', sender: 'bob@x/phone', body: 'hello', stanzaId: 's1' });
    expect(fx.lines(BOB)).toMatchObject([{ kind: 'incoming', from: 'bob@x', text: 'hello', rowId: row!.id }]);
    expect(texts()).toEqual(['bob@x: hello']);
    expect(fx.events).toEqual([{ event: 'message', account: 'alice@x', peer: 'bob@x', direction: 'in', body: 'hello', at: new Date(row!.at).toISOString(), from: 'bob@x/phone' }]);
  });

  it('shows a copy seen before once: the same stanza-id, or the same origin-id either way', () => {
    const { fx, texts } = receiving();
    const archived = `<stanza-id xmlns="${SID}" by="alice@x" id="s1"/>`;
    fx.session.receive(chat('bob@x/phone', 'one', archived));
    fx.session.receive(chat('bob@x/laptop', 'one again', archived));
    fx.session.receive(chat('bob@x/phone', 'two', `<origin-id xmlns="${SID}" id="o2"/>`));
    fx.session.receive(chat('bob@x/phone', 'two again', `<origin-id xmlns="${SID}" id="o2"/>`));
    // Ours, from another device: its carbon, then again (a resent carbon, an archive copy).
    const ours = `<message type="chat" from="alice@x/phone" to="bob@x" id="o3"><body>three</body><origin-id xmlns="${SID}" id="o3"/></message>`;
    fx.session.receive(carbon('sent', ours));
    fx.session.receive(carbon('sent', ours));
    expect(texts()).toEqual(['bob@x: one', 'bob@x: two', 'me: three']);
    expect(fx.stored('bob@x').map((m) => m.body)).toEqual(['one', 'two', 'three']);
    expect(fx.events.map((e) => e.event === 'message' && e.body)).toEqual(['one', 'two', 'three']);
  });

  it("replaces the line of the sender's own original (by its row), never ours, even under the same id", () => {
    const { fx, texts } = receiving();
    // Ours went out with id "m1"; bob then sends his own message under the same id.
    fx.session.receive(carbon('sent', `<message type="chat" from="alice@x/phone" to="bob@x" id="m1"><body>mine</body></message>`));
    fx.session.receive(chat('bob@x/phone', 'his', '', 'm1'));
    fx.session.receive(chat('bob@x/phone', 'his, corrected', '<replace xmlns="urn:xmpp:message-correct:0" id="m1"/>', 'm2'));
    expect(texts()).toEqual(['me: mine', 'bob@x: his, corrected (edited)']);
    const [mine, his, correction] = fx.stored('bob@x');
    expect(correction).toMatchObject({ body: 'his, corrected', replaces: his!.id });
    expect(fx.lineOf(BOB, his!.id)?.text).toBe('his, corrected');
    expect(fx.lineOf(BOB, mine!.id)?.text).toBe('mine');
    expect(fx.events.at(-1)).toMatchObject({ event: 'message', body: 'his, corrected', corrects: 'm1' });
  });

  it('does not let a contact correct our message: the "correction" is a message of its own', () => {
    const { fx, texts } = receiving();
    fx.session.receive(carbon('sent', `<message type="chat" from="alice@x/phone" to="bob@x" id="m1"><body>I will pay you back</body></message>`));
    fx.session.receive(chat('bob@x/phone', 'I will never pay you back', '<replace xmlns="urn:xmpp:message-correct:0" id="m1"/>', 'm2'));
    expect(texts()).toEqual(['me: I will pay you back', 'bob@x: I will never pay you back']);
    expect(fx.stored('bob@x').map((m) => m.replaces)).toEqual([null, null]);
    // Our own other device may correct it.
    fx.session.receive(carbon('sent', `<message type="chat" from="alice@x/phone" to="bob@x" id="m3"><body>I paid you back</body><replace xmlns="urn:xmpp:message-correct:0" id="m1"/></message>`));
    expect(texts()).toEqual(['me: I paid you back (edited)', 'bob@x: I will never pay you back']);
  });

  it(`keeps a stranger's message without a tab once ${MAX_STRANGER_TABS} strangers' tabs are open, and counts it in the console`, () => {
    const { fx } = receiving();
    for (let i = 0; i < MAX_STRANGER_TABS; i++) fx.session.receive(chat(`s${i}@y`, `hi ${i}`));
    const tabsBefore = fx.store.getState().tabs.length;
    fx.session.receive(chat('one-more@y', 'hello?'));
    fx.session.receive(chat('two-more@y', 'hello??'));
    fx.session.receive(chat('bob@x/phone', 'a contact still gets a tab'));
    expect(fx.store.getState().tabs.map((t) => t.id)).not.toContain(chatTabId('one-more@y'));
    expect(fx.store.getState().tabs).toHaveLength(tabsBefore + 1);
    expect(fx.stored('one-more@y').map((m) => m.body)).toEqual(['hello?']);
    expect(fx.stored('two-more@y').map((m) => m.body)).toEqual(['hello??']);
    expect(fx.consoleLines).toEqual([{ kind: 'info', text: expect.stringContaining('a message from one-more@y, who is not in your roster, is kept in the history without a tab') }]);
    // Hooks and `ctl --events` still hear of it.
    expect(fx.events.filter((e) => e.event === 'message').map((e) => 'peer' in e && e.peer)).toContain('two-more@y');
  });

  it('marks what came with the archive catch-up as archived in its events, a shared file too', () => {
    const { fx, receive } = receiving();
    const message: ChatMessage = { peer: 'bob@x', direction: 'in', body: 'https://x/f.png', at: Date.UTC(2026, 0, 2), stanzaId: 'a1', file: 'https://x/f.png' };
    receive(message, true);
    expect(fx.events).toEqual([
      { event: 'message', account: 'alice@x', peer: 'bob@x', direction: 'in', body: 'https://x/f.png', at: '2026-01-02T00:00:00.000Z', archived: true },
      { event: 'file', account: 'alice@x', peer: 'bob@x', url: 'https://x/f.png', body: 'https://x/f.png', archived: true },
    ]);
    expect(fx.lines(BOB)).toHaveLength(1);
  });

  it('shows a message caught up from the archive that is older than one shown before it in its time place, as the history keeps it', () => {
    const { fx, receive, texts } = receiving();
    const at = (minute: number) => Date.UTC(2026, 0, 2, 10, minute);
    receive({ peer: 'bob@x', direction: 'in', body: 'kept offline, 10:05', at: at(5), stanzaId: 'a2' });
    receive({ peer: 'bob@x', direction: 'in', body: 'from the archive, 10:01', at: at(1), stanzaId: 'a1' }, true);
    receive({ peer: 'bob@x', direction: 'out', body: 'from my phone, 10:03', at: at(3), stanzaId: 'a3' }, true);
    const inOrder = ['bob@x: from the archive, 10:01', 'me: from my phone, 10:03', 'bob@x: kept offline, 10:05'];
    expect(texts()).toEqual(inOrder);
    expect(fx.stored('bob@x').map((m) => m.body)).toEqual(['from the archive, 10:01', 'from my phone, 10:03', 'kept offline, 10:05']);
    // A new live message still goes at the end.
    receive({ peer: 'bob@x', direction: 'in', body: 'now', at: Date.now() });
    expect(texts()).toEqual([...inOrder, 'bob@x: now']);
  });

  it('leaves an archived message older than every line held to scrolling back when the history has messages between: nothing is skipped', () => {
    const { fx, receive, texts } = receiving();
    const at = (minute: number) => Date.UTC(2026, 0, 2, 10, minute);
    // 10:01 and 10:02 are stored; the tab, opened later, holds 10:02 only (as if the rest were further up).
    for (const [id, minute] of [['s1', 1], ['s2', 2]] as const) fx.history.add({ account: fx.account, peer: 'bob@x', direction: 'in', body: `stored, 10:0${minute}`, at: at(minute), stanzaId: id });
    fx.tabs.open('bob@x', false, fx.account);
    fx.store.dispatch({ type: 'lines/clear', tabId: BOB });
    expect(fx.tabs.fitsInOrder(BOB, 0, 0)).toBe(true); // nothing held: anything fits
    fx.store.dispatch({ type: 'lines/prepend', tabId: BOB, lines: [{ kind: 'incoming', from: 'bob@x', text: 'stored, 10:02', at: at(2), rowId: fx.stored('bob@x')[1]!.id }] });
    receive({ peer: 'bob@x', direction: 'in', body: 'from the archive, 10:00', at: at(0), stanzaId: 'a0' }, true);
    expect(texts()).toEqual(['bob@x: stored, 10:02']);
    expect(fx.stored('bob@x').map((m) => m.body)[0]).toBe('from the archive, 10:00');
    // Scrolling back brings both, in order.
    expect(fx.tabs.loadOlder(BOB)).toBe(true);
    expect(texts()).toEqual(['bob@x: from the archive, 10:00', 'bob@x: stored, 10:01', 'bob@x: stored, 10:02']);
  });

  it("hands a copy of a private message through a room to the rooms, not to a chat with the room's address", () => {
    const { fx, privateCopies } = receiving();
    fx.session.receive(carbon('received', `<message type="chat" from="room@muc.x/carol" to="alice@x/phone" id="p1"><body>psst</body><x xmlns="http://jabber.org/protocol/muc#user"/></message>`));
    expect(privateCopies).toEqual([{ room: 'room@muc.x', nick: 'carol', body: 'psst', at: expect.any(Number), direction: 'in', id: 'p1' }]);
    expect(fx.store.getState().tabs.map((t) => t.id)).not.toContain(chatTabId('room@muc.x'));
    expect(fx.stored('room@muc.x')).toEqual([]);
  });
});
