import { render } from 'ink-testing-library';
import { expect, it, vi } from 'vitest';
import { chatTabId } from '../domain/tab-address.js';
import { createStore } from '../store/create-store.js';
import { initialState } from '../store/state.js';
import { App } from './app.js';
import type { UiController } from './controller.js';

const PAGE_UP = '\u001b[5~';
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

it('PageUp reaches lines prepended while it scrolls (pages read back later), up to the first one', async () => {
  const store = createStore(initialState());
  store.dispatch({ type: 'tab/open', id: chatTabId('bob@x'), kind: 'chat', title: 'bob@x', focus: false });
  for (let i = 40; i < 70; i++) store.dispatch({ type: 'line/append', tabId: chatTabId('bob@x'), kind: 'incoming', from: 'bob@x', text: `m${i}`, at: 1_000 });
  // Read in the background: the view draws a "new messages" rule, one row more than the lines.
  store.dispatch({ type: 'tab/focus', id: chatTabId('bob@x') });
  expect(store.getState().tabs.find((t) => t.id === chatTabId('bob@x'))?.unreadFrom).toBeDefined();
  // Like the archive: the first call reads 40 older lines, the next says where the start is.
  let calls = 0;
  const controller: UiController = {
    submit: () => undefined,
    answer: () => undefined,
    quit: vi.fn(),
    complete: () => undefined,
    loadOlder(tabId) {
      const call = ++calls;
      setTimeout(() => {
        const lines = call === 1
          ? Array.from({ length: 40 }, (_, i) => ({ kind: 'incoming' as const, from: 'bob@x', text: `m${i}`, at: 1_000 }))
          : [{ kind: 'info' as const, text: '-- start --', at: 1_000 }];
        if (call <= 2) store.dispatch({ type: 'lines/prepend', tabId, lines });
      }, 5);
      return false;
    },
  };
  const view = render(<App store={store} controller={controller} size={{ columns: 60, rows: 12 }} />);
  // Keys act on what the screen shows: the person presses PageUp once the chat is drawn.
  while (!view.lastFrame()?.includes('m69')) await tick();
  for (let press = 0; press < 20 && !view.lastFrame()?.includes('-- start --'); press++) {
    view.stdin.write(PAGE_UP);
    await tick();
  }
  expect(view.lastFrame()).toContain('-- start --');
  expect(view.lastFrame()).toContain('m0');
  view.unmount();
});

it('says the view is scrolled up while it is, though no message arrives, and stops saying it at the bottom', async () => {
  const store = createStore(initialState());
  store.dispatch({ type: 'tab/open', id: chatTabId('bob@x'), kind: 'chat', title: 'bob@x', focus: true });
  for (let i = 0; i < 30; i++) store.dispatch({ type: 'line/append', tabId: chatTabId('bob@x'), kind: 'incoming', from: 'bob@x', text: `m${i}`, at: 1_000 });
  const controller: UiController = { submit: () => undefined, answer: () => undefined, quit: vi.fn(), complete: () => undefined };
  const view = render(<App store={store} controller={controller} size={{ columns: 80, rows: 12 }} />);
  while (!view.lastFrame()?.includes('m29')) await tick();
  expect(view.lastFrame()).not.toContain('scrolled up');
  view.stdin.write(PAGE_UP);
  while (view.lastFrame()?.includes('m29')) await tick();
  expect(view.lastFrame(), view.lastFrame()).toMatch(/── scrolled up · \d+ more below · Alt-End ─/);
  view.stdin.write('\u001b[1;3F'); // Alt-End
  while (!view.lastFrame()?.includes('m29')) await tick();
  expect(view.lastFrame()).not.toContain('scrolled up');
  view.unmount();
});

it('opens search results at their first line, and a search tab brought back keeps where it was read to', async () => {
  const store = createStore(initialState());
  const open = (id: string, word: string) => {
    store.dispatch({ type: 'tab/open', id, kind: 'search', title: `search: ${word}`, focus: true });
    for (let i = 0; i < 40; i++) store.dispatch({ type: 'line/append', tabId: id, kind: 'info', text: i === 0 ? `HEADER ${word}` : `${word} hit ${i}`, at: 1_000 });
  };
  const controller: UiController = { submit: () => undefined, answer: () => undefined, quit: vi.fn(), complete: () => undefined };
  const view = render(<App store={store} controller={controller} size={{ columns: 80, rows: 12 }} />);
  open('search:a', 'alpha');
  while (!view.lastFrame()?.includes('HEADER alpha')) await tick();
  view.stdin.write('\u001b[6~'); // PageDown: read on
  while (view.lastFrame()?.includes('HEADER alpha')) await tick();
  const body = (): string[] => (view.lastFrame() ?? '').split('\n').slice(1);
  const readTo = body();
  open('search:b', 'beta');
  while (!view.lastFrame()?.includes('HEADER beta')) await tick();
  view.stdin.write('\u001b2'); // Alt-2: back to the first results
  while (!view.lastFrame()?.includes('alpha hit')) await tick();
  expect(body()).toEqual(readTo);
  view.unmount();
});
