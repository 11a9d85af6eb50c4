import { describe, expect, it } from 'vitest';
import { initialState } from '../../store/state.js';
import { fakeApi } from '../fake-api.js';
import { completeLine } from '../complete.js';
import { CommandRegistry } from '../registry.js';
import type { AccountInfo, AccountOptions, CommandContext } from '../types.js';
import { accountCommand, connectCommand, disconnectCommand } from './account.js';
import { helpCommand } from './help.js';

const alice: AccountInfo = { jid: 'alice@x', state: { kind: 'online', resumed: false }, enabled: true, isDefault: true, server: 'from DNS', saved: true };
const bob: AccountInfo = { jid: 'bob@y', state: { kind: 'failed', reason: 'authentication failed' }, enabled: false, isDefault: false, server: 'y:5223', saved: true };

function setup() {
  const calls: unknown[][] = [];
  const record = (call: unknown[], answer: string): string => {
    calls.push(call);
    return answer;
  };
  const registry = new CommandRegistry();
  for (const spec of [accountCommand, connectCommand, disconnectCommand, helpCommand]) registry.register(spec);
  const ctx: CommandContext = {
    state: () => initialState(),
    registry,
    api: fakeApi({
      accounts: () => [alice, bob],
      addAccount: async (jid: string, options: AccountOptions) => record(['add', jid, options], 'added'),
      removeAccount: async (jid) => record(['remove', jid], 'removed'),
      setEnabled: async (jid, on) => record([on ? 'enable' : 'disable', jid], 'ok'),
      setDefault: (jid) => record(['default', jid], 'ok'),
      connect: (jid) => record(['connect', jid], 'connecting'),
      disconnect: async (jid) => record(['disconnect', jid], 'offline'),
    }),
  };
  return { calls, run: (line: string) => registry.execute(ctx, line), complete: (line: string) => completeLine(registry, ctx, line, line.length)?.candidates };
}

describe('/account', () => {
  it('lists accounts with their state, default first mark and server', async () => {
    const { run } = setup();
    const result = await run('/account');
    expect(result.ok && result.text).toBe(
      'Accounts:\n* alice@x  online  (from DNS; default)\n  bob@y  failed: authentication failed  (y:5223; disabled)',
    );
  });

  it('passes add with HOST:PORT, remove, enable, disable and default to the client', async () => {
    const { run, calls } = setup();
    expect((await run('/account add carol@z chat.z:5223')).ok).toBe(true);
    await run('/account remove bob@y');
    await run('/account enable bob@y');
    await run('/account disable bob@y');
    await run('/account default bob@y');
    await run('/connect');
    await run('/disconnect alice@x');
    expect(calls).toEqual([
      ['add', 'carol@z', { host: 'chat.z', port: 5223 }],
      ['remove', 'bob@y'],
      ['enable', 'bob@y'],
      ['disable', 'bob@y'],
      ['default', 'bob@y'],
      ['connect', undefined],
      ['disconnect', 'alice@x'],
    ]);
  });

  it('explains bad input', async () => {
    const { run, calls } = setup();
    expect(await run('/account frobnicate')).toEqual({
      ok: false,
      error: 'Unknown /account action "frobnicate". Usage: /account [list|add|remove|enable|disable|default]  (see /help account)',
    });
    expect(await run('/account remove')).toEqual({ ok: false, error: 'Wrong number of arguments. Usage: /account remove jid  (see /help account remove)' });
    expect(await run('/account add carol@z chat.z:99999')).toMatchObject({ ok: false, error: expect.stringContaining('is not HOST or HOST:PORT') });
    expect(await run('/account enable bob@y host')).toEqual({ ok: false, error: 'Wrong number of arguments. Usage: /account enable jid  (see /help account enable)' });
    expect(await run('/account list bob@y')).toEqual({ ok: false, error: 'Wrong number of arguments. Usage: /account list  (see /help account list)' });
    expect(calls).toEqual([]);
  });

  it('has help for each action: /help account lists them, /help account add shows one', async () => {
    const { run } = setup();
    const all = await run('/help account');
    expect(all.ok && all.text).toContain('Usage: /account [list|add|remove|enable|disable|default]');
    expect(all.ok && all.text).toContain('Actions (/help account ACTION for details; /account alone is /account list):');
    expect(all.ok && all.text).toContain('  /account add jid [server]  Add an account: natter asks for its password');
    expect(all.ok && all.text).toContain('  /account remove jid        Remove an account from the config');
    const add = await run('/help account add');
    expect(add.ok && add.text).toMatch(/^Usage: \/account add jid \[server\]\n/);
    expect(add.ok && add.text).toContain('  server  HOST or HOST:PORT when the server is not found from the JID');
    expect(add.ok && add.text).toContain('  /account add me@office.example chat.office.example:5222');
  });

  it('completes its actions, then the accounts for those that take one', () => {
    const { complete } = setup();
    expect(complete('/account ')).toEqual(['add', 'default', 'disable', 'enable', 'list', 'remove']);
    expect(complete('/account d')).toEqual(['default', 'disable']);
    expect(complete('/account remove ')).toEqual(['alice@x', 'bob@y']);
    expect(complete('/account enable b')).toEqual(['bob@y']);
    expect(complete('/account add ')).toBeUndefined();
    expect(complete('/help account di')).toEqual(['disable']);
  });
});
