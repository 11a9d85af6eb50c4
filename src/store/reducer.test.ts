import { describe, expect, it } from 'vitest';
import { CONSOLE_TAB_ID } from '../domain/tab.js';
import { createStore } from './create-store.js';
import { reduce } from './reducer.js';
import { isUnsaved } from '../domain/line.js';
import { initialState, MAX_LINES_PER_TAB, type Contact } from './state.js';

describe('reducer', () => {
  it('starts with the console tab active', () => {
    const state = initialState();
    expect(state.tabs.map((t) => t.id)).toEqual([CONSOLE_TAB_ID]);
    expect(state.activeTabId).toBe(CONSOLE_TAB_ID);
  });

  it('keeps per account whether its server was told natter is inactive (XEP-0352)', () => {
    let state = reduce(initialState(), { type: 'presence/client-state', account: 'alice@x', inactive: true });
    state = reduce(state, { type: 'presence/client-state', account: 'bob@y', inactive: true });
    state = reduce(state, { type: 'presence/client-state', account: 'bob@y', inactive: false });
    expect(state.clientInactive).toEqual({ 'alice@x': true, 'bob@y': false });
  });

  it('counts unread incoming lines only in tabs that are not active, and clears them on focus', () => {
    let state = reduce(initialState(), { type: 'tab/open', id: 'chat:bob', kind: 'chat', title: 'bob', focus: false });
    state = reduce(state, { type: 'line/append', tabId: 'chat:bob', kind: 'incoming', text: 'hi' });
    expect(state.tabs[1]?.unread).toBe(1);
    state = reduce(state, { type: 'tab/focus', id: 'chat:bob' });
    expect(state.tabs[1]?.unread).toBe(0);
    state = reduce(state, { type: 'line/append', tabId: 'chat:bob', kind: 'incoming', text: 'again' });
    expect(state.tabs[1]?.unread).toBe(0);
  });

  it('moves lines to the history rows they are kept under now (held while unsaved, then written): unsaved meanwhile', () => {
    let state = reduce(initialState(), { type: 'tab/open', id: 'chat:bob', kind: 'chat', title: 'bob', focus: true });
    state = reduce(state, { type: 'line/append', tabId: 'chat:bob', kind: 'incoming', from: 'bob', text: 'saved', rowId: 7 });
    state = reduce(state, { type: 'line/append', tabId: 'chat:bob', kind: 'incoming', from: 'bob', text: 'rolled back', rowId: 8 });
    const console = state.lines[CONSOLE_TAB_ID];
    state = reduce(state, { type: 'lines/rekey', rekeyed: [{ from: 8, to: -1 }] });
    expect(state.lines['chat:bob']?.map((l) => [l.text, l.rowId, isUnsaved(l)])).toEqual([['saved', 7, false], ['rolled back', -1, true]]);
    expect(state.lines[CONSOLE_TAB_ID]).toBe(console); // a tab without such a line is not copied
    state = reduce(state, { type: 'lines/rekey', rekeyed: [{ from: -1, to: 9 }] });
    expect(state.lines['chat:bob']?.map((l) => [l.text, l.rowId, isUnsaved(l)])).toEqual([['saved', 7, false], ['rolled back', 9, false]]);
  });

  it('finds the line of a delivery mark or a correction by its history row, and keeps a refusal on one line', () => {
    let state = reduce(initialState(), { type: 'tab/open', id: 'chat:bob', kind: 'chat', title: 'bob', focus: true });
    state = reduce(state, { type: 'line/append', tabId: 'chat:bob', kind: 'outgoing', from: 'me', text: 'mine', rowId: 1, delivery: 'pending' });
    state = reduce(state, { type: 'line/append', tabId: 'chat:bob', kind: 'incoming', from: 'bob', text: 'his', rowId: 2 });
    state = reduce(state, { type: 'line/replace', tabId: 'chat:bob', rowId: 2, text: 'his, corrected' });
    state = reduce(state, { type: 'line/delivery', tabId: 'chat:bob', rowId: 1, delivery: 'failed', reason: 'not delivered: a\nFORGED\tline' });
    state = reduce(state, { type: 'line/replace', tabId: 'chat:bob', rowId: 3, text: 'no such row' });
    expect(state.lines['chat:bob']?.map((l) => [l.text, l.delivery, l.edited])).toEqual([
      ['mine [not delivered: a FORGED line]', 'failed', undefined],
      ['his, corrected', undefined, true],
    ]);
  });

  it('marks a tab highlighted for a line naming the user while it is not in front, until it is seen', () => {
    let state = reduce(initialState(), { type: 'tab/open', id: 'room:ops@x', kind: 'room', title: 'ops@x', focus: false });
    state = reduce(state, { type: 'line/append', tabId: 'room:ops@x', kind: 'incoming', text: 'chatter' });
    expect(state.tabs[1]).toMatchObject({ unread: 1, highlight: false });
    state = reduce(state, { type: 'line/append', tabId: 'room:ops@x', kind: 'incoming', text: 'alice: ping', highlight: true });
    expect(state.tabs[1]).toMatchObject({ unread: 2, highlight: true });
    state = reduce(state, { type: 'tab/focus', id: 'room:ops@x' });
    expect(state.tabs[1]).toMatchObject({ unread: 0, highlight: false });
    state = reduce(state, { type: 'line/append', tabId: 'room:ops@x', kind: 'incoming', text: 'alice: seen', highlight: true });
    expect(state.tabs[1]).toMatchObject({ highlight: false });
  });

  it('keeps rooms: set, occupants in and out (a nick once), updates, removal', () => {
    let state = reduce(initialState(), { type: 'room/set', room: { room: 'ops@x', account: 'a@x', nick: 'alice', joined: false, subject: '', occupants: [] } });
    const bob = { nick: 'bob', role: 'participant', affiliation: 'none', presence: 'online' } as const;
    state = reduce(state, { type: 'room/occupant', room: 'ops@x', occupant: bob });
    state = reduce(state, { type: 'room/occupant', room: 'ops@x', occupant: { ...bob, presence: 'away' } });
    expect(state.rooms['ops@x']?.occupants).toEqual([{ ...bob, presence: 'away' }]);
    state = reduce(state, { type: 'room/update', room: 'ops@x', patch: { joined: true, subject: 'deploys' } });
    expect(state.rooms['ops@x']).toMatchObject({ joined: true, subject: 'deploys' });
    state = reduce(state, { type: 'room/occupant-left', room: 'ops@x', nick: 'bob' });
    expect(state.rooms['ops@x']?.occupants).toEqual([]);
    // Nothing happens to a room not kept.
    expect(reduce(state, { type: 'room/occupant', room: 'other@x', occupant: bob }).rooms['other@x']).toBeUndefined();
    expect(reduce(state, { type: 'room/remove', room: 'ops@x' }).rooms).toEqual({});
  });

  it('caps a tab buffer and keeps the newest lines', () => {
    let state = initialState();
    for (let i = 0; i < MAX_LINES_PER_TAB + 5; i++) {
      state = reduce(state, { type: 'line/append', tabId: CONSOLE_TAB_ID, kind: 'info', text: `l${i}` });
    }
    const lines = state.lines[CONSOLE_TAB_ID] ?? [];
    expect(lines).toHaveLength(MAX_LINES_PER_TAB);
    expect(lines.at(-1)?.text).toBe(`l${MAX_LINES_PER_TAB + 4}`);
  });

  it('never closes the console tab, and focuses the neighbour when the active tab closes', () => {
    let state = reduce(initialState(), { type: 'tab/open', id: 'chat:a', kind: 'chat', title: 'a', focus: true });
    expect(reduce(state, { type: 'tab/close', id: CONSOLE_TAB_ID }).tabs).toHaveLength(2);
    state = reduce(state, { type: 'tab/close', id: 'chat:a' });
    expect(state.activeTabId).toBe(CONSOLE_TAB_ID);
    expect(state.lines['chat:a']).toBeUndefined(); // reopening loads it from the history
  });
});

