import xml, { type Element } from '@xmpp/xml';
import { afterEach, describe, expect, it } from 'vitest';
import { blockingFeature } from '../../xmpp/features/blocking/feature.js';
import { messagesFeature } from '../../xmpp/features/messages/feature.js';
import { archiveCatchUp } from '../archive/archive-catch-up.js';
import { fixtureReceiver } from '../testing/fixture-receiver.js';
import { redateChatRow } from '../conversations/redate-chat-row.js';
import { clientFixture, disposeClientFixtures, settle } from '../testing/client-fixture.js';
import { subscriptionRequests } from '../roster/subscriptions.js';
import { MAX_BLOCKED } from '../../xmpp/features/blocking/parse.js';
import { IqAbortedError } from '../../xmpp/session/errors.js';
import { accountBlocking, accountBlockList } from './block-list.js';
import { unlessBlocked } from './session-blocking.js';

afterEach(disposeClientFixtures);

const NS_BLOCKING = 'urn:xmpp:blocking';
const stanzaError = (condition: string): Error => Object.assign(new Error(condition), { name: 'StanzaError', condition });

/**
 * alice@x as the account runtime wires her: the block list's step in the session's inbound
 * router, the messages feature and the archive catch-up into the real chat receiver, and a
 * server the test plays: `serverList` is its block list, `answer` how it answers requests.
 */
