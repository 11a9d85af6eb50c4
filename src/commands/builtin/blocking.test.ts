import { describe, expect, it } from 'vitest';
import { initialState } from '../../store/state.js';
import { completeLine } from '../complete.js';
import { fakeApi } from '../fake-api.js';
import type { BlockList, CommandContext } from '../types.js';
import { describeBlockList } from './blocking.js';
import { createRegistry } from './index.js';

function setup(list: Partial<BlockList> = {}) {
  const calls: unknown[][] = [];
  const registry = createRegistry();
  const state = {
    ...initialState(),
    roster: [
      { jid: 'bob@x', name: 'Bob', presence: 'online' as const, account: 'alice@x' },
      { jid: 'bea@x', name: 'Bea', presence: 'offline' as const, account: 'alice@x' },
    ],
  };
  const ctx: CommandContext = {
    state: () => state,
    registry,
    api: fakeApi({
      block: async (jid, options) => (calls.push(['block', jid, options]), `blocked ${jid}`),
      unblock: async (jid) => (calls.push(['unblock', jid]), `unblocked ${jid}`),
      blockList: () => ({ account: 'alice@x', jids: ['bea@x', 'spam.example'], known: true, supported: true, ...list }),
    }),
  };
  return { registry, ctx, calls };
}

describe('/block', () => {
  it('blocks a bare JID, a full JID, a server; the local part and domain in lower case, the resource as written', async () => {
    const { registry, ctx, calls } = setup();
    expect(await registry.execute(ctx, '/block Bob@X')).toEqual({ ok: true, text: 'blocked bob@x' });
    await registry.execute(ctx, '/block Room@Conf.X/Troll');
    await registry.execute(ctx, '/block spam.example');
    expect(calls).toEqual([['block', 'bob@x', { spam: false }], ['block', 'room@conf.x/Troll', { spam: false }], ['block', 'spam.example', { spam: false }]]);
  });

  it('--spam asks for a report too, before or after the JID', async () => {
    const { registry, ctx, calls } = setup();
    await registry.execute(ctx, '/block spammer@y --spam');
    await registry.execute(ctx, '/block --spam spammer@z');
    expect(calls).toEqual([['block', 'spammer@y', { spam: true }], ['block', 'spammer@z', { spam: true }]]);
  });

  it('refuses what is not a JID, a missing JID and an unknown option with one line, asking nothing', async () => {
    const { registry, ctx, calls } = setup();
    expect(await registry.execute(ctx, '/block bob@')).toEqual({ ok: false, error: '"bob@" is not a JID; write it as name@server, name@server/resource, or a whole server, server.example, e.g. /block bob@example.org' });
    expect(await registry.execute(ctx, '/block')).toEqual({ ok: false, error: 'Wrong number of arguments. Usage: /block jid [--spam]  (see /help block)' });
    expect(await registry.execute(ctx, '/block --spam')).toEqual({ ok: false, error: 'Name one JID to block. Usage: /block JID [--spam]' });
    expect(await registry.execute(ctx, '/block bob@x --quiet')).toEqual({ ok: false, error: 'Unknown option "--quiet". Usage: /block JID [--spam]' });
    expect(await registry.execute(ctx, '/block bob@x/')).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });

  it("says the server's refusal in one line", async () => {
    const { registry, ctx } = setup();
    ctx.api.block = () => Promise.reject(new Error('the server refused to block bo:b@x: it is not a JID the server accepts (jid-malformed)'));
    expect(await registry.execute(ctx, '/block bo:b@x')).toEqual({ ok: false, error: '/block failed: the server refused to block bo:b@x: it is not a JID the server accepts (jid-malformed)' });
  });

  it('completes contacts not blocked yet, then --spam', () => {
    const { registry, ctx } = setup();
    expect(completeLine(registry, ctx, '/block b', 8)?.text).toBe('/block bob@x ');
    expect(completeLine(registry, ctx, '/block bob@x --', 15)?.text).toBe('/block bob@x --spam ');
    expect(completeLine(registry, ctx, '/block --spam b', 15)?.text).toBe('/block --spam bob@x ');
  });
});

