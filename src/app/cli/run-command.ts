import { createRegistry } from '../../commands/builtin/index.js';
import type { ConfigStore } from '../../config/load-config.js';
import type { SecretStore } from '../../credentials/secret-store.js';
import { sanitizeText } from '../../domain/sanitize.js';
import { CONSOLE_TAB_ID } from '../../domain/tab.js';
import type { MessageHistory } from '../../history/message-history.js';
import { createStore, type Store } from '../../store/create-store.js';
import { initialState } from '../../store/state.js';
import { createAccountManager } from '../../client/account/account-manager.js';
import { settingsFromCli } from '../../client/account/account-settings.js';
import { createChatTabs } from '../../client/conversations/chat-tabs.js';
import type { OneRunAccount } from './cli.js';
import { createCommandRunner } from '../../client/runner/command-runner.js';
import { ExitCode } from './exit-codes.js';
import { createPrompter } from '../../client/account/prompter.js';
import { settled } from '../../client/account/settled.js';

/** How long `natter run` waits for the server to take what the commands sent. */
const OUTBOX_WAIT_MS = 15_000;

/**
 * `natter run '/cmd' ...`: the same commands as in the chat screen, without it. Logs in (the
 * --jid account or the saved ones; nobody is asked anything), runs each command in order,
 * prints its result on stdout (errors on stderr), stops at the first failure (exit 1), and
 * waits until what the commands sent has been acknowledged before logging out.
 */
export async function runCommands(
  lines: readonly string[],
  options: { config: ConfigStore; history: MessageHistory; keychain: readonly SecretStore[]; account?: OneRunAccount },
  io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream } = { out: process.stdout, err: process.stderr },
): Promise<number> {
  const store = createStore(initialState());
  const prompter = createPrompter(store, { interactive: false });
  const holder: { defaultJid?: () => string | undefined } = {};
  const tabs = createChatTabs(store, options.history, () => holder.defaultJid?.());
  const manager = createAccountManager({
    config: options.config,
    store,
    tabs,
    history: options.history,
    keychain: options.keychain,
    prompter,
    ...(options.account ? { oneRun: settingsFromCli(options.account) } : {}),
  });
  holder.defaultJid = manager.defaultJid;
  // Connection problems land in the console tab of the screen; here they go to stderr. A
  // command's own error is printed with its result below, and not a second time from here.
  const mirror = consoleErrorsTo(store, io.err);
  const controller = createCommandRunner(store, createRegistry(), manager.api, tabs, prompter, () => undefined, { headless: true });
  const jid = manager.defaultJid();
  let code: number = ExitCode.ok;
  try {
    if (jid) {
      manager.startAll();
      await settled(store, jid);
    }
    for (const line of lines) {
      const result = await controller.run(line);
      if (!result.ok) {
        mirror.printedAlready(result.error);
        io.err.write(`natter: ${sanitizeText(result.error)}\n`);
        code = ExitCode.failure;
        break;
      }
      if (result.text) io.out.write(`${sanitizeText(result.text)}\n`);
    }
    if (jid) await outboxEmpty(options.history, jid);
  } finally {
    await manager.stopAll();
  }
  const pending = jid ? options.history.outbox(jid).length : 0;
  if (pending > 0) {
    io.err.write(`natter: ${pending} message(s) not acknowledged yet; they stay in the outbox and go out at the next login.\n`);
    return ExitCode.network;
  }
  return code;
}

/**
 * Writes each error line of the console tab to `err`, once per turn of the event loop (the
 * store's subscribe). `printedAlready` names an error a command just said there (its result,
 * which the caller prints itself): that line is skipped. It is the console's newest line when
 * the command's promise settles, before the next turn shows it here.
 */
function consoleErrorsTo(store: Store, err: NodeJS.WritableStream) {
  let lastShownId = -1;
  const skipped = new Set<number>();
  store.subscribe(() => {
    for (const line of store.getState().lines[CONSOLE_TAB_ID] ?? []) {
      if (line.id <= lastShownId) continue;
      lastShownId = line.id;
      if (line.kind === 'error' && !skipped.delete(line.id)) err.write(`natter: ${sanitizeText(line.text)}\n`);
    }
  });
  return {
    printedAlready(error: string): void {
      const newest = store.getState().lines[CONSOLE_TAB_ID]?.at(-1);
      if (newest && newest.id > lastShownId && newest.kind === 'error' && newest.text === sanitizeText(error)) skipped.add(newest.id);
    },
  };
}

function outboxEmpty(history: MessageHistory, jid: string): Promise<void> {
  const deadline = Date.now() + OUTBOX_WAIT_MS;
  return new Promise((resolve) => {
    const check = (): void => {
      if (history.outbox(jid).length === 0 || Date.now() > deadline) resolve();
      else setTimeout(check, 50);
    };
    check();
  });
}
