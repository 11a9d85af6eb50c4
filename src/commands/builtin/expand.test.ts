import { describe, expect, it } from 'vitest';
import { chatTabId } from '../../domain/tab-address.js';
import { initialState } from '../../store/state.js';
import type { CommandContext } from '../types.js';
import { createRegistry } from './index.js';
import { completeLine } from '../complete.js';
import { fakeApi } from '../fake-api.js';

const registry = createRegistry();
const state = { ...initialState(), activeTabId: chatTabId('bob@x') };
const ctx: CommandContext = { state: () => state, registry, api: fakeApi() };

describe('/expand', () => {
  it.each([
    ['/expand', true],
    ['/expand on', true],
    ['/expand off', false],
  ])('%s applies to the current tab', async (line, expanded) => {
    const result = await registry.execute(ctx, line);
    expect(result).toMatchObject({ ok: true, intents: [{ type: 'tab/expand', id: chatTabId('bob@x'), expanded }] });
  });

  it('refuses anything but on or off, with the usage', async () => {
    expect(await registry.execute(ctx, '/expand all')).toEqual({ ok: false, error: '/expand takes on or off, not "all". Usage: /expand [on|off]' });
  });

  it('has help with usage and examples, and completes its argument', async () => {
    const help = await registry.execute(ctx, '/help expand');
    expect(help.ok && help.text).toContain('/expand [on|off]');
    expect(help.ok && help.text).toContain('/expand off');
    expect(completeLine(registry, ctx, '/expand o', 9)?.candidates).toEqual(['on', 'off']);
  });
});
