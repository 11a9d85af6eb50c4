import xml, { type Element } from '@xmpp/xml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { messagesFeature } from '../../xmpp/features/messages/feature.js';
import { chatTabId } from '../../domain/tab-address.js';
import { createOutbox } from '../outbox/outbox.js';
import { fixtureReceiver } from '../testing/fixture-receiver.js';
import { redateChatRow } from '../conversations/redate-chat-row.js';
import { clientFixture, disposeClientFixtures, settle } from '../testing/client-fixture.js';
import { archiveCatchUp } from './archive-catch-up.js';

const NS_MAM = 'urn:xmpp:mam:2';
const NS_SID = 'urn:xmpp:sid:0';
const NS_RECEIPTS = 'urn:xmpp:receipts';

afterEach(() => {
  vi.useRealTimers();
  return disposeClientFixtures();
});

/**
 * alice@x's catch-up as the account runtime wires it: the real receiver, live messages through
 * the messages feature (with the catch-up's delay window), and an archive the test answers by
 * hand: `result` sends an archive result for the query asked last, `answer` ends that query.
 */
function catchingUp() {
  const fx = clientFixture();
  const receive = fixtureReceiver(fx);
  // Our messages and their delivery marks, as the account runtime wires them: the session is online and acknowledges.
  const outbox = createOutbox({
    account: fx.account, history: fx.history, store: fx.store, tabs: fx.tabs,
    session: { isOnline: () => true, acknowledges: () => true, isQueued: () => false, target: (peer) => peer, send: (stanza) => fx.session.send(stanza) },
  });
  const catchUp = archiveCatchUp(fx.account, { history: fx.history, receive, redate: redateChatRow(fx.history, fx.store), delivered: (peer, id) => outbox.delivered(peer, id), consoleLine: fx.consoleLine });
  messagesFeature(fx.session, { onMessage: catchUp.live }, { ownJid: () => fx.account, delayFrom: catchUp.delayFrom });
  /** The archive's queries, newest last, each with the ids of the results sent for it. */
  const queries: Array<{ iq: Element; ids: string[]; answer(complete: boolean): void; fail(error: Error): void }> = [];
  const port = {
    onArchive: fx.session.onArchive,
    iqCaller: {
      request: (iq: Element) =>
        new Promise<Element>((resolve, reject) => {
          const query = { iq, ids: [] as string[], answer: (complete: boolean) => resolve(fin(complete, query.ids.at(-1))), fail: reject };
          queries.push(query);
        }),
    },
  };
  /** An archive result holding `inner`, from `from` (the account's own archive unless a test forges one). */
  const archivedAs = (archiveId: string, inner: Element, from = 'alice@x', at = Date.UTC(2020, 0, 3)) => {
    const query = queries.at(-1)!;
    query.ids.push(archiveId);
    fx.session.receive(xml('message', { from, to: 'alice@x/natter' }, xml('result', { xmlns: NS_MAM, queryid: String(query.iq.getChild('query')!.attrs.queryid), id: archiveId },
      xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, xml('delay', { xmlns: 'urn:xmpp:delay', stamp: new Date(at).toISOString() }), inner))));
  };
  const result = (archiveId: string, body: string, from = 'alice@x', at = Date.UTC(2020, 0, 3)) =>
    archivedAs(archiveId, xml('message', { from: 'bob@x/phone', to: 'alice@x', type: 'chat' }, xml('body', {}, body)), from, at);
  const live = (archiveId: string, body: string, ...extra: Element[]) =>
    fx.session.receive(xml('message', { from: 'bob@x/phone', to: 'alice@x/natter', type: 'chat' }, xml('body', {}, body), xml('stanza-id', { xmlns: NS_SID, by: 'alice@x', id: archiveId }), ...extra));
  const answer = async (complete = true) => {
    queries.at(-1)!.answer(complete);
    await settle();
  };
  /** When bob's message with archive id `id` is dated in the history. */
  const at = (id: string) => fx.stored('bob@x').find((m) => m.stanzaId === id)!.at;
  return { fx, outbox, catchUp, port, queries, result, archivedAs, live, answer, at, cursor: () => fx.history.cursors.position(fx.account).id };
}

