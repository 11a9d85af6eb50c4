import { createRegistry } from '../../commands/builtin/index.js';
import type { ConfigStore } from '../../config/load-config.js';
import type { SecretStore } from '../../credentials/secret-store.js';
import { sanitizeText } from '../../domain/sanitize.js';
import { CONSOLE_TAB_ID } from '../../domain/tab.js';
import type { MessageHistory } from '../../history/message-history.js';
import { createStore } from '../../store/create-store.js';
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
  // Connection problems land in the console tab of the screen; here they go to stderr.
  let shown = 0;
  store.subscribe(() => {
    const console = store.getState().lines[CONSOLE_TAB_ID] ?? [];
    for (const line of console.slice(shown)) if (line.kind === 'error') io.err.write(`natter: ${sanitizeText(line.text)}\n`);
    shown = console.length;
  });
  const controller = createCommandRunner(store, createRegistry(), manager.api, tabs, prompter, () => undefined);
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