describe('unread', () => {
  it('counts lines arriving in a background tab and marks where they start when it comes to the front', () => {
    let state = reduce(initialState(), { type: 'tab/open', id: 'chat:b', kind: 'chat', title: 'b', focus: false });
    state = reduce(state, { type: 'line/append', tabId: 'chat:b', kind: 'incoming', text: 'old', fromHistory: true });
    state = reduce(state, { type: 'line/append', tabId: 'chat:b', kind: 'incoming', text: 'one' });
    state = reduce(state, { type: 'line/append', tabId: 'chat:b', kind: 'incoming', text: 'two' });
    expect(state.tabs[1]?.unread).toBe(2);
    state = reduce(state, { type: 'tab/focus', id: 'chat:b' });
    const firstUnread = state.lines['chat:b']?.[1]?.id;
    expect(state.tabs[1]).toMatchObject({ unread: 0, unreadFrom: firstUnread });
    state = reduce(state, { type: 'tab/focus', id: 'console' });
    state = reduce(state, { type: 'tab/focus', id: 'chat:b' });
    expect(state.tabs[1]?.unreadFrom).toBeUndefined();
  });

  it('marks the first unread message by its line: own messages and status lines between unread ones do not move it', () => {
    let state = reduce(initialState(), { type: 'tab/open', id: 'chat:b', kind: 'chat', title: 'b', focus: false });
    const add = (kind: 'incoming' | 'outgoing' | 'info', text: string) => (state = reduce(state, { type: 'line/append', tabId: 'chat:b', kind, text }));
    add('incoming', 'one');
    add('outgoing', 'from my phone');
    add('info', 'b is away');
    add('incoming', 'two');
    state = reduce(state, { type: 'tab/focus', id: 'chat:b' });
    expect(state.tabs[1]?.unreadFrom).toBe(state.lines['chat:b']?.[0]?.id);
    expect(state.tabs[1]?.firstUnread).toBeUndefined();
  });

  it('finds where a count kept across a restart starts by counting incoming messages back, and falls back to the first line', () => {
    let state = reduce(initialState(), { type: 'tab/open', id: 'chat:b', kind: 'chat', title: 'b', focus: false });
    for (const [kind, text] of [['incoming', 'read'], ['incoming', 'unread 1'], ['outgoing', 'mine'], ['incoming', 'unread 2']] as const) {
      state = reduce(state, { type: 'line/append', tabId: 'chat:b', kind, text, fromHistory: true });
    }
    const lines = state.lines['chat:b'] ?? [];
    expect(reduce(state, { type: 'tab/unread', id: 'chat:b', unread: 2 }).tabs[1]).toMatchObject({ unread: 2, firstUnread: lines[1]?.id });
    expect(reduce(state, { type: 'tab/unread', id: 'chat:b', unread: 9 }).tabs[1]?.firstUnread).toBe(lines[0]?.id);
    const none = reduce(state, { type: 'tab/unread', id: 'chat:b', unread: 0 });
    expect(reduce(none, { type: 'tab/focus', id: 'chat:b' }).tabs[1]?.unreadFrom).toBeUndefined();
  });
});