/** XEP-0313 §4.3: the end of a query's results (RSM <last/>: the id of the last result). */
const fin = (complete: boolean, last: string | undefined): Element =>
  xml('iq', { type: 'result' }, xml('fin', { xmlns: NS_MAM, ...(complete ? { complete: 'true' } : {}) },
    xml('set', { xmlns: 'http://jabber.org/protocol/rsm' }, ...(last ? [xml('last', {}, last)] : []))));

/**
 * At `shownAt` (a fake clock), bob's live message 'l1' is shown while the session's catch-up
 * has no answer yet (so it leaves the cursor); the link is cut and a fresh session starts.
 */
function shownThenCut(shownAt: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(shownAt);
  const c = catchingUp();
  c.catchUp.sessionStarted();
  c.catchUp.start(c.port);
  c.live('l1', 'shown before the cut');
  c.catchUp.sessionEnded();
  c.catchUp.sessionStarted();
  return { c, at: c.at };
}

/** shownThenCut at 193 ms into `second`; the new session's catch-up starts 0.9 s into it. */
function catchingUpAfterCut(second: number) {
  const cut = shownThenCut(second + 193);
  vi.setSystemTime(second + 900);
  cut.c.catchUp.start(cut.c.port);
  return cut;
}

/** bob's messages by archive id, in the history's order (time, then row). */
const storedOrder = (c: ReturnType<typeof catchingUp>): Array<string | null> =>
  c.fx.stored('bob@x').sort((x, y) => x.at - y.at || x.id - y.id).map((m) => m.stanzaId);

/** The texts of bob's tab, top to bottom. */
const bobsScreen = (c: ReturnType<typeof catchingUp>): string[] => c.fx.store.getState().lines[chatTabId('bob@x')]!.map((l) => l.text);

