import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { CONSOLE_TAB_ID } from '../domain/tab.js';
import { chatTabId } from '../domain/tab-address.js';
import { createStore } from '../store/create-store.js';
import { initialState } from '../store/state.js';
import { defaultKeyBindings } from './input/keybindings.js';
import { App } from './app.js';
import type { UiController } from './controller.js';

async function waitForFrame(frame: () => string | undefined, predicate: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const text = frame() ?? '';
    if (predicate(text)) return text;
    if (Date.now() > deadline) throw new Error(`frame never matched:\n${text}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function setup(size = { columns: 80, rows: 20 }, keys?: Record<string, string[]>) {
  const store = createStore(initialState());
  const submitted: string[] = [];
  const answers: (string | undefined)[] = [];
  const controller: UiController = {
    submit: (line) => submitted.push(line),
    answer: (text) => {
      answers.push(text);
      store.dispatch({ type: 'prompt/set', prompt: undefined });
    },
    quit: vi.fn(),
    complete: (line, cursor) => (line === '/jo' && cursor === 3 ? { text: '/join ', cursor: 6 } : undefined),
  };
  const view = render(<App store={store} controller={controller} size={size} {...(keys ? { keys } : {})} />);
  return { store, controller, submitted, answers, view };
}

describe('<App>', () => {
  it('draws the roster pane, the tab bar, the status line and the prompt within the size', async () => {
    const { view } = setup();
    const frame = await waitForFrame(view.lastFrame, (t) => t.includes('1:console'));
    const rows = frame.split('\n');
    expect(rows).toHaveLength(20);
    expect(rows[1]).toContain('Roster');
    expect(rows[18]).toContain('natter | no account | console');
    expect(rows[19]).toMatch(/^>/); // trailing spaces are trimmed by ink-testing-library
    view.unmount();
  });

  it('keeps the active tab in the tab bar among 60 tabs, with how many are left out on each side', async () => {
    const { view, store } = setup({ columns: 100, rows: 20 });
    for (let n = 2; n <= 60; n++) store.dispatch({ type: 'tab/open', id: chatTabId(`peer${n}@example.org`), kind: 'chat', title: `peer${n}@example.org`, focus: false });
    store.dispatch({ type: 'tab/unread', id: chatTabId('peer58@example.org'), unread: 3 });
    store.dispatch({ type: 'tab/focus', id: chatTabId('peer45@example.org') });
    const frame = await waitForFrame(view.lastFrame, (t) => t.includes('[45:peer45@example.org]'));
    const bar = frame.split('\n')[0]!;
    expect(bar).toMatch(/^│?.*‹\d+ .*\[45:peer45@example\.org\].* \d+›/u);
    const [, before, after] = /‹(\d+) .* (\d+)›/u.exec(bar)!;
    expect(Number(before) + [...bar.matchAll(/\[\d+:/g)].length + Number(after)).toBe(60);
    view.unmount();
  });

  it('submits the typed line on Enter, even when it arrives in one chunk with the text', async () => {
    const { view, submitted } = setup();
    view.stdin.write('/help');
    view.stdin.write('\r');
    view.stdin.write('/quit\r');
    await waitForFrame(() => String(submitted.length), (n) => n === '2');
    expect(submitted).toEqual(['/help', '/quit']);
    view.unmount();
  });

  it('shows console lines and switches tabs with Alt-digit', async () => {
    const { view, store } = setup();
    store.dispatch({ type: 'line/append', tabId: CONSOLE_TAB_ID, kind: 'info', text: 'hello there' });
    store.dispatch({ type: 'tab/open', id: chatTabId('bob'), kind: 'chat', title: 'bob', focus: false });
    await waitForFrame(view.lastFrame, (t) => t.includes('hello there') && t.includes('2:bob'));
    view.stdin.write('\u001b2');
    await waitForFrame(() => store.getState().activeTabId, (id) => id === chatTabId('bob'));
    view.unmount();
  });

  it('hides and shows the roster with Alt-T and resizes it with Alt-- and Alt-=, within bounds', async () => {
    const { view, store } = setup();
    await waitForFrame(view.lastFrame, (t) => t.includes('Roster'));
    view.stdin.write('\u001bt');
    await waitForFrame(view.lastFrame, (t) => !t.includes('Roster'));
    view.stdin.write('\u001bt');
    await waitForFrame(view.lastFrame, (t) => t.includes('Roster'));
    const width = store.getState().rosterWidth;
    view.stdin.write('\u001b=');
    await waitForFrame(() => String(store.getState().rosterWidth), (w) => w === String(width + 2));
    for (let i = 0; i < 40; i++) view.stdin.write('\u001b-');
    await waitForFrame(() => String(store.getState().rosterWidth), (w) => w === '12');
    view.unmount();
  });

  it('completes the line on Tab through the controller', async () => {
    const { view, submitted } = setup();
    view.stdin.write('/jo');
    await waitForFrame(view.lastFrame, (t) => t.includes('> /jo'));
    view.stdin.write('\t');
    await waitForFrame(view.lastFrame, (t) => t.includes('> /join'));
    view.stdin.write('room\r');
    await waitForFrame(() => submitted.join(), (t) => t === '/join room');
    view.unmount();
  });

  it('quits through the controller on Ctrl-C', async () => {
    const { view, controller } = setup();
    view.stdin.write('\u0003');
    await waitForFrame(() => String(vi.mocked(controller.quit).mock.calls.length), (n) => n === '1');
    view.unmount();
  });

  it('says so when the terminal is smaller than 40x12', async () => {
    const { view } = setup({ columns: 30, rows: 10 });
    await waitForFrame(view.lastFrame, (t) => t.includes('Terminal too small (30x10)'));
    view.unmount();
  });

  it('asks a masked question: the answer is never shown, never in the line history, Escape cancels', async () => {
    const { view, store, answers, submitted } = setup();
    store.dispatch({ type: 'prompt/set', prompt: { label: 'Password for a@b:', masked: true } });
    await waitForFrame(view.lastFrame, (t) => t.includes('Password for a@b:'));
    view.stdin.write('s3cret');
    const frame = await waitForFrame(view.lastFrame, (t) => t.includes('******'));
    expect(frame).not.toContain('s3cret');
    view.stdin.write('\r');
    await waitForFrame(() => answers.join(), (t) => t === 's3cret');
    expect(submitted).toEqual([]);
    view.stdin.write('\u001b[A'); // Up: the history must not hold the password
    await waitForFrame(view.lastFrame, (t) => /^>\s*$/m.test(t.split('\n').at(-1) ?? 'x'));
    store.dispatch({ type: 'prompt/set', prompt: { label: 'Save? (yes/no)', masked: false } });
    await waitForFrame(view.lastFrame, (t) => t.includes('Save? (yes/no)'));
    view.stdin.write('\u001b');
    await waitForFrame(() => String(answers.length), (n) => n === '2');
    expect(answers[1]).toBeUndefined();
    view.unmount();
  });

  it('opens a help overlay with every key on Alt-H and closes it with Escape', async () => {
    const { view } = setup({ columns: 100, rows: 60 });
    await waitForFrame(view.lastFrame, (t) => t.includes('1:console'));
    view.stdin.write('\u001bh');
    const frame = await waitForFrame(view.lastFrame, (t) => t.includes('Keys (Alt-H or Escape closes this'));
    expect(frame).toMatch(/ctrl\+c +Quit natter/);
    expect(frame).toMatch(/alt\+pageup +Scroll the roster up a page/);
    view.stdin.write('\u001b');
    await waitForFrame(view.lastFrame, (t) => !t.includes('Keys (Alt-H'));
    view.unmount();
  });

  it('shows every key of the registry in the Alt-H list at 160x45, in columns, with what it does', async () => {
    const { view } = setup({ columns: 160, rows: 45 });
    await waitForFrame(view.lastFrame, (t) => t.includes('1:console'));
    view.stdin.write('\u001bh');
    const frame = await waitForFrame(view.lastFrame, (t) => t.includes('Keys (Alt-H or Escape closes this'));
    const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const binding of defaultKeyBindings) {
      const start = binding.help.split(' ').slice(0, 2).join(' ');
      expect(frame, `${binding.action}:\n${frame}`).toMatch(new RegExp(`(^|[│ ])${escape(binding.keys.join(', '))} +${escape(start)}`, 'm'));
    }
    expect(frame).not.toContain('more (make the terminal');
    view.unmount();
  });

  it('takes the user\'s keys from the config in place of the defaults', async () => {
    const { view, store } = setup({ columns: 80, rows: 20 }, { 'tab.next': ['alt+j'] });
    store.dispatch({ type: 'tab/open', id: chatTabId('bob'), kind: 'chat', title: 'bob', focus: false });
    await waitForFrame(view.lastFrame, (t) => t.includes('2:bob'));
    view.stdin.write('\u001bj');
    await waitForFrame(() => store.getState().activeTabId, (id) => id === chatTabId('bob'));
    view.unmount();
  });

  it('jumps to the next tab with unread messages on Alt-A', async () => {
    const { view, store } = setup();
    for (const peer of ['a', 'b', 'c']) store.dispatch({ type: 'tab/open', id: chatTabId(peer), kind: 'chat', title: peer, focus: false });
    store.dispatch({ type: 'line/append', tabId: chatTabId('c'), kind: 'incoming', text: 'hi' });
    await waitForFrame(view.lastFrame, (t) => t.includes('4:c (1)'));
    view.stdin.write('\u001ba');
    await waitForFrame(() => store.getState().activeTabId, (id) => id === chatTabId('c'));
    view.unmount();
  });

  it('keeps a line history per tab', async () => {
    const { view, store, submitted } = setup();
    store.dispatch({ type: 'tab/open', id: chatTabId('b'), kind: 'chat', title: 'b', focus: false });
    await waitForFrame(view.lastFrame, (t) => t.includes('2:b'));
    view.stdin.write('/in console\r');
    await waitForFrame(() => submitted.join(), (t) => t === '/in console');
    view.stdin.write('\u001b2');
    await waitForFrame(() => store.getState().activeTabId, (id) => id === chatTabId('b'));
    view.stdin.write('in the chat\r');
    await waitForFrame(() => String(submitted.length), (n) => n === '2');
    view.stdin.write('\u001b[A');
    await waitForFrame(view.lastFrame, (t) => t.includes('> in the chat'));
    view.stdin.write('\u001b[A'); // nothing older in this tab
    view.stdin.write('\u001b1');
    await waitForFrame(() => store.getState().activeTabId, (id) => id === 'console');
    view.stdin.write('\u0015\u001b[A');
    await waitForFrame(view.lastFrame, (t) => t.includes('> /in console'));
    view.unmount();
  });

  it('searches the line history with Ctrl-R, shown on the command line', async () => {
    const { view, submitted } = setup();
    view.stdin.write('/roster hide\r');
    view.stdin.write('/help\r');
    await waitForFrame(() => String(submitted.length), (n) => n === '2');
    view.stdin.write('\u0012');
    view.stdin.write('ros');
    await waitForFrame(view.lastFrame, (t) => t.includes('(history search: ros) /roster hide'));
    view.stdin.write('\r');
    await waitForFrame(view.lastFrame, (t) => t.includes('> /roster hide'));
    expect(submitted).toHaveLength(2); // Enter kept the match on the line, it did not send it
    view.unmount();
  });
});
