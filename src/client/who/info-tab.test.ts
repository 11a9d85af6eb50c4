import xml, { type Element } from '@xmpp/xml';
import { expect, it } from 'vitest';
import { createStore } from '../../store/create-store.js';
import { initialState } from '../../store/state.js';
import type { ContactProfile } from '../roster/roster-sync.js';
import { openInfoTab, type InfoPort } from './info-tab.js';

const clock = { now: () => Date.UTC(2026, 11, 7, 12, 0, 0), offsetAt: () => 60 };
const stanzaError = (condition: string): Error => Object.assign(new Error(condition), { name: 'StanzaError', condition });

/** bob@x with a laptop (answers everything) and a phone (answers nothing), and a vCard. */
/** `null`: the account is offline. */
function bob(profile: ContactProfile | null = {
  item: { jid: 'bob@x', name: 'Bob', subscription: 'both', groups: ['Friends'] },
  resources: [
    { jid: 'bob@x', resource: 'laptop', show: 'away', status: 'lunch\u001b[2J', priority: 5, caps: { node: 'https://gajim.org', ver: 'v=' } },
    { jid: 'bob@x', resource: 'phone', show: 'online', priority: 0 },
  ],
}) {
  const asked: string[] = [];
  const answer = (child: Element, to: string): Element | undefined => {
    if (to === 'bob@x/phone') throw stanzaError('service-unavailable');
    // No vCard4 on PEP: natter shows the vcard-temp one.
    if (child.is('pubsub')) throw stanzaError('item-not-found');
    if (child.is('vCard')) return xml('vCard', { xmlns: 'vcard-temp' }, xml('FN', {}, 'Bob Example'), xml('NOTE', {}, 'line\none\u202e'));
    if (child.attrs.xmlns === 'jabber:iq:last') return xml('query', { xmlns: 'jabber:iq:last', seconds: '300' });
    if (child.is('time')) return xml('time', { xmlns: 'urn:xmpp:time' }, xml('tzo', {}, '+02:00'), xml('utc', {}, '2026-12-07T12:00:00Z'));
    return xml('query', { xmlns: 'jabber:iq:version' }, xml('name', {}, 'Gajim'), xml('version', {}, '1.8.4'));
  };
  const port: InfoPort = {
    jid: 'alice@x',
    ask: async (child, to) => (asked.push(`${child.name} ${to}`), answer(child, to)),
    onlineAt: () => undefined,
    contactProfile: () => profile ?? undefined,
    // The laptop's caps were answered: Gajim says it is a PC client.
    deviceIdentity: (full) => (full === 'bob@x/laptop' ? { category: 'client', type: 'pc', name: 'Gajim\u001b[2J' } : undefined),
  };
  return { port, asked };
}

const tabText = async (store: ReturnType<typeof createStore>, id: string): Promise<string[]> => {
  await expect.poll(() => store.getState().lines[id]?.some((l) => l.text.startsWith('vCard'))).toBe(true);
  return (store.getState().lines[id] ?? []).map((l) => l.text);
};

it('opens a tab with the roster, each device with client and time (or why not), then the vCard, inert', async () => {
  const store = createStore(initialState());
  const { port, asked } = bob();
  const id = openInfoTab(store, port, 'bob@x', clock);
  expect(id).toBe('info:bob@x');
  expect(store.getState().activeTabId).toBe(id);
  expect(await tabText(store, id)).toEqual([
    "bob@x (Bob)\n  roster: subscription both: you see each other's presence; groups Friends",
    '2 devices online:',
    'bob@x/laptop: away, "lunch", priority 5\n  software (caps): Gajim (client/pc), https://gajim.org\n  client: Gajim 1.8.4\n  time: 14:00 (UTC+02:00), 1 hour ahead of you\n  activity: bob@x/laptop has been idle for 5 minutes',
    'bob@x/phone: online, priority 0\n  client: bob@x/phone does not answer software version queries (service-unavailable)\n  time: bob@x/phone does not answer time queries (service-unavailable)\n  activity: bob@x/phone does not tell its last activity (service-unavailable)',
    'vCard:\n  name: Bob Example\n  note: line one',
  ]);
  expect(asked.sort()).toEqual(['pubsub bob@x', 'query bob@x/laptop', 'query bob@x/laptop', 'query bob@x/phone', 'query bob@x/phone', 'time bob@x/laptop', 'time bob@x/phone', 'vCard bob@x']);
});

it('a full JID narrows to that device; a stranger is said to be outside the roster; /info again starts the tab afresh', async () => {
  const store = createStore(initialState());
  const { port } = bob();
  openInfoTab(store, port, 'bob@x/laptop', clock);
  const lines = await tabText(store, 'info:bob@x');
  expect(lines[1]).toBe('1 device online:');
  expect(lines.join('\n')).not.toContain('phone');
  const stranger = bob({ resources: [] });
  openInfoTab(store, stranger.port, 'bob@x', clock);
  expect((await tabText(store, 'info:bob@x')).slice(0, 2)).toEqual([
    'bob@x\n  roster: not in the roster of alice@x, so natter sees no presence of theirs',
    'no device of bob@x is online (as far as alice@x can see)',
  ]);
  expect(store.getState().tabs.filter((t) => t.id === 'info:bob@x')).toHaveLength(1);
});

it('opens nothing for what is not a JID or while the account is offline, saying so', () => {
  const store = createStore(initialState());
  expect(() => openInfoTab(store, bob().port, 'bob@', clock)).toThrow('"bob@" is not a JID');
  expect(() => openInfoTab(store, bob(null).port, 'bob@x', clock)).toThrow('alice@x is offline; /connect alice@x first');
  expect(store.getState().tabs.map((t) => t.id)).toEqual(['console']);
});
