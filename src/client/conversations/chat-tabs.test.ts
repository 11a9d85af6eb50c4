import { expect, it } from 'vitest';
import { chatTabId } from '../../domain/tab-address.js';
import { createStore } from '../../store/create-store.js';
import { initialState } from '../../store/state.js';
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
