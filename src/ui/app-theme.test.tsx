import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { CONSOLE_TAB_ID } from '../domain/tab.js';
import { chatTabId } from '../domain/tab-address.js';
import { createStore } from '../store/create-store.js';
import { initialState } from '../store/state.js';
import { App } from './app.js';
import type { UiController } from './controller.js';
import { consistentColour } from './theme/consistent-colour.js';
import type { NickColours } from './theme/theme-context.js';
import type { ThemeOverrides } from './theme/theme.js';

// chalk (under Ink) decides at import whether to colour; the frames of this file must carry
// their colours, as on a truecolor terminal.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '3';
});

/** SGR foreground for a "#rrggbb" colour on a truecolor terminal. */
const fg = (hex: string): string => `\u001b[38;2;${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(';')}m`;

async function frameWith(view: ReturnType<typeof render>, text: string): Promise<string> {
  await vi.waitFor(() => expect(view.lastFrame()).toContain(text), { timeout: 5000 });
  return view.lastFrame() ?? '';
}

function setup(theme: ThemeOverrides | undefined, env: Record<string, string | undefined> = {}, nickColours?: NickColours) {
  const store = createStore(initialState());
  const controller: UiController = { submit: vi.fn(), answer: vi.fn(), quit: vi.fn(), complete: () => undefined };
  const say = (kind: 'info' | 'error' | 'command', text: string): void => store.dispatch({ type: 'line/append', tabId: CONSOLE_TAB_ID, kind, text });
  store.dispatch({ type: 'tab/open', id: chatTabId('bob@x'), kind: 'chat', title: 'bob@x', focus: true });
  const chat = (kind: 'incoming' | 'outgoing', from: string, text: string): void => store.dispatch({ type: 'line/append', tabId: chatTabId('bob@x'), kind, from, text });
  const view = render(<App store={store} controller={controller} size={{ columns: 80, rows: 20 }} {...(theme ? { theme } : {})} env={env} {...(nickColours === undefined ? {} : { nickColours })} />);
  return { store, view, say, chat };
}

const nick = (identifier: string): string => consistentColour(identifier, 3)!;

const OVERRIDES = { error: '#ff0001', command: '#f4f400', incoming: '#00ff02', outgoing: '#0000f3' } as const;

describe('ui.theme', () => {
  it("draws error and command lines in the config's colours", async () => {
    const { view, store, say } = setup(OVERRIDES);
    store.dispatch({ type: 'tab/focus', id: CONSOLE_TAB_ID });
    say('command', '/nosuch');
    say('error', 'Unknown command /nosuch');
    const frame = await frameWith(view, 'Unknown command /nosuch');
    expect(frame).toContain(`${fg(OVERRIDES.error)}Unknown command /nosuch`);
    expect(frame).toContain(`${fg(OVERRIDES.command)}/nosuch`);
    view.unmount();
  });

  it("draws incoming and outgoing messages in the config's colours", async () => {
    const { view, chat } = setup(OVERRIDES);
    chat('incoming', 'bob@x', 'hello there');
    chat('outgoing', 'me', 'hi bob');
    const frame = await frameWith(view, 'hi bob');
    // The sender's name in its XEP-0392 colour, the text in the config's.
    expect(frame).toContain(`${fg(nick('bob@x'))}bob@x${fg(OVERRIDES.incoming)}: hello there`);
    expect(frame).toContain(`${fg(OVERRIDES.outgoing)}me: hi bob`);
    view.unmount();
  });

  it('keeps the defaults without a theme (incoming text in the terminal colour), and no colour at all with NO_COLOR', async () => {
    const plain = setup(undefined);
    plain.chat('incoming', 'bob@x', 'hello there');
    const frame = await frameWith(plain.view, 'hello there');
    expect(frame).toContain(`${fg(nick('bob@x'))}bob@x\u001b[39m: hello there`); // the text with no colour of its own
    plain.view.unmount();

    const none = setup(OVERRIDES, { NO_COLOR: '1' });
    none.chat('incoming', 'bob@x', 'hello there');
    // eslint-disable-next-line no-control-regex
    expect(await frameWith(none.view, 'hello there')).not.toMatch(/\u001b\[(3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]/);
    none.view.unmount();
  });
});

describe('ui.nickColours (XEP-0392)', () => {
  const contacts = [
    { jid: 'juliet@capulet.lit', name: 'Juliet', presence: 'online' as const },
    { jid: 'romeo@montague.lit', name: 'Romeo', presence: 'away' as const },
    { jid: 'nurse@capulet.lit', name: 'Nurse', presence: 'offline' as const },
  ];

  it('colours contact names in the roster and senders in chat lines by JID, the same in both; offline and "me" keep the theme', async () => {
    const { view, store, chat } = setup(undefined);
    store.dispatch({ type: 'roster/set', account: 'a@x', contacts });
    chat('incoming', 'juliet@capulet.lit', 'wherefore');
    chat('incoming', 'romeo@montague.lit', '/me climbs');
    chat('outgoing', 'me', 'hush');
    const frame = await frameWith(view, 'hush');
    expect(nick('juliet@capulet.lit')).not.toBe(nick('romeo@montague.lit'));
    expect(frame).toContain(`${fg(nick('juliet@capulet.lit'))}Juliet`);
    expect(frame).toContain(`${fg(nick('romeo@montague.lit'))}Romeo`);
    expect(frame).toContain(`${fg(nick('juliet@capulet.lit'))}juliet@capulet.lit\u001b[39m: wherefore`);
    expect(frame).toContain(`* ${fg(nick('romeo@montague.lit'))}romeo@montague.lit`);
    expect(frame).toContain('\u001b[90m│  Nurse'); // offline: the theme's grey (info), the border's run goes on
    expect(frame).not.toContain(`${fg(nick('nurse@capulet.lit'))}Nurse`);
    expect(frame).toContain('\u001b[35mme: hush'); // one's own: the outgoing colour
    view.unmount();
  });

  it('are off with nickColours false and with NO_COLOR; "red-green" corrects the hue', async () => {
    for (const [env, setting] of [[{}, false], [{ NO_COLOR: '1' }, true]] as const) {
      const { view, store, chat } = setup(undefined, env, setting);
      store.dispatch({ type: 'roster/set', account: 'a@x', contacts });
      chat('incoming', 'juliet@capulet.lit', 'wherefore');
      const frame = await frameWith(view, 'wherefore');
      expect(frame).not.toContain('\u001b[38;2;');
      expect(frame).toContain('juliet@capulet.lit: wherefore');
      view.unmount();
    }
    const corrected = setup(undefined, {}, 'red-green');
    corrected.store.dispatch({ type: 'roster/set', account: 'a@x', contacts });
    // XEP-0392 §8: juliet with the red/green correction is rgb(0.742, 0.359, 0.000).
    expect(await frameWith(corrected.view, 'Juliet')).toContain(`${fg(consistentColour('juliet@capulet.lit', 3, 'red-green')!)}Juliet`);
    expect(consistentColour('juliet@capulet.lit', 3, 'red-green')).toBe('#bd5c00');
    corrected.view.unmount();
  });
});
