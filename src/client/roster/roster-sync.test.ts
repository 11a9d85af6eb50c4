import xml, { type Element } from '@xmpp/xml';
import { expect, it } from 'vitest';
import { createStore } from '../../store/create-store.js';
import { initialState } from '../../store/state.js';
import { MAX_EARLY_PEERS, MAX_RESOURCES, rosterSync } from './roster-sync.js';

const NS_ROSTER = 'jabber:iq:roster';

/** A session whose roster result the test hands over when it wants, and whose stanzas it sends in. */
function session() {
  const listeners: Array<(s: Element) => void> = [];
  let answer: ((query: Element) => void) | undefined;
  let push: ((ctx: { stanza: Element }) => unknown) | undefined;
  const port = {
    onPresence: (fn: (s: Element) => void) => {
      listeners.push(fn);
      return () => undefined;
    },
    iqCaller: { get: () => new Promise<Element | undefined>((resolve) => (answer = resolve)), set: async () => undefined },
    iqCallee: { set: (_ns: string, _name: string, handler: (ctx: { stanza: Element }) => unknown) => void (push = handler) },
  };
  const store = createStore(initialState());
  const sync = rosterSync(port, 'alice@x', store, () => undefined);
  const contact = (jid: string) => store.getState().roster.find((c) => c.jid === jid);
  return {
    store,
    contact,
    sync,
    gone: (from: string) => listeners.forEach((fn) => fn(xml('presence', { from, type: 'unavailable' }))),
    presence: (from: string, status?: string, priority = 0) =>
      listeners.forEach((fn) => fn(xml('presence', { from }, xml('priority', {}, String(priority)), ...(status ? [xml('status', {}, status)] : [])))),
    roster: async (...jids: string[]) => {
      const fetched = sync.fetch();
      answer?.(xml('query', { xmlns: NS_ROSTER }, ...jids.map((jid) => xml('item', { jid, subscription: 'both' }))));
      await fetched;
    },
    push: (jid: string) => push?.({ stanza: xml('iq', { type: 'set' }, xml('query', { xmlns: NS_ROSTER }, xml('item', { jid, subscription: 'from' }))) }),
    pushRaw: (stanza: Element) => push?.({ stanza }),
  };
}

it("keeps a presence read before the roster's result for the contacts in it, and drops the strangers'", async () => {
  const s = session();
  s.presence('bob@x/phone', 'here early');
  s.presence('mallory@x/r', 'a stranger');
  await s.roster('bob@x');
  expect(s.contact('bob@x')).toMatchObject({ presence: 'online', status: 'here early' });
  // A stranger added later starts offline: their presence before the roster was not kept.
  s.push('mallory@x');
  expect(s.contact('mallory@x')).toMatchObject({ presence: 'offline' });
  expect(s.contact('mallory@x')?.status).toBeUndefined();
});

it('ignores presences of people not in the roster once it is known; a contact added by a push shows their next one', async () => {
  const s = session();
  await s.roster('bob@x');
  s.presence('carol@x/laptop', 'directed at you');
  s.push('carol@x');
  expect(s.contact('carol@x')).toMatchObject({ presence: 'offline' });
  s.presence('carol@x/laptop', 'now a contact');
  expect(s.contact('carol@x')).toMatchObject({ presence: 'online', status: 'now a contact' });
});

it(`keeps at most ${MAX_EARLY_PEERS} strangers before the roster, and ${MAX_RESOURCES} resources a contact`, async () => {
  const s = session();
  for (let i = 0; i < MAX_EARLY_PEERS + 10; i++) s.presence(`stranger${i}@x/r`);
  s.presence('bob@x/phone', 'kept: among the first');
  // bob came after the limit: not kept, and so offline once the roster says he is a contact.
  await s.roster('stranger0@x', 'bob@x');
  expect(s.contact('stranger0@x')).toMatchObject({ presence: 'online' });
  expect(s.contact('bob@x')).toMatchObject({ presence: 'offline' });
  for (let i = 0; i < MAX_RESOURCES; i++) s.presence(`bob@x/r${i}`, `resource ${i}`);
  s.presence('bob@x/one-too-many', 'not kept', 10);
  expect(s.contact('bob@x')).toMatchObject({ presence: 'online', status: 'resource 0' });
  s.presence('bob@x/r5', 'a known resource changes', 10);
  expect(s.contact('bob@x')).toMatchObject({ status: 'a known resource changes' });
});

it('knows the full JID a contact shows by, while one of its resources is online; nobody else\'s', async () => {
  const s = session();
  await s.roster('bob@x');
  expect(s.sync.onlineAt('bob@x')).toBeUndefined();
  s.presence('bob@x/phone', undefined, 0);
  s.presence('bob@x/laptop', undefined, 5);
  expect(s.sync.onlineAt('bob@x')).toBe('bob@x/laptop');
  s.gone('bob@x/laptop');
  expect(s.sync.onlineAt('bob@x')).toBe('bob@x/phone');
  s.gone('bob@x/phone');
  expect(s.sync.onlineAt('bob@x')).toBeUndefined();
  s.presence('mallory@x/r');
  expect(s.sync.onlineAt('mallory@x')).toBeUndefined();
});

it('shows a contact offline once a push says their presence is no longer seen (Prosody sends no unavailable after an unsubscribe)', async () => {
  const s = session();
  await s.roster('bob@x');
  s.presence('bob@x/phone', 'here');
  expect(s.contact('bob@x')).toMatchObject({ presence: 'online' });
  s.push('bob@x'); // subscription "from": we see theirs no more
  expect(s.contact('bob@x')).toMatchObject({ presence: 'offline' });
  expect(s.sync.onlineAt('bob@x')).toBeUndefined();
});

it('marks a contact whose answer to our request waits (ask="subscribe", subscription none or from), until they answer', async () => {
  const s = session();
  await s.roster();
  const push = (subscription: string, ask?: string) => pushItem(s, { jid: 'carol@x', subscription, ...(ask ? { ask } : {}) });
  push('none', 'subscribe');
  expect(s.contact('carol@x')?.awaitingApproval).toBe(true);
  push('from', 'subscribe');
  expect(s.contact('carol@x')?.awaitingApproval).toBe(true);
  push('to');
  expect(s.contact('carol@x')?.awaitingApproval).toBeUndefined();
  push('none');
  expect(s.contact('carol@x')?.awaitingApproval).toBeUndefined();
});

/** A roster push of one item with these attributes. */
function pushItem(s: ReturnType<typeof session>, attrs: Record<string, string>): void {
  s.pushRaw(xml('iq', { type: 'set' }, xml('query', { xmlns: NS_ROSTER }, xml('item', attrs))));
}

it("profile: a contact's roster item and online resources, the shown one first; a stranger's nothing", async () => {
  const s = session();
  await s.roster('bob@x');
  s.presence('bob@x/phone', 'on the phone', 1);
  s.presence('bob@x/laptop', 'at the desk', 5);
  s.presence('mallory@x/r', 'a stranger');
  const profile = s.sync.profile('bob@x');
  expect(profile.item).toMatchObject({ jid: 'bob@x', subscription: 'both' });
  expect(profile.resources.map((r) => [r.resource, r.status, r.priority])).toEqual([['laptop', 'at the desk', 5], ['phone', 'on the phone', 1]]);
  s.gone('bob@x/laptop');
  expect(s.sync.profile('bob@x').resources.map((r) => r.resource)).toEqual(['phone']);
  expect(s.sync.profile('mallory@x')).toEqual({ resources: [] });
});
