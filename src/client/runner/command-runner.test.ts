import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRegistry } from '../../commands/builtin/index.js';
import { fakeApi } from '../../commands/fake-api.js';
import { MAX_SCRIPT_DEPTH } from '../../commands/script.js';
import { ok, type ClientApi, type CommandResult, type CommandSpec, type SearchResult } from '../../commands/types.js';
import { chatTabId, roomTabId, tabIdOf } from '../../domain/tab-address.js';
import { CONSOLE_TAB_ID } from '../../domain/tab.js';
import { createPrompter } from '../account/prompter.js';
import { clientFixture, disposeClientFixtures, settle } from '../testing/client-fixture.js';
import { createCommandRunner } from './command-runner.js';

afterEach(disposeClientFixtures);

const ROOM = 'room@muc.x';

/** The runner over the real registry and store, a fake ClientApi recording what it was asked, and `extra` commands. */
function runner(api: Partial<ClientApi> = {}, extra: CommandSpec[] = []) {
  const fx = clientFixture();
  const calls: string[] = [];
  const record = (name: string) => async (...args: unknown[]) => void calls.push(`${name} ${args.filter((a) => a !== undefined).join(' | ')}`);
  const client = fakeApi({ sendMessage: record('sendMessage'), sayInRoom: record('sayInRoom'), sendPrivate: record('sendPrivate'), ...api });
  const run = createCommandRunner(fx.store, createRegistry(extra), client, fx.tabs, createPrompter(fx.store), () => calls.push('quit'));
  return { fx, run, calls, active: () => fx.store.getState().activeTabId };
}

/** A room alice@x is in as "alice", with carol and charlie. */
function inRoom(fx: ReturnType<typeof clientFixture>) {
  const person = (nick: string) => ({ nick, role: 'participant' as const, affiliation: 'none' as const, presence: 'online' as const });
  fx.store.dispatch({ type: 'room/set', room: { room: ROOM, account: fx.account, nick: 'alice', joined: true, subject: '', occupants: ['alice', 'carol', 'charlie'].map(person) } });
  fx.tabs.openRoom(fx.account, ROOM, true);
}

