import { describe, expect, it, vi } from 'vitest';
import { createStore } from '../../store/create-store.js';
import { initialState } from '../../store/state.js';
import type { CommandLine } from '../hooks/use-command-line.js';
import { emptyLine } from '../input/line-editor.js';
import { defaultKeyBindings } from '../input/keybindings.js';
import { screenLayout } from '../layout/screen-layout.js';
import type { KeyContext } from './key-context.js';
import { KEY_TABLE, runKeyAction } from './key-table.js';

function context(options: { helpOpen?: boolean; asking?: boolean; searching?: string } = {}) {
  const store = createStore(initialState());
  if (options.asking) store.dispatch({ type: 'prompt/set', prompt: { label: 'Password:', masked: true } });
  const commandLine: CommandLine = {
    line: emptyLine(),
    current: () => emptyLine(),
    dispatch: vi.fn(),
    take: vi.fn(() => ''),
    setText: vi.fn(),
    searching: () => options.searching,
  };
  const controller = { submit: vi.fn(), answer: vi.fn(), quit: vi.fn(), complete: vi.fn(() => undefined) };
  const setHelpOpen = vi.fn();
  const keys: KeyContext = {
    store, controller, commandLine, tabs: store.getState().tabs, activeTabId: store.getState().activeTabId,
    layout: screenLayout(80, 20, { visible: true, width: 24 }),
    scroll: { offset: 0, anchor: undefined, current: () => 0, anchorOf: () => undefined, set: vi.fn() },
    pane: { room: undefined, rows: [], unread: undefined, filter: '', showStatus: false, offset: 0, setOffset: vi.fn(), selected: undefined, select: vi.fn() },
    helpOpen: options.helpOpen ?? false, setHelpOpen, redraw: vi.fn(),
  };
  return { keys, controller, commandLine, setHelpOpen };
}

describe('the key table', () => {
  it('has one handler for each action of the keybinding table', () => {
    expect(Object.keys(KEY_TABLE).sort()).toEqual(defaultKeyBindings.map((b) => b.action).sort());
  });

  it('gives Escape to the help overlay first, then a history search, then the question; with none it is not taken', () => {
    const all = context({ helpOpen: true, asking: true, searching: 'ro' });
    expect(runKeyAction('prompt.cancel', all.keys)).toBe(true);
    expect(all.setHelpOpen).toHaveBeenCalledOnce();
    expect(all.commandLine.dispatch).not.toHaveBeenCalled();
    expect(all.controller.answer).not.toHaveBeenCalled();

    const search = context({ asking: true, searching: 'ro' });
    runKeyAction('prompt.cancel', search.keys);
    expect(search.commandLine.dispatch).toHaveBeenCalledWith({ type: 'search-cancel' });
    expect(search.controller.answer).not.toHaveBeenCalled();

    const question = context({ asking: true });
    runKeyAction('prompt.cancel', question.keys);
    expect(question.controller.answer).toHaveBeenCalledWith(undefined);

    expect(runKeyAction('prompt.cancel', context().keys)).toBe(false);
  });

  it('answers a question on Enter instead of sending the line, and keeps completion and history out of it', () => {
    const { keys, controller, commandLine } = context({ asking: true });
    runKeyAction('line.submit', keys);
    expect(commandLine.take).toHaveBeenCalledWith(false);
    expect(controller.answer).toHaveBeenCalledOnce();
    expect(controller.submit).not.toHaveBeenCalled();
    for (const action of ['line.complete', 'line.history-previous', 'line.history-next'] as const) expect(runKeyAction(action, keys)).toBe(true);
    expect(controller.complete).not.toHaveBeenCalled();
    expect(commandLine.dispatch).not.toHaveBeenCalled();
  });
});
