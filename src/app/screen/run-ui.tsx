import { trackChatFocus } from '../../client/chat-states/chat-focus.js';
import { colourDepthOf } from './colour-depth.js';
import { editInEditor } from './external-editor.js';
import { join } from 'node:path';
import { render } from 'ink';
import { parseServer } from '../../commands/builtin/account.js';
import { createRegistry } from '../../commands/builtin/index.js';
import type { ConfigStore } from '../../config/load-config.js';
import { systemKeychain } from '../../credentials/keychain.js';
import type { SecretStore } from '../../credentials/secret-store.js';
import { bareJid, isBareJid } from '../../domain/jid.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { CONSOLE_TAB_ID } from '../../domain/tab.js';
import type { MessageHistory } from '../../history/message-history.js';
import { createStore, type Store } from '../../store/create-store.js';
import { initialState } from '../../store/state.js';
import { App } from '../../ui/app.js';
import { ACTIONS } from '../../ui/input/keybindings.js';
import { createAccountManager, type AccountManager } from '../../client/account/account-manager.js';
import { settingsFromCli } from '../../client/account/account-settings.js';
import { createChatTabs } from '../../client/conversations/chat-tabs.js';
import { reportHistoryTrouble } from '../../client/conversations/history-trouble.js';
import type { OneRunAccount, Startup } from '../cli/cli.js';
import { createCommandRunner } from '../../client/runner/command-runner.js';
import { ExitCode } from '../cli/exit-codes.js';
import { createPrompter, type Prompter } from '../../client/account/prompter.js';
import { trackReading } from '../../client/conversations/read-markers.js';
import { createHooks, HOOK_TIMEOUT_MS } from './event-hooks.js';
import { attentionOf, notifier } from './notify.js';
import { controlSocketPath, startControlSocket, type ControlEvent } from './control-socket.js';
import { coalescedStdout } from '../../ui/render/coalesced-stdout.js';
import { exitCleanlyOnCrash } from './crash-exit.js';
import { watchKeyboard } from './auto-away.js';
import { startupCommands } from './startup-commands.js';
import { writeScreenCountsOnSignal } from './debug-counts.js';
import { watchTerminalFocus, type TerminalFocus } from './terminal-focus.js';

const SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;

export interface UiOptions {
  config: ConfigStore;
  version: string;
  history: MessageHistory;
  account?: OneRunAccount;
  keychain?: readonly SecretStore[];
  configDir: string;
  /** Where the control socket goes (natterPaths().controlDir). */
  controlDir: string;
  startup?: Startup;
}

