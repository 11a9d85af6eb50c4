import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { expandAliases } from '../../commands/alias.js';
import { candidatesLine, completeLine, completeName } from '../../commands/complete.js';
import type { CommandRegistry } from '../../commands/registry.js';
import { redactSecrets, type RedactedLine } from '../../commands/redact.js';
import { MAX_SCRIPT_DEPTH, runScript } from '../../commands/script.js';
import { fail, type ClientApi, type CommandContext, type CommandResult, type Intent } from '../../commands/types.js';
import { CONSOLE_TAB_ID } from '../../domain/tab.js';
import { parseTabId } from '../../domain/tab-address.js';
import type { Store } from '../../store/create-store.js';
import type { ChatTabs } from '../conversations/chat-tabs.js';
import type { Prompter } from '../account/prompter.js';
import { createSearchTab } from '../conversations/search-tab.js';

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
 * updates. Commands return results and intents; this is where intents take effect.
 */
export function createCommandRunner(
  store: Store,
  registry: CommandRegistry,
  api: ClientApi,
  tabs: ChatTabs,
  prompter: Prompter,
  onQuit: () => void,
): CommandRunner {
  const search = createSearchTab(store, tabs);
  let depth = 0;
  const withoutSecrets = (line: string): RedactedLine => redactSecrets(line, registry, api.aliases());
  const execute = async (line: string): Promise<CommandResult> => {
    // Typed, from a script, --cmd or natter ctl: a password is never echoed.
    console('command', withoutSecrets(line).shown);
    const expanded = expandAliases(line, api.aliases(), (name) => registry.find(name) !== undefined);
    const result = expanded.ok ? await registry.execute(ctx, expanded.line) : fail(expanded.error);
    apply(result);
    return result;
  };
  const ctx: CommandContext = {
    state: () => store.getState(),
    registry,
    api,
    async runFile(path, options) {
      if (depth >= MAX_SCRIPT_DEPTH) return fail(`${path}: command files nested ${MAX_SCRIPT_DEPTH} deep; does one source itself?`);
      let text: string;
      try {
        text = await readFile(path.replace(/^~(?=\/|$)/, homedir()), 'utf8');
      } catch (error) {
        return fail(`can not read the command file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
      depth++;
      try {
        return await runScript(text, path, execute, options);
      } finally {
        depth--;
      }
    },
  };
  const console = (kind: 'info' | 'error' | 'command', text: string): void =>
    store.dispatch({ type: 'line/append', tabId: CONSOLE_TAB_ID, kind, text });

  const apply = (result: CommandResult): void => {
    if (!result.ok) {
      console('error', result.error);
      return;
    }
    if (result.text) console('info', result.text);
    for (const intent of result.intents ?? []) applyIntent(intent);
  };

  const applyIntent = (intent: Intent): void => {
    switch (intent.type) {
      case 'quit':
        onQuit();
        break;
      case 'open-chat':
        tabs.open(intent.peer, intent.focus);
        break;
      case 'open-private': {
        const account = store.getState().rooms[intent.room]?.account;
        if (account) tabs.openPrivate(account, intent.room, intent.nick, true);
        break;
      }
      case 'search-results':
        search.show(intent.query, intent.hits);
        break;
      case 'jump': {
        const problem = search.jump(intent.index);
        if (problem) console('error', problem);
        break;
      }
      default:
        // What is left is a store action (what the screen shows), applied as it is; an app
        // intent without its case above would not type-check here.
        store.dispatch(intent);
    }
  };

  /** Past the local history: the server archive's next page, shown once it is stored. */
  const olderFromArchive = (tabId: string, peer: string): void => {
    api.olderFromArchive(peer, tabs.accountOf(tabId)).then(
      ({ stored, complete }) => {
        const shown = stored > 0 && tabs.loadOlder(tabId);
        if (complete && !shown) tabs.markStart(tabId, '── start of the conversation in the server archive ──');
      },
      (error: unknown) => console('error', `Could not read older messages: ${error instanceof Error ? error.message : String(error)}`),
    );
  };

  let pending: Promise<unknown> = Promise.resolve();
  const submitNow = async (line: string): Promise<void> => {
    if (line.startsWith('/') && !line.startsWith('//')) {
      await execute(line);
      return;
    }
    const text = line.startsWith('//') ? line.slice(1) : line;
    const state = store.getState();
    const tab = state.tabs.find((t) => t.id === state.activeTabId);
    if (tab?.kind === 'search' && /^\s*\d+\s*$/.test(text)) {
      await execute(`/jump ${text.trim()}`);
      return;
    }
    const address = tab && parseTabId(tab.id);
    if (!tab || (address?.kind !== 'chat' && address?.kind !== 'room' && address?.kind !== 'private')) {
      console('error', `The ${tab?.kind ?? 'console'} tab does not send messages. Open a chat with /msg JID, or type /help.`);
      return;
    }
    const sent =
      address.kind === 'room' ? api.sayInRoom(address.room, text)
      : address.kind === 'private' ? api.sendPrivate(address.room, address.nick, text)
      : api.sendMessage(address.peer, text, tabs.accountOf(tab.id));
    await sent.catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      store.dispatch({ type: 'line/append', tabId: tab.id, kind: 'error', text: `Not sent: ${reason}` });
    });
  };

  return {
    submit(line) {
      // Lines run one after another: a line typed while a command is still running (fast
      // typing, a slow link) waits for it and its effects (/close, then /msg, then /me).
      pending = pending.then(() => submitNow(line)).catch(() => undefined);
    },
    quit: onQuit,
    loadOlder(tabId) {
      if (tabs.loadOlder(tabId)) return true;
      const peer = parseTabId(tabId, 'chat')?.peer;
      if (peer) olderFromArchive(tabId, peer);
      return false;
    },
    typing(line) {
      const state = store.getState();
      const tab = state.tabs.find((t) => t.id === state.activeTabId);
      const peer = tab && parseTabId(tab.id, 'chat')?.peer;
      if (!tab || !peer) return;
      // Commands are not messages: a line that starts with / says nothing to the peer.
      const text = line.startsWith('/') && !line.startsWith('//') ? '' : line;
      api.typing(peer, text.trim() !== '', tabs.accountOf(tab.id));
    },
    run: execute,
    withoutSecrets,
    runFile: (path: string) => ctx.runFile?.(path, { keepGoing: false }) ?? Promise.resolve(fail('no runner')),
    answer: (text) => prompter.answer(text),
    complete(line, cursor) {
      const room = parseTabId(store.getState().activeTabId, 'room')?.room;
      const nicks = room && !line.startsWith('/') ? (store.getState().rooms[room]?.occupants.map((o) => o.nick) ?? []) : undefined;
      const completion = nicks ? completeName(line, cursor, nicks) : completeLine(registry, ctx, line, cursor);
      if (completion && completion.candidates.length > 1) console('info', candidatesLine(completion.candidates));
      return completion;
    },
  };
}