function account(serverList: string[] = ['bob@x']) {
  const fx = clientFixture();
  const blocks = accountBlockList(fx.account, fx.consoleLine);
  fx.session.use(blocks.inboundStep);
  const receive = fixtureReceiver(fx);
  const catchUp = archiveCatchUp(fx.account, { history: fx.history, receive, redate: redateChatRow(fx.history, fx.store), delivered: () => undefined, consoleLine: fx.consoleLine });
  messagesFeature(fx.session, { onMessage: catchUp.live }, { ownJid: () => fx.account });
  const sets: string[] = [];
  const pushHandlers = new Map<string, (ctx: { stanza: Element }) => unknown>();
  const server = {
    answer: (payload: Element): Promise<Element | undefined> => {
      if (payload.is('blocklist')) return Promise.resolve(xml('blocklist', { xmlns: NS_BLOCKING }, ...serverList.map((jid) => xml('item', { jid }))));
      if (payload.is('query')) return Promise.resolve(xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' }));
      return Promise.resolve(undefined);
    },
  };
  const port = {
    iqCaller: { get: (p: Element) => server.answer(p), set: (p: Element) => (sets.push(p.toString()), server.answer(p)) },
    iqCallee: { set: (ns: string, name: string, handler: (ctx: { stanza: Element }) => unknown) => void pushHandlers.set(name, handler) },
  };
  const feature = blockingFeature(port, () => fx.account, { onPush: (change) => blocks.pushed(change) });
  const push = (payload: Element): unknown => pushHandlers.get(payload.name)?.({ stanza: xml('iq', { type: 'set', from: 'alice@x' }, payload) });
  const chat = (from: string, body: string): Element => xml('message', { from, to: 'alice@x/natter', type: 'chat' }, xml('body', {}, body));
  return { fx, blocks, feature, server, sets, push, chat, catchUp };
}

describe("the account's block list", () => {
  it('drops a blocked sender\'s live message, carbon and room private message before any feature: not shown, not stored, no event', async () => {
    const a = account(['bob@x', 'room@conf.x/troll']);
    await a.blocks.load(a.feature);
    a.fx.session.receive(a.chat('bob@x/phone', 'live from bob'));
    a.fx.session.receive(xml('message', { from: 'alice@x', to: 'alice@x/natter' }, xml('received', { xmlns: 'urn:xmpp:carbons:2' },
      xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, a.chat('bob@x/laptop', 'carbon from bob')))));
    a.fx.session.receive(a.chat('carol@x/phone', 'carol is not blocked'));
    expect(a.fx.stored('bob@x')).toEqual([]);
    expect(a.fx.stored('carol@x').map((m) => m.body)).toEqual(['carol is not blocked']);
    expect(a.fx.events.map((e) => e.event === 'message' && e.body)).toEqual(['carol is not blocked']);
    expect(JSON.stringify(a.fx.store.getState().lines)).not.toContain('from bob');
    // A room occupant blocked by full JID: its private messages too (the step runs before the rooms feature).
    const seen: string[] = [];
    a.fx.session.onMessage((m) => void seen.push(String(m.stanza.attrs.from)));
    a.fx.session.receive(a.chat('room@conf.x/troll', 'psst'));
    a.fx.session.receive(a.chat('room@conf.x/friend', 'hello'));
    expect(seen).toEqual(['room@conf.x/friend']);
  });

  it('drops an archived message of a JID blocked since (the server archived it before the block)', async () => {
    const a = account();
    await a.blocks.load(a.feature);
    const queries: Element[] = [];
    const finish: Array<(iq: Element) => void> = [];
    a.catchUp.start({ onArchive: a.fx.session.onArchive, iqCaller: { request: (iq: Element) => new Promise<Element>((resolve) => (queries.push(iq), finish.push(resolve))) } });
    const queryid = String(queries[0]!.getChild('query')!.attrs.queryid);
    const result = (id: string, message: Element): Element => xml('message', { from: 'alice@x', to: 'alice@x/natter' },
      xml('result', { xmlns: 'urn:xmpp:mam:2', queryid, id }, xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, message)));
    a.fx.session.receive(result('a1', a.chat('bob@x/phone', 'archived before the block')));
    a.fx.session.receive(result('a2', a.chat('carol@x/phone', 'archived from carol')));
    finish[0]!(xml('iq', { type: 'result' }, xml('fin', { xmlns: 'urn:xmpp:mam:2', complete: 'true' })));
    await settle();
    expect(a.fx.stored('bob@x')).toEqual([]);
    expect(a.fx.stored('carol@x').map((m) => m.body)).toEqual(['archived from carol']);
    expect(a.fx.consoleLines).toContainEqual({ kind: 'info', text: '1 message from the server archive' });
  });

  it("never drops the account's own messages, whatever is blocked", async () => {
    const a = account(['x']);
    await a.blocks.load(a.feature);
    expect(a.blocks.isBlocked('alice@x/phone')).toBe(false);
    expect(a.blocks.isBlocked('bob@x/phone')).toBe(true);
  });

  it('follows pushes: a change made on another device is applied and said; its own change is not said twice', async () => {
    const a = account([]);
    await a.blocks.load(a.feature);
    a.push(xml('block', { xmlns: NS_BLOCKING }, xml('item', { jid: 'Eve@X' })));
    expect(a.blocks.list().jids).toEqual(['eve@x']);
    a.fx.session.receive(a.chat('eve@x/r', 'after the push'));
    expect(a.fx.stored('eve@x')).toEqual([]);
    // The server answers and pushes this device's own change: the push is read before the answer here.
    a.server.answer = (payload) => (a.push(payload), Promise.resolve(undefined));
    expect(await a.blocks.change(a.feature, { kind: 'block', jids: ['dan@x'] })).toEqual({ changed: ['dan@x'], already: [] });
    expect(await a.blocks.change(a.feature, { kind: 'block', jids: ['dan@x'] })).toEqual({ changed: [], already: ['dan@x'] });
    a.push(xml('unblock', { xmlns: NS_BLOCKING }));
    expect(a.blocks.list().jids).toEqual([]);
    expect(a.fx.consoleLines).toEqual([
      { kind: 'info', text: 'eve@x was blocked on another of your devices' },
      { kind: 'info', text: 'everyone was unblocked on another of your devices (2)' },
    ]);
  });

  it('keeps the last list when it can not be read, and knows a server that does not block', async () => {
    const a = account(['bob@x']);
    await a.blocks.load(a.feature);
    a.server.answer = () => Promise.reject(new Error('offline'));
    await a.blocks.load(a.feature);
    expect(a.blocks.list()).toEqual({ jids: ['bob@x'], known: true, supported: true });
    expect(a.fx.consoleLines.at(-1)).toEqual({ kind: 'error', text: 'could not read the block list (offline); natter keeps filtering with the last one it read' });
    a.server.answer = () => Promise.reject(stanzaError('service-unavailable'));
    await a.blocks.load(a.feature);
    expect(a.blocks.list().supported).toBe(false);
    expect(a.fx.consoleLines.at(-1)).toEqual({ kind: 'info', text: 'this server does not support blocking (XEP-0191): /block is not available' });
    const said = a.fx.consoleLines.length;
    await a.blocks.load(a.feature); // the next login on the same server: not said again
    expect(a.fx.consoleLines).toHaveLength(said);
  });

  it('says nothing when the session ended before the answer came (the next session reads it again)', async () => {
    const a = account(['bob@x']);
    await a.blocks.load(a.feature);
    a.server.answer = () => Promise.reject(new IqAbortedError('the session was replaced by a new one before the answer came'));
    await a.blocks.load(a.feature);
    expect(a.fx.consoleLines).toEqual([]);
    expect(a.blocks.list()).toEqual({ jids: ['bob@x'], known: true, supported: true });
  });

  it('changes nothing when the server refuses', async () => {
    const a = account([]);
    await a.blocks.load(a.feature);
    a.server.answer = () => Promise.reject(stanzaError('jid-malformed'));
    await expect(a.blocks.change(a.feature, { kind: 'block', jids: ['bo:b@x'] })).rejects.toMatchObject({ condition: 'jid-malformed' });
    expect(a.blocks.list().jids).toEqual([]);
  });
});

