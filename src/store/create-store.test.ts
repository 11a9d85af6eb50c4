import { describe, expect, it, vi } from 'vitest';
import { createStore } from './create-store.js';
import { initialState } from './state.js';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const append = (text: string) => ({ type: 'line/append', tabId: 'console', kind: 'info', text }) as const;

describe('createStore', () => {
  it('reduces at once and announces a batch of dispatches once, at the end of the turn', async () => {
    const store = createStore(initialState());
    let calls = 0;
    store.subscribe(() => void calls++);
    store.dispatch(append('a'));
    store.dispatch(append('b'));
    expect(store.getState().lines.console?.map((l) => l.text)).toEqual(['a', 'b']);
    expect(calls).toBe(0);
    await turn();
    expect(calls).toBe(1);
  });

  it('counts its watchers and screen subscribers, and forgets one that unsubscribes', () => {
    const store = createStore(initialState());
    const stopWatching = store.subscribe(() => undefined);
    store.subscribeFrames(() => undefined);
    store.subscribeFrames(() => undefined);
    expect(store.listenerCounts()).toEqual({ watchers: 1, screen: 2 });
    stopWatching();
    expect(store.listenerCounts()).toEqual({ watchers: 0, screen: 2 });
  });

  it('during a burst, tells the screen at most once an interval; flush tells it at once', async () => {
    const store = createStore(initialState(), { intervalMs: 60_000 });
    let calls = 0;
    store.subscribeFrames(() => void calls++);
    store.dispatch(append('first'));
    await turn();
    expect(calls).toBe(1);
    store.dispatch(append('second'));
    await turn();
    await turn();
    expect(calls).toBe(1); // within the interval: waits
    store.flush();
    expect(calls).toBe(2);
    store.flush();
    expect(calls).toBe(2); // nothing pending
  });

  it('keeps the state of the last frame for the screen until the next frame is announced', async () => {
    const store = createStore(initialState(), { intervalMs: 60_000 });
    const texts = (lines: { text: string }[] | undefined) => lines?.map((l) => l.text);
    store.dispatch(append('first'));
    expect(texts(store.getFrameState().lines.console)).toEqual([]);
    await turn();
    expect(texts(store.getFrameState().lines.console)).toEqual(['first']);
    store.dispatch(append('second'));
    await turn();
    // A render now (a key) draws what the last frame drew, not the traffic waiting for its frame.
    expect(texts(store.getFrameState().lines.console)).toEqual(['first']);
    expect(texts(store.getState().lines.console)).toEqual(['first', 'second']);
    store.flush();
    const drawn = store.getFrameState().lines.console;
    expect(texts(drawn)).toEqual(['first', 'second']);
    store.dispatch(append('third'));
    store.dispatch(append('fourth'));
    // Lines are appended in place only to arrays made since the last frame: a frame's stay as drawn.
    expect(texts(drawn)).toEqual(['first', 'second']);
    expect(texts(store.getState().lines.console)).toEqual(['first', 'second', 'third', 'fourth']);
  });

  it('runs beforeNotify (the history commit) before the screen hears of a change, not for the watchers', async () => {
    const order: string[] = [];
    const store = createStore(initialState(), { beforeNotify: () => order.push('commit') });
    store.subscribe(() => order.push('listener'));
    store.subscribeFrames(() => order.push('screen'));
    store.dispatch(append('a'));
    await turn();
    expect(order).toEqual(['listener', 'commit', 'screen']);
    store.dispatch(append('b'));
    store.flush(); // a key's change is drawn at once: committed first too
    expect(order.slice(3)).toEqual(['listener', 'commit', 'screen']);
  });

  it("tells the app's watchers of every turn's changes, even within the screen's interval", async () => {
    const store = createStore(initialState(), { intervalMs: 60_000 });
    const seen: string[] = [];
    store.subscribe(() => seen.push(store.getState().activeTabId));
    store.dispatch({ type: 'tab/open', id: 'chat:bob@example.org', kind: 'chat', title: 'bob', focus: true });
    await turn();
    store.dispatch({ type: 'tab/focus', id: 'console' });
    await turn();
    // A watcher that follows the tab in front (chat states) sees bob's chat come and go.
    expect(seen).toEqual(['chat:bob@example.org', 'console']);
  });

  it('keeps the order of appended lines and other actions, and stamps a line when it is dispatched', () => {
    const store = createStore(initialState());
    store.dispatch({ type: 'tab/open', id: 'chat:bob', kind: 'chat', title: 'bob', focus: false });
    vi.useFakeTimers({ now: 5_000, toFake: ['Date'] });
    try {
      store.dispatch({ type: 'line/append', tabId: 'chat:bob', kind: 'incoming', text: 'unseen' });
      vi.setSystemTime(9_000);
      store.dispatch({ type: 'tab/focus', id: 'chat:bob' });
      store.dispatch({ type: 'line/append', tabId: 'chat:bob', kind: 'incoming', text: 'seen' });
    } finally {
      vi.useRealTimers();
    }
    const state = store.getState();
    const lines = state.lines['chat:bob'] ?? [];
    expect(lines.map((l) => [l.text, l.at])).toEqual([['unseen', 5_000], ['seen', 9_000]]);
    // "unseen" arrived before the tab came to the front: the unread separator sits above it.
    expect(state.tabs[1]).toMatchObject({ unread: 0, unreadFrom: lines[0]?.id });
    store.dispatch({ type: 'tab/close', id: 'chat:bob' });
    store.dispatch({ type: 'line/append', tabId: 'chat:bob', kind: 'info', text: 'after close' });
    expect(store.getState().lines.console?.map((l) => l.text)).toEqual(['after close']);
  });
});