/** Opens the full-screen UI and resolves with the exit code when the user leaves. */
export async function runUi(options: UiOptions): Promise<number> {
  const { config, history } = options;
  const ui = config.get('ui');
  // History is written before it is shown: a batch's transaction commits before any frame
  // shows what it holds (the screen draws the state of its last notification, which commits).
  const store = createStore(initialState({ rosterVisible: ui.rosterVisible, rosterWidth: ui.rosterWidth }), { beforeNotify: () => history.flush() });
  reportHistoryTrouble(history, store);
  const consoleInfo = (text: string): void => store.dispatch({ type: 'line/append', tabId: CONSOLE_TAB_ID, kind: 'info', text });
  consoleInfo(`natter ${options.version}. Type /help for the commands, Alt-H for the keys, /quit or Ctrl-C to leave.`);
  warnOfUnknownKeys(store, ui.keys);

  const prompter = createPrompter(store);
  const notify = notifier(ui.notify);
  // What leaves natter about a message (a hook, an event on the control socket, a terminal
  // notification with its text) is told after the message is in the history.
  const runHook = createHooks(config.get('hooks'), (kind, text) => store.dispatch({ type: 'line/append', tabId: CONSOLE_TAB_ID, kind, text }), HOOK_TIMEOUT_MS, () => history.flush());
  const holder: { manager?: AccountManager; publish?: (event: ControlEvent) => void; startup?: ReturnType<typeof startupCommands> } = {};
  const tabs = createChatTabs(store, history, () => holder.manager?.defaultJid());
  const manager = createAccountManager({
    config,
    store,
    tabs,
    history,
    prompter,
    keychain: options.keychain ?? systemKeychain(),
    onEvent: (event) => {
      holder.startup?.onEvent(event);
      holder.publish?.(event);
      runHook(event);
      const attention = attentionOf(event, store.getState().activeTabId);
      const signal = attention && notify(attention.conversation, attention.title, attention.body);
      if (signal) {
        history.flush();
        process.stdout.write(signal);
      }
    },
    ...(options.account ? { oneRun: settingsFromCli(options.account) } : {}),
  });
  holder.manager = manager;
  const reading = trackReading(store, history, tabs, () => manager.defaultJid());
  trackChatFocus(store, manager.api, tabs);
  for (const account of manager.api.accounts()) reading.restore(account.jid);

  let quitting = false;
  const screen: { instance?: ReturnType<typeof render>; focus?: TerminalFocus } = {};
  const quit = (): void => {
    if (quitting) return;
    quitting = true;
    void manager.stopAll().finally(() => screen.instance?.unmount());
  };
  // SSH drop (SIGHUP), kill (SIGTERM) and SIGINT (a Ctrl-C typed before raw mode is on) leave
  // as cleanly as /quit. Registered before the first frame and kept to the end, so a signal
  // never finds natter without a handler while the terminal is in the alternate screen.
  for (const signal of SIGNALS) process.on(signal, quit);
  keepRunningOnRejections(store);
  let stateAtKey = store.getState();
  const controller = watchKeyboard({
    ...createCommandRunner(store, createRegistry(), manager.api, tabs, prompter, quit),
    keyStarted(): void {
      stateAtKey = store.getState();
    },
    keyHandled(): void {
      // A keystroke's frame is drawn in this turn of the event loop: React commits it in a
      // microtask and Ink (its throttles are off in the bundle) writes it at once, before any
      // network data waiting behind the key is read. What the key changed in the store (a tab switch)
      // is announced for that frame; traffic waiting for its own frame is not, unless the key
      // changed the store too (its announcement commits the history first): a typed letter
      // stays cheap, and does not pay for the commit of traffic it does not show.
      if (store.getState() !== stateAtKey) store.flush();
    },
    editExternally(text: string): string | undefined {
      const result = editInEditor(text, { stdin: process.stdin, stdout: process.stdout });
      screen.instance?.clear(); // the screen was the editor's: the next frame is drawn whole
      screen.focus?.resume();
      if (result.ok) return result.text;
      store.dispatch({ type: 'line/append', tabId: store.getState().activeTabId, kind: 'error', text: sanitizeLine(result.reason) });
      return undefined;
    },
  }, config.get('presence'), manager);
  const startup = (holder.startup = startupCommands({ store, controller, defaultJid: () => manager.defaultJid(), startupFile: join(options.configDir, 'startup'), startup: options.startup }));
  const colours = { nickColours: ui.nickColours, colourDepth: colourDepthOf() };
  const instance = render(<App store={store} controller={controller} keys={ui.keys} theme={ui.theme} {...colours} />, {
    // One write per frame instead of three (coalesced-stdout.ts).
    stdout: coalescedStdout(process.stdout) as unknown as NodeJS.WriteStream,
    // main() opened the screen only on a terminal: a CI variable in the person's environment
    // (Ink reads it as "no terminal" and paints only the last frame) must not blank it.
    interactive: true,
    alternateScreen: true,
    exitOnCtrlC: false,
    patchConsole: false,
    // Only the rows that changed are written, each at its absolute place (natter's own
    // log-update, src/ui/render/screen-update.ts; Ink's relative-cursor one drifted under load).
    incrementalRendering: true,
    // The store already holds traffic to 20 frames a second (create-store.ts); Ink's own
    // throttles only delayed keystrokes, and the bundle switches them off (scripts/bundle.mjs).
    // Where Ink runs unbundled, 1000 is its floor: 1 ms between two frames.
    maxFps: 1000,
  });
  screen.instance = instance;
  // Focus reporting while the screen is up: Client State Indication (XEP-0352) follows it.
  screen.focus = watchTerminalFocus(ui.focusReporting, process.stdout, (state) => manager.clientState(state));
  exitCleanlyOnCrash({ flush: () => history.flush(), unmount: () => instance.unmount() });
  writeScreenCountsOnSignal(store);
  const control = await startControlSocket(controlSocketPath(options.controlDir), (line) => controller.run(line)).catch((error: unknown) => {
    consoleInfo(`control socket off: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  holder.publish = control && ((event) => {
    if (control.listening()) history.flush();
    control.publish(event);
  });
  if (manager.hasAccounts()) {
    manager.startAll();
    void startup.afterFirstLogin();
  } else void firstRun(store, prompter, manager);
  await instance.waitUntilExit();
  screen.focus.stop();
  await control?.close();
  return ExitCode.ok;
}

/**
 * A library promise nobody awaits (xmpp.js middleware) must not take the screen down with it:
 * say what happened in the console tab and keep running.
 */
function keepRunningOnRejections(store: Store): void {
  process.on('unhandledRejection', (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    store.dispatch({ type: 'line/append', tabId: CONSOLE_TAB_ID, kind: 'error', text: `internal error (natter kept running): ${sanitizeLine(reason)}` });
  });
}

/** ui.keys naming an action natter does not have: said in the console, the rest of the keys work. */
function warnOfUnknownKeys(store: Store, keys: Record<string, unknown>): void {
  const unknownKeys = Object.keys(keys).filter((action) => !ACTIONS.has(action));
  if (unknownKeys.length === 0) return;
  store.dispatch({ type: 'line/append', tabId: CONSOLE_TAB_ID, kind: 'error', text: `ui.keys in the config names unknown actions: ${unknownKeys.join(', ')}. Alt-H lists the actions; their defaults stay.` });
}

/** No account yet: ask for one on the command line, then its password (with a save offer). */
async function firstRun(store: Store, prompter: Prompter, manager: AccountManager): Promise<void> {
  const say = (kind: 'info' | 'error', text: string): void => store.dispatch({ type: 'line/append', tabId: CONSOLE_TAB_ID, kind, text });
  say('info', [
    'Welcome to natter. No account is set up yet.',
    'Type your JID (name@server) below and press Enter, then the server address if it is not',
    'found from the JID; natter then asks for the password and offers to keep it in the keychain.',
    'Escape skips this; /account add JID [HOST[:PORT]] does it later.',
  ].join('\n'));
  for (;;) {
    const jid = (await prompter.ask('Your JID:'))?.trim();
    if (!jid) return;
    const wrong = notAJid(jid);
    if (wrong) {
      say('error', wrong);
      continue;
    }
    const server = (await prompter.ask('Server address, HOST or HOST:PORT (Enter: found from the JID):'))?.trim();
    if (server === undefined) return;
    const options = server === '' ? {} : parseServer(server);
    if (typeof options === 'string') {
      say('error', `${options}; try again.`);
      continue;
    }
    try {
      say('info', await manager.api.addAccount(jid, options));
      return;
    } catch (error) {
      say('error', error instanceof Error ? error.message : String(error));
    }
  }
}

/**
 * What is wrong with an answer to "Your JID:", said at once (before the next question) with
 * what to type instead; undefined for a JID. A command is not run here: the prompt takes a JID.
 */
function notAJid(written: string): string | undefined {
  const retry = 'Type your JID as name@server (e.g. alice@example.org) and press Enter, or Escape to skip this and use commands.';
  if (written.startsWith('/')) return `natter is asking for your JID, not a command: ${retry} /help works once this is done or skipped.`;
  if (written.includes('/') || !isBareJid(bareJid(written))) return `"${sanitizeLine(written)}" is not a JID. ${retry}`;
  return undefined;
}