it("a blocked JID's subscription request is not shown nor passed on; anyone else's is", async () => {
  const a = account(['spam@x']);
  await a.blocks.load(a.feature);
  const requests = subscriptionRequests('alice@x', { store: a.fx.store, consoleLine: a.fx.consoleLine, onEvent: a.fx.onEvent });
  a.fx.session.onPresence(unlessBlocked(a.blocks, (stanza) => requests.onStanza(stanza)));
  a.fx.session.receive(xml('presence', { from: 'spam@x', type: 'subscribe' }));
  a.fx.session.receive(xml('presence', { from: 'dan@x', type: 'subscribe' }));
  expect(requests.pending()).toEqual(['dan@x']);
  expect(a.fx.events.map((e) => e.event === 'subscription' && e.peer)).toEqual(['dan@x']);
});

it("lets through an error about a message natter sent to a blocked JID, so the message shows it was not delivered", async () => {
  const a = account(['bob@x']);
  await a.blocks.load(a.feature);
  const seen: string[] = [];
  a.fx.session.onMessage((m) => void seen.push(`${String(m.stanza.attrs.type)} ${String(m.stanza.attrs.from)}`));
  a.fx.session.receive(xml('message', { from: 'bob@x', type: 'error', id: 'm1' }, xml('error', { type: 'cancel' },
    xml('not-acceptable', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }), xml('blocked', { xmlns: 'urn:xmpp:blocking:errors' }))));
  a.fx.session.receive(a.chat('bob@x/phone', 'not this'));
  expect(seen).toEqual(['error bob@x']);
});

it('pushes never grow the list past MAX_BLOCKED', async () => {
  const a = account([]);
  await a.blocks.load(a.feature);
  const items = (from: number) => Array.from({ length: 6000 }, (_, i) => xml('item', { jid: `u${from + i}@x` }));
  a.push(xml('block', { xmlns: NS_BLOCKING }, ...items(0)));
  a.push(xml('block', { xmlns: NS_BLOCKING }, ...items(6000)));
  expect(a.blocks.list().jids).toHaveLength(MAX_BLOCKED);
});

it('changing the list needs a session: offline, it says how to get one', () => {
  const offline = accountBlocking('alice@x', () => undefined, () => undefined);
  expect(() => offline.blocking()).toThrow('alice@x is offline; the block list can be changed once it is connected (/connect alice@x)');
});
