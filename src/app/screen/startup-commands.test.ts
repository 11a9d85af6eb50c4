import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fail, ok, type CommandResult } from '../../commands/types.js';
import type { NatterEvent } from '../../domain/events.js';
import { createStore } from '../../store/create-store.js';
import { initialState } from '../../store/state.js';
import type { Startup } from '../cli/cli.js';
import { startupCommands } from './startup-commands.js';

function fixture(startup?: Startup, failing: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'natter-startup-'));
  const startupFile = join(dir, 'startup');
  writeFileSync(startupFile, '/status away\n');
  const store = createStore(initialState(), { intervalMs: 0 });
  const ran: string[] = [];
  const result = (what: string): CommandResult => (failing.includes(what) ? fail(`${what} failed`) : ok());
  const controller = {
    run: async (line: string) => (ran.push(line), result(line)),
    runFile: async (path: string) => (ran.push(path === startupFile ? 'startup file' : path), result(path)),
    withoutSecrets: (line: string) => ({ shown: line, kept: line }),
  };
  const commands = startupCommands({ store, controller, defaultJid: () => 'me@x', startupFile, startup });
  const connection = (state: 'online' | 'offline' | 'connecting' | 'reconnecting', account = 'me@x'): void => {
    store.dispatch({ type: 'connection/state', account, state: state === 'online' ? { kind: 'online', resumed: false } : state === 'reconnecting' ? { kind: 'reconnecting', attempt: 1, retryAt: 0 } : { kind: state } });
    commands.onEvent({ event: 'connection', account, state } satisfies NatterEvent);
  };
  return { commands, ran, connection, store, settle: () => new Promise((resolve) => setTimeout(resolve, 0)) };
}

describe('startup commands', () => {
  it('run the startup file at each login of the default account, not after natter reconnects by itself', async () => {
    const f = fixture();
    f.connection('connecting');
    f.connection('online');
    await f.settle();
    expect(f.ran).toEqual(['startup file']);
    f.connection('reconnecting');
    f.connection('online'); // natter's own reconnect: it restores the session (rooms, presence) itself
    f.connection('online', 'other@x'); // not the account the commands act on
    await f.settle();
    expect(f.ran).toEqual(['startup file']);
    f.connection('offline'); // /disconnect, then /connect: a login again
    f.connection('connecting');
    f.connection('online');
    await f.settle();
    expect(f.ran).toEqual(['startup file', 'startup file']);
  });

  it('run --cmd and --script once, in the order given, after the first login\'s startup file; a failure stops the rest, said', async () => {
    const f = fixture({ steps: [{ cmd: '/msg a@x one' }, { script: 'two.txt' }, { cmd: '/msg a@x three' }, { cmd: '/msg a@x four' }] }, ['/msg a@x three']);
    const done = f.commands.afterFirstLogin();
    f.connection('online');
    await done;
    expect(f.ran).toEqual(['startup file', '/msg a@x one', 'two.txt', '/msg a@x three']);
    const console = f.store.getState().lines.console ?? [];
    expect(console.map((l) => l.text)).toContain('--cmd stopped: 1 command(s) after "/msg a@x three" were not run.');
  });
});