describe('the archive catch-up', () => {
  it('moves the cursor in archive order while it runs; live messages meanwhile do not move it, after it they do', async () => {
    const c = catchingUp();
    c.fx.history.cursors.advance('alice@x', 'a0');
    c.catchUp.sessionStarted();
    c.catchUp.start(c.port);
    expect(c.queries[0]!.iq.toString()).toContain('<after>a0</after>');
    c.result('a1', 'first', 'alice@x', Date.UTC(2020, 0, 2));
    expect(c.cursor()).toBe('a1');
    // Archive order, not the time a sender claims.
    c.result('a2', 'second', 'alice@x', Date.UTC(2020, 0, 1));
    expect(c.cursor()).toBe('a2');
    c.live('l1', 'live during the catch-up');
    expect(c.cursor()).toBe('a2');
    c.result('a3', 'third');
    await c.answer();
    expect(c.cursor()).toBe('a3');
    expect(c.fx.consoleLines).toContainEqual({ kind: 'info', text: '3 messages from the server archive' });
    c.live('l2', 'live after it');
    expect(c.cursor()).toBe('l2');
    // In the history too: the archive's order outranks its stamps.
    expect(c.fx.stored('bob@x').map((m) => m.body)).toEqual(['first', 'second', 'third', 'live during the catch-up', 'live after it']);
    expect(c.fx.events.map((e) => e.event === 'message' && `${e.body}${e.archived ? ' (archived)' : ''}`)).toEqual([
      'first (archived)', 'second (archived)', 'live during the catch-up', 'third (archived)', 'live after it',
    ]);
  });

  it("leaves the cursor where it was for live messages between a fresh session's start and its catch-up", async () => {
    // A link cut: what the server had not handed over on the old session is in the archive
    // only; a live message on the new session before the catch-up must not move the cursor past it.
    const c = catchingUp();
    c.fx.history.cursors.advance('alice@x', 'a0');
    c.catchUp.sessionStarted();
    c.live('l5', 'live before the catch-up');
    expect(c.cursor()).toBe('a0');
    c.catchUp.start(c.port);
    expect(c.queries[0]!.iq.toString()).toContain('<after>a0</after>');
    c.result('a1', 'lost with the old session');
    c.result('l5', 'live before the catch-up');
    await c.answer();
    expect(c.cursor()).toBe('l5');
    expect(c.fx.stored('bob@x').map((m) => m.body)).toEqual(['lost with the old session', 'live before the catch-up']);
  });

  it('runs a catch-up the link cut short again on the resumed stream; live messages meanwhile leave the cursor', async () => {
    const c = catchingUp();
    c.fx.history.cursors.advance('alice@x', 'a0');
    c.catchUp.sessionStarted();
    c.catchUp.start(c.port);
    c.queries[0]!.fail(new Error('This socket has been ended by the other party'));
    await settle();
    expect(c.fx.consoleLines).toEqual([]); // it runs again: nothing to say
    c.live('l9', 'live on the resumed stream');
    expect(c.cursor()).toBe('a0');
    c.catchUp.sessionResumed(c.port);
    expect(c.queries).toHaveLength(2);
    expect(c.queries[1]!.iq.toString()).toContain('<after>a0</after>');
    c.result('a1', 'missed while the link was down');
    await c.answer();
    expect(c.cursor()).toBe('a1');
    c.catchUp.sessionResumed(c.port); // caught up: nothing more is asked
    expect(c.queries).toHaveLength(2);
    c.live('l10', 'live after it');
    expect(c.cursor()).toBe('l10');
  });

  it("says so when the server refuses the archive, and live messages move the cursor again", async () => {
    const c = catchingUp();
    c.fx.history.cursors.advance('alice@x', 'a0');
    c.catchUp.sessionStarted();
    c.catchUp.start(c.port);
    c.queries[0]!.fail(Object.assign(new Error('service-unavailable'), { name: 'StanzaError' }));
    await settle();
    expect(c.fx.consoleLines).toEqual([{ kind: 'info', text: 'the message archive is not available (service-unavailable)' }]);
    c.live('l1', 'live');
    expect(c.cursor()).toBe('l1');
  });

  it("places what the archive gives after the cursor's message after it, though its stamp is earlier (a whole second, or a server clock behind natter's)", async () => {
    const c = catchingUp();
    c.live('l1', 'live, with milliseconds');
    const movedAt = c.fx.history.cursors.position('alice@x').movedAt!;
    c.catchUp.sessionStarted();
    c.catchUp.start(c.port);
    expect(c.queries[0]!.iq.toString()).toContain('<after>l1</after>');
    c.result('a1', 'archived in the same second', 'alice@x', movedAt - (movedAt % 1000));
    c.result('a2', 'stamped a minute before', 'alice@x', movedAt - 60_000);
    await c.answer();
    expect(c.fx.stored('bob@x').map((m) => m.body)).toEqual(['live, with milliseconds', 'archived in the same second', 'stamped a minute before']);
    // Not before the live message: at the moment the cursor moved past it (a millisecond may separate them).
    expect([c.at('a1'), c.at('a2')]).toEqual([movedAt, movedAt]);
    expect(movedAt).toBeGreaterThanOrEqual(c.at('l1'));
  });

  it('reports a forged archive result and stores nothing of it', async () => {
    const c = catchingUp();
    c.catchUp.sessionStarted();
    c.catchUp.start(c.port);
    c.result('f1', 'I am your archive', 'mallory@evil');
    c.result('a1', 'real');
    await c.answer();
    expect(c.fx.consoleLines).toContainEqual({ kind: 'error', text: "ignored a forged archive result (archive result from mallory@evil, not from the account's own archive)" });
    expect(c.fx.stored('bob@x').map((m) => m.body)).toEqual(['real']);
    expect(c.cursor()).toBe('a1');
  });

  it('applies an archived receipt from the peer to our message to that peer: ✓✓ stored and shown; markers and the like pass silently', async () => {
    const c = catchingUp();
    const { id } = c.outbox.send({ kind: 'chat', peer: 'bob@x' }, 'hello while you are away');
    const row = () => c.fx.stored('bob@x').find((m) => m.originId === id)!;
    c.catchUp.sessionStarted();
    c.catchUp.start(c.port);
    // What Prosody archives without a body (mod_mam should_store): a receipt, a chat marker, an invitation.
    c.archivedAs('r1', xml('message', { from: 'bob@x/phone', to: 'alice@x/natter' }, xml('received', { xmlns: NS_RECEIPTS, id })));
    c.archivedAs('m1', xml('message', { from: 'bob@x/phone', to: 'alice@x', type: 'chat' }, xml('displayed', { xmlns: 'urn:xmpp:chat-markers:0', id })));
    c.archivedAs('i1', xml('message', { from: 'bob@x/phone', to: 'alice@x' }, xml('x', { xmlns: 'jabber:x:conference', jid: 'room@muc.x' })));
    await c.answer();
    expect(row().delivery).toBe('delivered');
    expect(c.fx.lineOf(chatTabId('bob@x'), row().id)?.delivery).toBe('delivered');
    expect(c.fx.consoleLines).toEqual([]);
    // Past them: the next login does not read them again.
    expect(c.cursor()).toBe('i1');
  });

  it('a receipt from anyone but the recipient, or from one of our own devices, marks nothing', async () => {
    const c = catchingUp();
    const { id } = c.outbox.send({ kind: 'chat', peer: 'bob@x' }, 'for bob');
    c.catchUp.sessionStarted();
    c.catchUp.start(c.port);
    c.archivedAs('r1', xml('message', { from: 'mallory@x/p', to: 'alice@x/natter' }, xml('received', { xmlns: NS_RECEIPTS, id })));
    c.archivedAs('r2', xml('message', { from: 'alice@x/laptop', to: 'bob@x/phone' }, xml('received', { xmlns: NS_RECEIPTS, id })));
    await c.answer();
    expect(c.fx.stored('bob@x').find((m) => m.originId === id)?.delivery).not.toBe('delivered');
    expect(c.fx.consoleLines).toEqual([]);
  });

  it('calls a result of our own archive forged when its message is neither from nor to the account, and stores nothing of it', async () => {
    const c = catchingUp();
    c.catchUp.sessionStarted();
    c.catchUp.start(c.port);
    c.archivedAs('f1', xml('message', { from: 'bob@x/phone', to: 'carol@y', type: 'chat' }, xml('body', {}, 'to carol')));
    await c.answer();
    expect(c.fx.consoleLines).toEqual([{ kind: 'error', text: 'ignored a forged archive result (a message from bob@x to carol@y in the archive of alice@x)' }]);
    expect(c.fx.stored('bob@x')).toEqual([]);
    expect(c.fx.stored('carol@y')).toEqual([]);
  });

  it('says so, without calling it forged, when a result of our own archive cannot be read', async () => {
    const c = catchingUp();
    c.catchUp.sessionStarted();
    c.catchUp.start(c.port);
    c.archivedAs('u1', xml('message', { to: 'alice@x', type: 'chat' }, xml('body', {}, 'from nobody')));
    await c.answer();
    expect(c.fx.consoleLines).toEqual([{ kind: 'error', text: 'ignored an archive result (no valid from)' }]);
  });

  it("believes a <delay/> from the account's server from session start until the archive's first answer only", async () => {
    const c = catchingUp();
    const stamp = Date.UTC(2020, 0, 1, 8);
    const delayed = (id: string) => c.live(id, `kept offline ${id}`, xml('delay', { xmlns: 'urn:xmpp:delay', from: 'x', stamp: new Date(stamp).toISOString() }));
    const { at } = c;
    expect(c.catchUp.delayFrom()).toBeUndefined();
    delayed('before');
    c.catchUp.sessionStarted();
    expect(c.catchUp.delayFrom()).toBe('x');
    delayed('offline');
    c.fx.history.cursors.advance('alice@x', 'a0');
    c.catchUp.start(c.port);
    c.result('a1', 'page one');
    await c.answer(false); // the first page of several: the window closes here
    expect(c.queries).toHaveLength(2);
    expect(c.queries[1]!.iq.toString()).toContain('<after>a1</after>');
    expect(c.catchUp.delayFrom()).toBeUndefined();
    delayed('after');
    expect(at('offline')).toBe(stamp);
    expect(at('before')).toBeGreaterThan(stamp);
    expect(at('after')).toBeGreaterThan(stamp);
    await c.answer();
  });

  it("keeps a new session's window open when an answer to the previous session's catch-up comes late", async () => {
    const c = catchingUp();
    c.catchUp.sessionStarted();
    c.catchUp.start(c.port);
    c.catchUp.sessionEnded();
    expect(c.catchUp.delayFrom()).toBeUndefined();
    c.catchUp.sessionStarted();
    c.catchUp.start(c.port);
    c.queries[0]!.answer(true);
    await settle();
    expect(c.catchUp.delayFrom()).toBe('x');
    await c.answer();
    expect(c.catchUp.delayFrom()).toBeUndefined();
  });

  it('places what a catch-up after a cut brings in the second of the newest message the cut stream showed after it; older stamps stay', async () => {
    const second = Date.UTC(2026, 5, 1, 12, 0, 24);
    const { c, at } = catchingUpAfterCut(second);
    c.result('a0', 'sent long before', 'alice@x', second - 5000);
    c.result('a1', 'lost in the cut, stamped in the same second', 'alice@x', second);
    await c.answer();
    expect([at('a0'), at('l1'), at('a1')]).toEqual([second - 5000, second + 193, second + 193]);
    expect(storedOrder(c)).toEqual(['a0', 'l1', 'a1']);
  });

  it("puts results in the archive's order around messages natter had: one routed before a message shown before the cut goes above it, on screen too", async () => {
    const second = Date.UTC(2026, 5, 1, 12, 0, 24);
    const { c, at } = catchingUpAfterCut(second);
    // The catch-up of the cut session had no answer: the cursor stayed before both.
    c.result('a1', 'routed before l1, stamped in its second', 'alice@x', second);
    c.result('l1', 'shown before the cut');
    c.result('a2', 'lost in the cut', 'alice@x', second);
    await c.answer();
    expect(storedOrder(c)).toEqual(['a1', 'l1', 'a2']);
    expect([at('a1'), at('l1'), at('a2')]).toEqual([second + 192, second + 193, second + 193]);
    expect(bobsScreen(c)).toEqual(['routed before l1, stamped in its second', 'shown before the cut', 'lost in the cut']);
  });

  it('moves a result placed by a catch-up the link cut short when the next catch-up finds a message natter had after it', async () => {
    const second = Date.UTC(2026, 5, 1, 12, 0, 24);
    const { c, at } = catchingUpAfterCut(second);
    c.result('a1', 'routed before l1, stamped in its second', 'alice@x', second);
    // Cut again before the archive said more: the next session asks from a1.
    c.catchUp.sessionEnded();
    c.catchUp.sessionStarted();
    c.catchUp.start(c.port);
    expect(c.queries.at(-1)!.iq.toString()).toContain('<after>a1</after>');
    c.result('l1', 'shown before the cut');
    await c.answer();
    expect([at('a1'), at('l1')]).toEqual([second + 192, second + 193]);
    expect(bobsScreen(c)).toEqual(['routed before l1, stamped in its second', 'shown before the cut']);
  });

  it('keeps that place when the cursor moved again long after the cut', async () => {
    const second = Date.UTC(2026, 5, 1, 12, 0, 59);
    const { c, at } = shownThenCut(second + 974);
    vi.setSystemTime(second + 6_000);
    c.fx.history.cursors.advance('alice@x', 'a0'); // a catch-up cut short moved it, seconds later
    c.catchUp.start(c.port);
    c.result('a1', 'lost in the cut, stamped in the same second', 'alice@x', second);
    await c.answer();
    expect(at('a1')).toBe(second + 974);
  });
});
