import { render } from 'ink-testing-library';
import { expect, it, vi } from 'vitest';
import { roomTabId } from '../domain/tab-address.js';
import { createStore } from '../store/create-store.js';
import { initialState } from '../store/state.js';
import { App } from './app.js';
import type { UiController } from './controller.js';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));
const controller: UiController = { submit: () => undefined, answer: () => undefined, quit: vi.fn(), complete: () => undefined };

it('draws the "new messages" rule right above the first unread message, whatever came between the unread ones', async () => {
  const store = createStore(initialState());
  const room = roomTabId('ops@rooms.x');
  store.dispatch({ type: 'tab/open', id: room, kind: 'room', title: 'ops@rooms.x', focus: false });
  const say = (kind: 'incoming' | 'outgoing' | 'info', text: string, fromHistory = false) =>
    store.dispatch({ type: 'line/append', tabId: room, kind, text, ...(kind === 'info' ? {} : { from: kind === 'incoming' ? 'bob' : 'me' }), ...(fromHistory ? { fromHistory } : {}) });
  say('incoming', 'read before', true);
  say('outgoing', 'my answer, read', true);
  // While the console is in front: bob writes (long lines that wrap), alice answers from her
  // phone (her own messages are not unread), people come and go.
  say('incoming', `FIRST-UNREAD ${'a long line that wraps over several rows of the pane '.repeat(3)}`);
  say('outgoing', 'sent from my phone');
  say('info', 'carol joined the room');
  say('info', 'dave left the room');
  say('incoming', `second unread ${'and it wraps too '.repeat(8)}`);
  say('outgoing', 'another one from the phone');
  say('incoming', 'third unread');
  expect(store.getState().tabs[1]?.unread).toBe(3);
  store.dispatch({ type: 'tab/focus', id: room });

  const view = render(<App store={store} controller={controller} size={{ columns: 80, rows: 30 }} />);
  while (!view.lastFrame()?.includes('third unread')) await tick();
  const rows = (view.lastFrame() ?? '').split('\n');
  const rule = rows.findIndex((row) => row.includes('── new messages'));
  expect(rule, view.lastFrame()).toBeGreaterThan(0);
  expect(rows[rule + 1]).toContain('bob: FIRST-UNREAD');
  expect(rows[rule - 1]).toContain('me: my answer, read');
  expect(rows.filter((row) => row.includes('new messages'))).toHaveLength(1);
  view.unmount();
});
