import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Line } from '../../domain/line.js';
import type { NatterEvent } from '../../domain/events.js';
import { CONSOLE_TAB_ID } from '../../domain/tab.js';
import { MessageHistory, type StoredMessage } from '../../history/message-history.js';
import { HISTORY_FILE, openHistoryDatabase } from '../../history/open-history.js';
import type { Action } from '../../store/actions.js';
import { createStore, type Store } from '../../store/create-store.js';
import { initialState } from '../../store/state.js';
import { fakeSession } from '../../xmpp/session/fake-session.js';
import { createChatTabs } from '../conversations/chat-tabs.js';

/**
 * For the client layer's unit tests: what an account's features work on, all real but the
 * network (a SQLite history in a temp directory, the store, the chat tabs, the inbound router
 * over a fake stream), and what they tell the world, recorded. No Prosody, no timers.
 */
export function clientFixture(account = 'alice@x') {
  const dir = mkdtempSync(join(tmpdir(), 'natter-client-'));
  copyFileSync(emptyHistoryFile(), join(dir, HISTORY_FILE));
  const history = new MessageHistory(openHistoryDatabase(dir));
  openHistories.set(dir, history);
  const inner = createStore(initialState());
  const dispatched: Action[] = [];
  /** Lines that reached the store before their history row existed: "written before shown" broken. */
  const shownBeforeStored: Action[] = [];
  const store: Store = {
    ...inner,
    dispatch(action) {
      dispatched.push(action);
      if (action.type === 'line/append' && action.rowId !== undefined && history.around(action.rowId, 0).length === 0) shownBeforeStored.push(action);
      inner.dispatch(action);
    },
  };
  const tabs = createChatTabs(store, history, () => account);
  const consoleLines: Array<{ kind: 'info' | 'error'; text: string }> = [];
  const events: NatterEvent[] = [];
  const lines = (tabId: string): Line[] => store.getState().lines[tabId] ?? [];
  return {
    account,
    history,
    store,
    tabs,
    session: fakeSession(account),
    dispatched,
    shownBeforeStored,
    /** What the account's features said in the console (the account runtime prefixes and shows them). */
    consoleLines,
    consoleLine: (kind: 'info' | 'error', text: string): void => void consoleLines.push({ kind, text }),
    events,
    onEvent: (event: NatterEvent): void => void events.push(event),
    lines,
    /** The texts of the console tab (what the command runner wrote there). */
    consoleTab: (): string[] => lines(CONSOLE_TAB_ID).map((l) => l.text),
    /** The line of tab `tabId` that shows history row `rowId`. */
    lineOf: (tabId: string, rowId: number): Line | undefined => lines(tabId).find((l) => l.rowId === rowId),
    /** The stored conversation with `peer`, oldest first. */
    stored: (peer: string): StoredMessage[] => history.page(account, peer, 1000),
  };
}

export type ClientFixture = ReturnType<typeof clientFixture>;

const openHistories = new Map<string, MessageHistory>();

let template: string | undefined;
/**
 * A history database made once per test process and copied for each fixture: opening is then
 * the real open (checks, pragmas, migrations found done) without the migrations' writes, which
 * took 20-70 ms a fixture on a busy disk.
 */
function emptyHistoryFile(): string {
  if (!template) {
    const dir = mkdtempSync(join(tmpdir(), 'natter-client-template-'));
    openHistoryDatabase(dir).close();
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    template = join(dir, HISTORY_FILE);
  }
  return template;
}

/** Closes every fixture's history and removes its directory (call it in afterEach). */
export function disposeClientFixtures(): void {
  for (const [dir, history] of openHistories) {
    history.close();
    rmSync(dir, { recursive: true, force: true });
  }
  openHistories.clear();
}

/** Lets every promise and immediate queued so far run (the fake session answers in microtasks). */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
