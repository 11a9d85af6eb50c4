import { expandAliases } from '../../commands/alias.js';
import type { CommandRegistry } from '../../commands/registry.js';
import { redactSecrets, type RedactedLine } from '../../commands/redact.js';
import { fail, type ClientApi, type CommandContext, type CommandResult } from '../../commands/types.js';
import { parseTabId } from '../../domain/tab-address.js';
import type { Store } from '../../store/create-store.js';
import type { ChatTabs } from '../conversations/chat-tabs.js';
import type { Prompter } from '../account/prompter.js';
import { resultApplier } from './apply-result.js';
import { commandFileRunner } from './command-files.js';
import { lineCompleter } from './complete-line.js';
import { commandWriter, consoleWriter } from './console-lines.js';
import { olderLinesLoader } from './older-lines.js';
import { isCommandLine, lineSubmitter } from './submit-line.js';

/**
 * What a person (or a script) does with the command line: submit a line (a /command or a
 * message for the active tab), answer a prompt, complete with Tab, read older lines, type.
 * The screen's controller is this plus its own keys (app/screen/run-ui.tsx); scripts, --cmd
 * and `natter ctl` use run and runFile.
 */
export interface CommandRunner {
  submit(line: string): void;
  answer(text: string | undefined): void;
  loadOlder(tabId: string): boolean;
  typing(line: string): void;
  quit(): void;
  complete(line: string, cursor: number): { text: string; cursor: number } | undefined;
  run(line: string): Promise<CommandResult>;
  runFile(path: string): Promise<CommandResult>;
  withoutSecrets(line: string): RedactedLine;
}

/**
 * Turns what the user typed into commands and messages, and command results into store
 * updates. Commands return results and intents; this is where intents take effect
 * (apply-result.ts). The parts: submit-line (Enter), complete-line (Tab), older-lines
 * (scrolling back), command-files (/source and scripts).
 */
export function createCommandRunner(
  store: Store,
  registry: CommandRegistry,
  api: ClientApi,
  tabs: ChatTabs,
  prompter: Prompter,
  onQuit: () => void,
  /** `natter run`: no screen shows a tab (see CommandContext.headless). */
  options: { headless?: boolean } = {},
): CommandRunner {
  const say = consoleWriter(store);
  const apply = resultApplier(store, tabs, onQuit);
  const withoutSecrets = (line: string): RedactedLine => redactSecrets(line, registry, api.aliases());
  /** Runs a command line; its lines go to the tab `origin` it was typed in, else the console. */
  const execute = async (line: string, origin?: string): Promise<CommandResult> => {
    // Typed, from a script, --cmd or natter ctl: a password is never echoed.
    const write = commandWriter(store, origin, withoutSecrets(line).shown);
    const expanded = expandAliases(line, api.aliases(), (name) => registry.find(name) !== undefined);
    const result = expanded.ok ? await registry.execute(contextIn(origin), expanded.line) : fail(expanded.error);
    apply(result, write);
    return result;
  };
  const runFile = commandFileRunner(execute);
  const ctx: CommandContext = { state: () => store.getState(), registry, api, runFile: (path, fileOptions) => runFile(path, fileOptions), ...(options.headless ? { headless: true } : {}) };
  const contextIn = (origin: string | undefined): CommandContext => ({ ...ctx, runFile: (path, fileOptions) => runFile(path, fileOptions, origin) });
  const submitNow = lineSubmitter(store, api, tabs, execute);
  let pending: Promise<unknown> = Promise.resolve();
  return {
    submit(line) {
      // Lines run one after another: a line typed while a command is still running (fast
      // typing, a slow link) waits for it and its effects (/close, then /msg, then /me).
      pending = pending.then(() => submitNow(line)).catch(() => undefined);
    },
    quit: onQuit,
    loadOlder: olderLinesLoader(api, tabs, say),
    typing(line) {
      const state = store.getState();
      const tab = state.tabs.find((t) => t.id === state.activeTabId);
      const peer = tab && parseTabId(tab.id, 'chat')?.peer;
      if (!tab || !peer) return;
      // Commands are not messages: a line that starts with / says nothing to the peer.
      const text = isCommandLine(line) ? '' : line;
      api.typing(peer, text.trim() !== '', tabs.accountOf(tab.id));
    },
    run: execute,
    withoutSecrets,
    runFile: (path: string) => runFile(path, { keepGoing: false }),
    answer: (text) => prompter.answer(text),
    complete: lineCompleter(store, registry, ctx),
  };
}