describe('createStore', () => {
  it('notifies once for a burst of dispatches in one tick', async () => {
    const store = createStore(initialState());
    let calls = 0;
    store.subscribe(() => calls++);
    for (let i = 0; i < 100; i++) store.dispatch({ type: 'line/append', tabId: CONSOLE_TAB_ID, kind: 'info', text: 'x' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toBe(1);
    expect(store.getState().lines[CONSOLE_TAB_ID]).toHaveLength(100);
  });
});

describe('roster', () => {
  it('replaces one account roster, upserts and removes contacts; filters and folds groups', () => {
    let state = reduce(initialState(), {
      type: 'roster/set',
      account: 'me@x',
      contacts: [
        { jid: 'z@x', name: 'Zed', presence: 'online', account: 'me@x' },
        { jid: 'a@x', name: 'Ann', presence: 'offline', account: 'me@x' },
        { jid: 'b@x', name: 'Bea', presence: 'away', account: 'me@x' },
      ],
    });
    state = reduce(state, { type: 'roster/upsert', account: 'me@x', contact: { jid: 'c@x', name: 'Cy', presence: 'online', account: 'me@x' } });
    state = reduce(state, { type: 'roster/remove', account: 'me@x', jid: 'b@x' });
    expect(state.roster.map((c) => c.name).sort()).toEqual(['Ann', 'Cy', 'Zed']);
    state = reduce(state, { type: 'roster/filter', filter: 'cy' });
    state = reduce(state, { type: 'roster/toggle-group', group: 'work' });
    expect([state.rosterFilter, state.rosterCollapsed]).toEqual(['cy', ['work']]);
    state = reduce(state, { type: 'roster/toggle-group', group: 'work' });
    expect(state.rosterCollapsed).toEqual([]);
  });

  it('updates a contact in its place, adds a new one, and keeps the state when nothing shown changed', () => {
    const ann: Contact = { jid: 'a@x', name: 'Ann', presence: 'offline', groups: ['work'], account: 'me@x' };
    const other = { ...ann, account: 'other@y' };
    let state = reduce(initialState(), { type: 'roster/set', account: 'me@x', contacts: [ann, { jid: 'b@x', name: 'Bea', presence: 'away', account: 'me@x' }] });
    state = reduce(state, { type: 'roster/set', account: 'other@y', contacts: [other] });
    const online = reduce(state, { type: 'roster/upsert', account: 'me@x', contact: { ...ann, presence: 'online', status: 'here' } });
    expect(online.roster.map((c) => [c.account, c.jid, c.presence])).toEqual([['me@x', 'a@x', 'online'], ['me@x', 'b@x', 'away'], ['other@y', 'a@x', 'offline']]);
    expect(state.roster[0]?.presence).toBe('offline'); // the state it was given is as it was
    expect(reduce(online, { type: 'roster/upsert', account: 'me@x', contact: { ...ann, groups: ['work'], presence: 'online', status: 'here' } })).toBe(online);
    expect(reduce(online, { type: 'roster/upsert', account: 'me@x', contact: { ...ann, groups: ['home'], presence: 'online', status: 'here' } }).roster[0]?.groups).toEqual(['home']);
    // Asking to see their presence (awaiting their approval) is shown too: a change.
    expect(reduce(online, { type: 'roster/upsert', account: 'me@x', contact: { ...ann, presence: 'online', status: 'here', awaitingApproval: true } }).roster[0]?.awaitingApproval).toBe(true);
    const added = reduce(online, { type: 'roster/upsert', account: 'me@x', contact: { jid: 'c@x', name: 'Cy', presence: 'chat', account: 'me@x' } });
    expect(added.roster.map((c) => c.jid)).toEqual(['a@x', 'b@x', 'a@x', 'c@x']);
  });
});
