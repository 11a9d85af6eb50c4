import { describe, expect, it } from 'vitest';
import { tabIdOf } from '../../domain/tab-address.js';
import { initialState } from '../../store/state.js';
import type { CommandContext } from '../types.js';
import { completeLine } from '../complete.js';
import { fakeApi } from '../fake-api.js';
import { createRegistry } from './index.js';

const registry = createRegistry();
const opened: (string | undefined)[] = [];
const api = fakeApi({
  xmlConsole: (jid) => {
    opened.push(jid);
    if (jid === 'nobody@x') throw new Error('nobody@x is not an account here; see /account list');
    return tabIdOf({ kind: 'xml', account: jid ?? 'alice@x' });
  },
  accounts: () => [{ jid: 'alice@x', state: { kind: 'online', resumed: false }, enabled: true, isDefault: true, server: 'from DNS', saved: true }],
});
const ctx: CommandContext = { state: () => initialState(), registry, api };

describe('/xmlconsole', () => {
  it('opens the default account\'s console, or the one named, and brings its tab to the front', async () => {
    expect(await registry.execute(ctx, '/xmlconsole')).toEqual({ ok: true, intents: [{ type: 'tab/focus', id: tabIdOf({ kind: 'xml', account: 'alice@x' }) }] });
    expect(await registry.execute(ctx, '/xmlconsole alice@x')).toMatchObject({ ok: true, intents: [{ id: tabIdOf({ kind: 'xml', account: 'alice@x' }) }] });
    expect(opened).toEqual([undefined, 'alice@x']);
  });

  it('says why when the account is unknown, and refuses extra arguments', async () => {
    expect(await registry.execute(ctx, '/xmlconsole nobody@x')).toEqual({ ok: false, error: '/xmlconsole failed: nobody@x is not an account here; see /account list' });
    const extra = await registry.execute(ctx, '/xmlconsole a@x b@x');
    expect(extra.ok).toBe(false);
  });

  it('has help that says secrets are hidden, and completes accounts', async () => {
    const help = await registry.execute(ctx, '/help xmlconsole');
    expect(help.ok && help.text).toContain('/xmlconsole [jid]');
    expect(help.ok && help.text).toContain('[hidden]');
    expect(completeLine(registry, ctx, '/xmlconsole al', 14)?.candidates).toEqual(['alice@x']);
  });
});
