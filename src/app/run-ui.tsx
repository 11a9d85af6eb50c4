import { render } from 'ink';
import { createRegistry } from '../commands/builtin/index.js';
import type { ConfigStore } from '../config/load-config.js';
import { CONSOLE_TAB_ID } from '../domain/tab.js';
import { createStore } from '../store/create-store.js';
import { initialState } from '../store/state.js';
import { App } from '../ui/app.js';
import { createController } from './controller.js';
import { ExitCode } from './exit-codes.js';

const SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;

/** Opens the full-screen UI and resolves with the exit code when the user leaves. */
export async function runUi(config: ConfigStore, version: string): Promise<number> {
  const ui = config.get('ui');
  const store = createStore(initialState({ rosterVisible: ui.rosterVisible, rosterWidth: ui.rosterWidth }));
  store.dispatch({
    type: 'line/append',
    tabId: CONSOLE_TAB_ID,
    kind: 'info',
    text: `natter ${version}. Type /help for the commands, /quit or Ctrl-C to leave.`,
  });

  let quitting = false;
  const quit = (): void => {
    if (quitting) return;
    quitting = true;
    instance.unmount();
  };
  const registry = createRegistry();
  const controller = createController(store, registry, quit);
  const instance = render(<App store={store} controller={controller} />, {
    alternateScreen: true,
    exitOnCtrlC: false,
    patchConsole: false,
    incrementalRendering: true,
  });
  // SSH drop (SIGHUP), kill (SIGTERM) and an external SIGINT leave as cleanly as /quit.
  for (const signal of SIGNALS) process.on(signal, quit);
  try {
    await instance.waitUntilExit();
  } finally {
    for (const signal of SIGNALS) process.off(signal, quit);
  }
  return ExitCode.ok;
}
