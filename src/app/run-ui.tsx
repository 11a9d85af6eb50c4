import { render } from 'ink';
import { createRegistry } from '../commands/builtin/index.js';
import type { ClientApi } from '../commands/types.js';
import type { ConfigStore } from '../config/load-config.js';
import { runPasswordCommand } from '../credentials/password-command.js';
import { CONSOLE_TAB_ID } from '../domain/tab.js';
import { createStore, type Store } from '../store/create-store.js';
import { initialState } from '../store/state.js';
import { App } from '../ui/app.js';
import type { MessageHistory } from '../history/message-history.js';
import { startAccount, type AccountRuntime } from './account-runtime.js';
import { createChatTabs, type ChatTabs } from './chat-tabs.js';
import type { OneRunAccount } from './cli.js';
import { createController } from './controller.js';
import { ExitCode } from './exit-codes.js';

const SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;

/** Opens the full-screen UI and resolves with the exit code when the user leaves. */
export async function runUi(config: ConfigStore, version: string, account?: OneRunAccount, history?: MessageHistory): Promise<number> {
  const ui = config.get('ui');
  const store = createStore(initialState({ rosterVisible: ui.rosterVisible, rosterWidth: ui.rosterWidth }));
  store.dispatch({
    type: 'line/append',
    tabId: CONSOLE_TAB_ID,
    kind: 'info',
    text: `natter ${version}. Type /help for the commands, /quit or Ctrl-C to leave.`,
  });

  let runtime: AccountRuntime | undefined;
  const api: ClientApi = {
    async sendMessage(to, body) {
      if (!runtime) throw new Error('no account is connected; start natter with --jid JID');
      await runtime.sendMessage(to, body);
    },
  };

  let quitting = false;
  const screen: { instance?: ReturnType<typeof render> } = {};
  const quit = (): void => {
    if (quitting) return;
    quitting = true;
    void (runtime?.stop() ?? Promise.resolve()).finally(() => screen.instance?.unmount());
  };
  // SSH drop (SIGHUP), kill (SIGTERM) and SIGINT (a Ctrl-C typed before raw mode is on) leave
  // as cleanly as /quit. Registered before the first frame and kept to the end, so a signal
  // never finds natter without a handler while the terminal is in the alternate screen.
  for (const signal of SIGNALS) process.on(signal, quit);
  const tabs = createChatTabs(store, history, () => account?.jid);
  const controller = createController(store, createRegistry(), api, tabs, quit);
  const instance = render(<App store={store} controller={controller} />, {
    alternateScreen: true,
    exitOnCtrlC: false,
    patchConsole: false,
    // Incremental rendering garbled the screen in PTY tests under load (rows written at the
    // wrong place after a burst of updates); full frames are cheap at this size.
    incrementalRendering: false,
  });
  screen.instance = instance;
  if (account) runtime = await connect(store, account, tabs, history);
  await instance.waitUntilExit();
  return ExitCode.ok;
}

async function connect(store: Store, account: OneRunAccount, tabs: ChatTabs, history?: MessageHistory): Promise<AccountRuntime | undefined> {
  const command = account.passwordCommand;
  const getPassword = command
    ? () => runPasswordCommand(command)
    : () => Promise.reject(new Error('no password source: pass --password-command for a one-run login'));
  try {
    return await startAccount(store, account, getPassword, tabs, history);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    store.dispatch({ type: 'line/append', tabId: CONSOLE_TAB_ID, kind: 'error', text: `${account.jid}: ${reason}` });
    return undefined;
  }
}
