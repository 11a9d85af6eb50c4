import { afterEach, expect, it } from 'vitest';
import { chatTabId, roomTabId } from '../../domain/tab-address.js';
import { CONSOLE_TAB_ID } from '../../domain/tab.js';
import { createStore } from '../../store/create-store.js';
import { BACKGROUND_LINES, initialState } from '../../store/state.js';
import { clientFixture, disposeClientFixtures } from '../testing/client-fixture.js';
import { createChatTabs, MAX_STRANGER_TABS } from './chat-tabs.js';

it(`admits strangers' tabs while fewer than ${MAX_STRANGER_TABS} of them are open; an open one always; closing makes room`, () => {
  const store = createStore(initialState());
  const tabs = createChatTabs(store, undefined, () => 'alice@x');
  const admitAndOpen = (peer: string): boolean => {
    const admitted = tabs.admitsStranger(chatTabId(peer));
    if (admitted) tabs.open(peer, false, 'alice@x');
    return admitted;
  };
  tabs.open('bob@x', false, 'alice@x'); // a contact's tab does not count
  for (let i = 0; i < MAX_STRANGER_TABS; i++) expect(admitAndOpen(`s${i}@x`)).toBe(true);
  expect(admitAndOpen('one-more@x')).toBe(false);
  expect(admitAndOpen('s3@x')).toBe(true); // open already
  store.dispatch({ type: 'tab/close', id: chatTabId('s3@x') });
  expect(admitAndOpen('one-more@x')).toBe(true);
  expect(admitAndOpen('two-more@x')).toBe(false);
  expect(store.getState().tabs).toHaveLength(2 + MAX_STRANGER_TABS);
});

afterEach(disposeClientFixtures);

it('a room behind keeps its newest lines; in front, scrolling back reads the dropped ones from the history in order, once', () => {
  const fx = clientFixture();
  const room = 'ops@muc.x';
  const tabId = fx.tabs.openRoom(fx.account, room, false);
  // Messages come as the room receiver shows them: stored first, then a line with the row.
  const sent = BACKGROUND_LINES * 2 + 30;
  for (let i = 0; i < sent; i++) {
    const at = Date.UTC(2026, 0, 2, 10) + i * 1000;
    const { id } = fx.history.add({ account: fx.account, peer: room, direction: 'in', sender: 'carol', body: `m${i}`, at, kind: 'groupchat' });
    fx.store.dispatch({ type: 'line/append', tabId, kind: 'incoming', from: 'carol', text: `m${i}`, at, rowId: id });
    if (i === 10) fx.store.dispatch({ type: 'line/append', tabId, kind: 'info', text: 'dave joined', at });
  }
  expect(fx.lines(tabId)).toHaveLength(BACKGROUND_LINES);
  fx.store.dispatch({ type: 'tab/focus', id: tabId });
  while (fx.tabs.loadOlder(tabId));
  const texts = fx.lines(tabId).map((l) => l.text);
  expect(texts).toEqual(Array.from({ length: sent }, (_, i) => `m${i}`)); // the join line was in no history
  // Left, it drops them again; back in front, the same.
  fx.store.dispatch({ type: 'tab/focus', id: CONSOLE_TAB_ID });
  expect(fx.lines(tabId)).toHaveLength(BACKGROUND_LINES);
  fx.store.dispatch({ type: 'tab/focus', id: tabId });
  while (fx.tabs.loadOlder(tabId));
  expect(fx.lines(tabId).map((l) => l.text)).toEqual(texts);
  expect(tabId).toBe(roomTabId(room));
});