describe('the command runner', () => {
  it("sends a line that is not a command to the front tab's peer, from the tab's account", async () => {
    const r = runner();
    r.fx.tabs.open('bob@x', true, 'alice@x');
    r.run.submit('hello');
    r.run.submit('//not a command');
    await settle();
    expect(r.calls).toEqual(['sendMessage bob@x | hello | alice@x', 'sendMessage bob@x | /not a command | alice@x']);
  });

  it('sends to the room in a room tab and to the occupant in a private tab; the console tab sends nothing', async () => {
    const r = runner();
    inRoom(r.fx);
    r.run.submit('hi all');
    await settle();
    r.fx.tabs.openPrivate(r.fx.account, ROOM, 'carol', true);
    r.run.submit('hi carol');
    await settle();
    r.fx.store.dispatch({ type: 'tab/focus', id: CONSOLE_TAB_ID });
    r.run.submit('hello?');
    await settle();
    expect(r.calls).toEqual([`sayInRoom ${ROOM} | hi all`, `sendPrivate ${ROOM} | carol | hi carol`]);
    expect(r.fx.consoleTab().at(-1)).toBe('The console tab does not send messages. Open a chat with /msg JID, or type /help.');
  });

  it("applies commands' intents: a store action as it is, open-chat by opening the tab", async () => {
    const r = runner();
    r.fx.tabs.open('bob@x', true, 'alice@x');
    r.run.submit('/win 1');
    await settle();
    expect(r.fx.dispatched).toContainEqual({ type: 'tab/focus', id: CONSOLE_TAB_ID });
    expect(r.active()).toBe(CONSOLE_TAB_ID);
    r.run.submit('/msg carol@x see you at 5');
    await settle();
    expect(r.calls).toEqual(['sendMessage carol@x | see you at 5']);
    expect(r.active()).toBe(chatTabId('carol@x'));
    // /win said nothing: no line in the chat it was typed in; the console shows what it ran.
    expect(r.fx.lines(chatTabId('bob@x'))).toEqual([]);
    expect(r.fx.consoleTab()).toEqual(['/msg carol@x see you at 5']);
  });

  it('shows what a command says in the chat or room tab it was typed in, below the command, and nothing for one that says nothing', async () => {
    const r = runner();
    r.fx.tabs.open('bob@x', true, 'alice@x');
    r.run.submit('/help');
    r.run.submit('/me waves');
    await settle();
    const chat = r.fx.lines(chatTabId('bob@x'));
    expect(chat.map((l) => [l.kind, l.text.split('\n')[0]])).toEqual([['command', '/help'], ['info', 'Commands (/help NAME for details):']]);
    expect(r.calls).toEqual(['sendMessage bob@x | /me waves']);
    inRoom(r.fx);
    r.run.submit('/nosuch thing');
    await settle();
    expect(r.fx.lines(roomTabId(ROOM)).filter((l) => l.rowId === undefined).map((l) => [l.kind, l.text])).toEqual([
      ['command', '/nosuch thing'],
      ['error', 'Unknown command /nosuch. Type /help for the list of commands.'],
    ]);
    expect(r.fx.consoleTab()).toEqual([]);
    // Not typed in a tab (natter ctl, --cmd, a startup script): the console, as before.
    await r.run.run('/help quit');
    expect(r.fx.consoleTab()[0]).toBe('/help quit');
    expect(r.fx.consoleTab()[1]).toMatch(/^Usage: \/quit/);
  });

  it('shows the commands of a file sourced in a chat in that chat; after /close, the console', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'natter-runner-'));
    try {
      const file = join(dir, 'two.txt');
      writeFileSync(file, '/help quit\n/nosuch\n');
      const r = runner();
      r.fx.tabs.open('bob@x', true, 'alice@x');
      r.run.submit(`/source ${file} --keep-going`);
      const texts = (): (string | undefined)[] => r.fx.lines(chatTabId('bob@x')).map((l) => l.text.split('\n')[0]);
      await vi.waitFor(() => expect(texts()).toHaveLength(6)); // the file is read from the disk
      expect(texts()).toEqual(['/help quit', 'Usage: /quit', '/nosuch', 'Unknown command /nosuch. Type /help for the list of commands.', `/source ${file} --keep-going`, `${file}:2: Unknown command /nosuch. Type /help for the list of commands.`]);
      r.run.submit('/close');
      r.run.submit('/nosuch');
      await settle();
      expect(r.fx.consoleTab()).toEqual(['/nosuch', 'Unknown command /nosuch. Type /help for the list of commands.']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs lines one after another: a slow command delays the next line, which sees its effects', async () => {
    let finish: (result: CommandResult) => void = () => undefined;
    const slow: CommandSpec = { name: 'slow', summary: 'waits', args: [], run: () => new Promise<CommandResult>((resolve) => (finish = resolve)) };
    const r = runner({}, [slow]);
    r.fx.tabs.open('bob@x', true, 'alice@x');
    r.run.submit('/slow');
    r.run.submit('for carol');
    await settle();
    expect(r.calls).toEqual([]);
    finish(ok('done', [{ type: 'open-chat', peer: 'carol@x', focus: true }]));
    await settle();
    expect(r.calls).toEqual(['sendMessage carol@x | for carol']);
  });

  it("never echoes a room's password", async () => {
    const joins: unknown[][] = [];
    const r = runner({ joinRoom: async (...args) => (joins.push(args), `${ROOM}: joined as alice`) });
    r.run.submit(`/join ${ROOM} hunter2`);
    await settle();
    expect(joins).toEqual([[ROOM, undefined, 'hunter2']]);
    expect(r.fx.consoleTab()).toEqual([`/join ${ROOM} [password hidden]`, `${ROOM}: joined as alice`]);
    expect(JSON.stringify(r.fx.store.getState())).not.toContain('hunter2');
  });

  it('puts an error in the console tab; a message that could not be sent in its own tab', async () => {
    const r = runner({ sendMessage: async () => Promise.reject(new Error('alice@x is disabled')) });
    r.run.submit('/nosuch');
    r.run.submit('/msg carol@x hi');
    await settle();
    expect(r.fx.lines(CONSOLE_TAB_ID).filter((l) => l.kind === 'error').map((l) => l.text)).toEqual([
      'Unknown command /nosuch. Type /help for the list of commands.',
      '/msg failed: alice@x is disabled',
    ]);
    r.fx.tabs.open('bob@x', true, 'alice@x');
    r.run.submit('hello');
    await settle();
    expect(r.fx.lines(chatTabId('bob@x')).at(-1)).toMatchObject({ kind: 'error', text: 'Not sent: alice@x is disabled' });
  });

  it("completes nicks in a room's messages and commands on a command line", () => {
    const r = runner();
    inRoom(r.fx);
    expect(r.run.complete('car', 3)).toMatchObject({ text: 'carol: ', cursor: 7 });
    expect(r.run.complete('thanks ch', 9)).toMatchObject({ text: 'thanks charlie ', cursor: 15 });
    expect(r.run.complete('c', 1)).toMatchObject({ text: 'c', candidates: ['carol', 'charlie'] });
    expect(r.fx.lines(roomTabId(ROOM)).at(-1)?.text).toBe('carol  charlie'); // where Tab was pressed
    expect(r.run.complete('/whe', 4)).toBeUndefined();
    expect(r.run.complete('/wh', 3)).toMatchObject({ text: '/who ' });
    expect(r.active()).toBe(roomTabId(ROOM));
  });

  it('opens search result N in its chat when N is typed in the search tab', async () => {
    let hits: SearchResult[] = [];
    const find: CommandSpec = { name: 'find', summary: 'search results', args: [], run: () => ok(undefined, [{ type: 'search-results', query: 'deploy', hits }]) };
    const r = runner({}, [find]);
    const row = (body: string, at: number) => r.fx.history.add({ account: r.fx.account, peer: 'bob@x', direction: 'in', body, at }).id;
    row('before', 1);
    hits = [{ id: row('the deploy failed', 2), account: r.fx.account, peer: 'bob@x', direction: 'in', at: 2, snippet: 'the [deploy] failed' }];
    row('after', 3);
    r.run.submit('/find');
    await settle();
    expect(r.active()).toBe(tabIdOf({ kind: 'search' }));
    r.run.submit(' 2 ');
    r.run.submit('1');
    await settle();
    expect(r.fx.consoleTab()).toEqual(['/find']);
    // Typed in the results tab: the one that failed says so there (the one that worked shows its chat).
    expect(r.fx.lines(tabIdOf({ kind: 'search' })).slice(-2).map((l) => l.text)).toEqual(['/jump 2', 'There is no result 2; there are 1.']);
    expect(r.active()).toBe(chatTabId('bob@x'));
    expect(r.fx.lines(chatTabId('bob@x')).map((l) => l.text)).toEqual(['before', expect.stringContaining('search result 1 below'), 'the deploy failed', 'after']);
    expect(r.calls).toEqual([]);
  });

  it('runs a command file, and stops one that sources itself or can not be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'natter-runner-'));
    try {
      const loop = join(dir, 'loop.txt');
      writeFileSync(loop, `# sources itself\n/source ${loop}\n`);
      const r = runner();
      expect(await r.run.runFile(loop)).toMatchObject({ ok: false, error: expect.stringContaining(`command files nested ${MAX_SCRIPT_DEPTH} deep`) });
      expect(r.fx.consoleTab().filter((t) => t.startsWith('/source'))).toHaveLength(MAX_SCRIPT_DEPTH);
      expect(await r.run.runFile(join(dir, 'missing.txt'))).toEqual({ ok: false, error: `can not read the command file ${join(dir, 'missing.txt')}: ENOENT` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('scrolls back into the server archive past the stored lines of a chat, and marks where it starts', async () => {
    const asked: unknown[][] = [];
    const r = runner({ olderFromArchive: async (...args) => (asked.push(args), { stored: 0, complete: true }) });
    r.fx.tabs.open('bob@x', true, 'alice@x');
    expect(r.run.loadOlder(chatTabId('bob@x'))).toBe(false);
    inRoom(r.fx);
    expect(r.run.loadOlder(roomTabId(ROOM))).toBe(false);
    await settle();
    expect(asked).toEqual([['bob@x', 'alice@x']]);
    expect(r.fx.lines(chatTabId('bob@x')).map((l) => l.text)).toEqual(['── start of the conversation in the server archive ──']);
  });

  it('tells the peer of a chat that the person types, not for a command, and nobody outside chats', () => {
    const typed: unknown[][] = [];
    const r = runner({ typing: (...args) => void typed.push(args) });
    r.fx.tabs.open('bob@x', true, 'alice@x');
    r.run.typing('hel');
    r.run.typing('/me');
    r.run.typing('//me');
    inRoom(r.fx);
    r.run.typing('hi all');
    expect(typed).toEqual([['bob@x', true, 'alice@x'], ['bob@x', false, 'alice@x'], ['bob@x', true, 'alice@x']]);
  });
});