describe('/unblock', () => {
  it('unblocks one JID, or everyone only with --all', async () => {
    const { registry, ctx, calls } = setup();
    expect(await registry.execute(ctx, '/unblock Bea@X')).toEqual({ ok: true, text: 'unblocked bea@x' });
    expect(await registry.execute(ctx, '/unblock --all')).toEqual({ ok: true, text: 'unblocked all' });
    expect(calls).toEqual([['unblock', 'bea@x'], ['unblock', 'all']]);
  });

  it('does not unblock everyone without --all; refuses junk and unknown options', async () => {
    const { registry, ctx, calls } = setup();
    expect(await registry.execute(ctx, '/unblock')).toEqual({ ok: false, error: 'Name whom to unblock: /unblock JID (see /blocked), or /unblock --all to unblock everyone on the list' });
    expect(await registry.execute(ctx, '/unblock @x')).toMatchObject({ ok: false, error: expect.stringContaining('is not a JID') });
    expect(await registry.execute(ctx, '/unblock --everyone')).toEqual({ ok: false, error: 'Unknown option "--everyone". Usage: /unblock JID, or /unblock --all' });
    expect(calls).toEqual([]);
  });

  it('completes the blocked JIDs and --all', () => {
    const { registry, ctx } = setup();
    expect(completeLine(registry, ctx, '/unblock ', 9)?.candidates).toEqual(['bea@x', 'spam.example', '--all']);
    expect(completeLine(registry, ctx, '/unblock s', 10)?.text).toBe('/unblock spam.example ');
  });
});

describe('/blocked', () => {
  it('lists the JIDs, one a line', async () => {
    const { registry, ctx } = setup();
    expect(await registry.execute(ctx, '/blocked')).toEqual({ ok: true, text: '2 blocked on alice@x:\n  bea@x\n  spam.example' });
  });

  it('says when the list is empty, not read, stale or not supported', () => {
    const list = { account: 'alice@x', jids: [], known: true, supported: true };
    expect(describeBlockList(list)).toBe('nobody is blocked on alice@x');
    expect(describeBlockList({ ...list, known: false })).toBe("alice@x's block list has not been read from its server yet: it is read at login");
    expect(describeBlockList({ ...list, known: false, jids: ['bob@x'] })).toBe('1 blocked on alice@x (as last read from the server; alice@x is not connected now):\n  bob@x');
    expect(describeBlockList({ ...list, supported: false })).toBe("alice@x's server does not support blocking (XEP-0191)");
  });

  it('has help for each command', async () => {
    const { registry, ctx } = setup();
    const help = async (name: string): Promise<string> => {
      const result = await registry.execute(ctx, `/help ${name}`);
      return result.ok ? result.text ?? '' : result.error;
    };
    expect(await help('block')).toContain('Usage: /block jid [--spam]');
    expect(await help('block')).toContain('neither shown, kept in the history nor passed to a hook');
    expect(await help('unblock')).toContain('/unblock --all');
    expect(await help('blocked')).toContain('Usage: /blocked');
    const list = await registry.execute(ctx, '/help');
    expect(list.ok && list.text).toMatch(/\/blocked\s+List the JIDs you have blocked/);
  });
});

describe('/blocked with several accounts', () => {
  it("lists each enabled account's list, and completes from all of them", async () => {
    const { registry, ctx } = setup();
    const info = (jid: string, enabled: boolean) => ({ jid, enabled, isDefault: jid === 'alice@x', state: { kind: 'online' as const, resumed: false }, server: 'SRV', saved: true });
    ctx.api.accounts = () => [info('alice@x', true), info('me@work', true), info('old@z', false)];
    ctx.api.blockList = (account) => ({ account: account ?? 'alice@x', jids: account === 'me@work' ? ['boss@work'] : [], known: true, supported: true });
    expect(await registry.execute(ctx, '/blocked')).toEqual({ ok: true, text: 'nobody is blocked on alice@x\n1 blocked on me@work:\n  boss@work' });
    expect(completeLine(registry, ctx, '/unblock ', 9)?.candidates).toEqual(['boss@work', '--all']);
  });

  it('completes nothing blocked, and no error, when there is no account', () => {
    const { registry, ctx } = setup();
    ctx.api.blockList = () => {
      throw new Error('there is no account yet');
    };
    expect(completeLine(registry, ctx, '/unblock ', 9)?.candidates).toEqual(['--all']);
    expect(completeLine(registry, ctx, '/block b', 8)?.candidates).toEqual(['bob@x', 'bea@x']);
  });
});
