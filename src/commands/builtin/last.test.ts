import { describe, expect, it } from 'vitest';
import { initialState } from '../../store/state.js';
import { completeLine } from '../complete.js';
import { fakeApi } from '../fake-api.js';
import type { CommandContext, LastActivityAnswer } from '../types.js';
import { createRegistry } from './index.js';
import { describeLastActivity } from './last.js';

function setup(answer: (jid: string) => Promise<LastActivityAnswer>) {
  const asked: string[] = [];
  const registry = createRegistry();
  const state = { ...initialState(), roster: [{ jid: 'bob@x', name: 'Bob', presence: 'online' as const, account: 'alice@x' }] };
  const ctx: CommandContext = { state: () => state, registry, api: fakeApi({ lastActivity: (jid) => (asked.push(jid), answer(jid)) }) };
  return { registry, ctx, asked };
}

describe('/last', () => {
  it('says what the answer means for whom was asked', () => {
    expect(describeLastActivity({ jid: 'bob@x/phone', kind: 'idle', seconds: 903 })).toBe('bob@x/phone has been idle for 15 minutes');
    expect(describeLastActivity({ jid: 'bob@x/phone', kind: 'idle', seconds: 4 })).toBe('bob@x/phone is active (idle for 4 seconds)');
    expect(describeLastActivity({ jid: 'bob@x', kind: 'offline', seconds: 7500, status: 'bye\u001b[2J\u202e' })).toBe('bob@x went offline 2 hours 5 minutes ago: bye');
    expect(describeLastActivity({ jid: 'bob@x', kind: 'offline', seconds: 0 })).toBe('bob@x is online, or their server does not know when they left');
    expect(describeLastActivity({ jid: 'x', kind: 'uptime', seconds: 3 * 86_400 + 5 })).toBe('x has been up for 3 days');
  });

  it('refuses what is not a JID with one line, asking nobody', async () => {
    const { registry, ctx, asked } = setup(async () => ({ jid: 'x', kind: 'uptime', seconds: 1 }));
    expect(await registry.execute(ctx, '/last bob@')).toEqual({ ok: false, error: '"bob@" is not a JID. Write it as name@server, name@server/resource or server, e.g. /last bob@example.org' });
    expect(await registry.execute(ctx, '/last bob@x/')).toMatchObject({ ok: false });
    expect(await registry.execute(ctx, '/last')).toMatchObject({ ok: false, error: expect.stringMatching(/^Wrong number of arguments\. Usage: \/last jid/) });
    expect(asked).toEqual([]);
  });

  it("says in one line why an entity did not answer, and completes contacts", async () => {
    const { registry, ctx } = setup(() => Promise.reject(new Error('localhost does not tell its last activity (service-unavailable)')));
    expect(await registry.execute(ctx, '/last localhost')).toEqual({ ok: false, error: '/last failed: localhost does not tell its last activity (service-unavailable)' });
    expect(completeLine(registry, ctx, '/last b', 7)?.text).toBe('/last bob@x ');
  });
});
