import { describe, expect, it } from 'vitest';
import { initialState } from '../../store/state.js';
import { fakeApi } from '../fake-api.js';
import { CommandRegistry } from '../registry.js';
import type { AccountInfo, AccountOptions, CommandContext } from '../types.js';
import { accountCommand, connectCommand, disconnectCommand } from './account.js';

const alice: AccountInfo = { jid: 'alice@x', state: { kind: 'online', resumed: false }, enabled: true, isDefault: true, server: 'from DNS', saved: true };
const bob: AccountInfo = { jid: 'bob@y', state: { kind: 'failed', reason: 'authentication failed' }, enabled: false, isDefault: false, server: 'y:5223', saved: true };

function setup() {
  const calls: unknown[][] = [];
  const record = (call: unknown[], answer: string): string => {
    calls.push(call);
    return answer;
  };
  const registry = new CommandRegistry();
  for (const spec of [accountCommand, connectCommand, disconnectCommand]) registry.register(spec);
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
  return { calls, run: (line: string) => registry.execute(ctx, line) };
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
    expect(await run('/account frobnicate')).toMatchObject({ ok: false, error: expect.stringContaining('Unknown /account action "frobnicate"') });
    expect(await run('/account remove')).toMatchObject({ ok: false, error: expect.stringContaining('needs a JID') });
    expect(await run('/account add carol@z chat.z:99999')).toMatchObject({ ok: false, error: expect.stringContaining('is not HOST or HOST:PORT') });
    expect(await run('/account enable bob@y host')).toMatchObject({ ok: false, error: expect.stringContaining('Only /account add takes a server') });
    expect(calls).toEqual([]);
  });
});
