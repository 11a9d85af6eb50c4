import xml, { type Element } from '@xmpp/xml';
import { expect, it } from 'vitest';
import { blockingFeature } from '../../xmpp/features/blocking/feature.js';
import type { AccountDirectory } from '../account/account-directory.js';
import type { AccountRuntime } from '../account/account-runtime.js';
import { createStore } from '../../store/create-store.js';
import { initialState } from '../../store/state.js';
import { accountBlockList } from './block-list.js';
import { blockingApi } from './blocking-api.js';

/** The API over one online account whose server answers as `answer` says; `sets` holds what was asked of it. */
function api(options: { reports?: boolean; refuse?: Error } = {}) {
  const lines: string[] = [];
  const sets: string[] = [];
  const blocks = accountBlockList('alice@x', (_kind, text) => void lines.push(text));
  const feature = blockingFeature({
    iqCaller: {
      get: async (payload: Element, to?: string) => {
        if (payload.is('query') && to === 'x') return xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' }, ...(options.reports ? [xml('feature', { var: 'urn:xmpp:reporting:1' })] : []));
        return xml('blocklist', { xmlns: 'urn:xmpp:blocking' });
      },
      set: async (payload: Element) => {
        if (options.refuse) throw options.refuse;
        sets.push(payload.toString());
        return undefined;
      },
    },
    iqCallee: { set: () => undefined },
  }, () => 'alice@x', { onPush: () => undefined });
  const runtime = { jid: 'alice@x', blocks, blocking: () => feature, state: () => ({ kind: 'online' }) } as unknown as AccountRuntime;
  const directory = { enabled: () => runtime, running: () => [runtime], runtimes: new Map([['alice@x', runtime]]) } as unknown as AccountDirectory;
  const store = createStore(initialState());
  return { api: blockingApi(directory, store, { accountOf: () => undefined }), sets, lines };
}

it('blocks, says so, and says when it was blocked already', async () => {
  const { api: a, sets } = api();
  expect(await a.block('bob@x')).toBe('blocked bob@x on alice@x: nothing they send is shown or kept');
  expect(await a.block('bob@x')).toBe('bob@x was blocked already on alice@x');
  expect(sets[0]).toBe('<block xmlns="urn:xmpp:blocking"><item jid="bob@x"/></block>');
  expect(a.blockList()).toEqual({ account: 'alice@x', jids: ['bob@x'], known: false, supported: true });
});

it('--spam reports where the server advertises urn:xmpp:reporting:1, and says plainly when it does not', async () => {
  const taking = api({ reports: true });
  expect(await taking.api.block('spam@y', { spam: true })).toBe('blocked spam@y on alice@x: nothing they send is shown or kept; reported as spam to x');
  expect(taking.sets[0]).toContain('<report xmlns="urn:xmpp:reporting:1" reason="urn:xmpp:reporting:spam"/>');
  const not = api({ reports: false });
  expect(await not.api.block('spam@y', { spam: true })).toBe('blocked spam@y on alice@x: nothing they send is shown or kept; the spam report was not sent: x does not take reports (XEP-0377)');
  expect(not.sets[0]).toBe('<block xmlns="urn:xmpp:blocking"><item jid="spam@y"/></block>');
});

it('does not block the account itself', async () => {
  const { api: a, sets } = api();
  await expect(a.block('alice@x/phone')).rejects.toThrow('alice@x/phone is your own account: it can not be blocked');
  expect(sets).toEqual([]);
});

it('unblocks one or everyone, and says what it did', async () => {
  const { api: a, sets } = api();
  expect(await a.unblock('all')).toBe('nobody was blocked on alice@x');
  expect(await a.unblock('bob@x')).toBe('bob@x was not blocked on alice@x');
  await a.block('bob@x');
  await a.block('carol@x');
  expect(await a.unblock('bob@x')).toBe('unblocked bob@x on alice@x');
  await a.block('dan@x');
  expect(await a.unblock('all')).toBe('unblocked everyone on alice@x (2: carol@x, dan@x)');
  expect(sets.at(-1)).toBe('<unblock xmlns="urn:xmpp:blocking"/>');
});

it("turns the server's refusal or silence into one line", async () => {
  const malformed = Object.assign(new Error('jid-malformed'), { name: 'StanzaError', condition: 'jid-malformed' });
  await expect(api({ refuse: malformed }).api.block('bo:b@x')).rejects.toThrow('the server refused to block bo:b@x: it is not a JID the server accepts (jid-malformed)');
  const odd = Object.assign(new Error('x'), { name: 'StanzaError', condition: '<evil>\u001b[2J' });
  await expect(api({ refuse: odd }).api.unblock('bob@x')).rejects.toThrow('the server refused to unblock bob@x (undefined-condition)');
  const timeout = Object.assign(new Error('timeout'), { name: 'TimeoutError' });
  await expect(api({ refuse: timeout }).api.block('bob@x')).rejects.toThrow('the server did not answer within 10 s; bob@x is not blocked');
});

it("with two accounts: /block goes to the account whose contact it is, /unblock to the one that blocked, else the default", async () => {
  const runtimeOf = (jid: string) => {
    const asked: string[] = [];
    const blocks = accountBlockList(jid, () => undefined);
    const feature = blockingFeature({
      iqCaller: { get: async () => xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' }), set: async (payload: Element) => void asked.push(payload.toString()) },
      iqCallee: { set: () => undefined },
    }, () => jid, { onPush: () => undefined });
    return { runtime: { jid, blocks, blocking: () => feature, state: () => ({ kind: 'online' }) } as unknown as AccountRuntime, asked };
  };
  const home = runtimeOf('alice@x');
  const work = runtimeOf('me@work');
  const runtimes = new Map([['alice@x', home.runtime], ['me@work', work.runtime]]);
  const directory = {
    runtimes, running: () => [...runtimes.values()],
    enabled: (jid: string | undefined) => runtimes.get(jid ?? 'alice@x'),
  } as unknown as AccountDirectory;
  const store = createStore(initialState(), { intervalMs: 0 });
  store.dispatch({ type: 'roster/set', account: 'me@work', contacts: [{ jid: 'boss@work', name: 'Boss', presence: 'offline', groups: [], account: 'me@work' }] });
  const a = blockingApi(directory, store, { accountOf: () => undefined });
  expect(await a.block('boss@work')).toBe('blocked boss@work on me@work: nothing they send is shown or kept');
  expect(await a.block('spam@y')).toBe('blocked spam@y on alice@x: nothing they send is shown or kept');
  expect(await a.unblock('boss@work')).toBe('unblocked boss@work on me@work');
  expect(await a.block('spam@y', { account: 'me@work' })).toBe('blocked spam@y on me@work: nothing they send is shown or kept');
  expect([home.asked.length, work.asked.length]).toEqual([1, 3]);
});
