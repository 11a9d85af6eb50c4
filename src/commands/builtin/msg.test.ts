import { describe, expect, it } from 'vitest';
import { chatTabId } from '../../domain/tab-address.js';
import { initialState } from '../../store/state.js';
import type { CommandContext } from '../types.js';
import { createRegistry } from './index.js';
import { fakeApi } from '../fake-api.js';

function setup() {
  const sent: Array<[string, string]> = [];
  const registry = createRegistry();
  const state = { ...initialState(), roster: [{ jid: 'bob@example.org', name: 'Bob', presence: 'online' as const }] };
  const ctx: CommandContext = {
    state: () => state,
    registry,
    api: fakeApi({ sendMessage: async (to, body) => void sent.push([to, body]) }),
  };
  return { registry, ctx, sent };
}

describe('/msg', () => {
  it('opens the chat and sends the rest of the line as one message', async () => {
    const { registry, ctx, sent } = setup();
    expect(await registry.execute(ctx, '/msg Bob@Example.org  hello  world ')).toEqual({
      ok: true,
      intents: [{ type: 'open-chat', peer: 'bob@example.org', focus: true }],
    });
    expect(sent).toEqual([['bob@example.org', 'hello  world']]);
  });

  it('opens the chat without sending when there is no text', async () => {
    const { registry, ctx, sent } = setup();
    expect(await registry.execute(ctx, '/msg bob@example.org')).toMatchObject({ ok: true });
    expect(sent).toEqual([]);
  });

  it('refuses something that is not a JID', async () => {
    const { registry, ctx } = setup();
    expect(await registry.execute(ctx, '/msg bob hi')).toEqual({
      ok: false,
      error: '"bob" is not a JID. Write it as name@server, e.g. /msg bob@example.org hi',
    });
  });

  it('reports a failed send as the command failing', async () => {
    const { registry, ctx } = setup();
    ctx.api.sendMessage = async () => {
      throw new Error('not connected: /connect first');
    };
    expect(await registry.execute(ctx, '/msg bob@example.org hi')).toEqual({ ok: false, error: '/msg failed: not connected: /connect first' });
  });

  it('has usage and completes JIDs from the roster', () => {
    const { registry, ctx } = setup();
    expect(registry.find('msg')?.complete?.(ctx, 0, 'bo')).toEqual(['bob@example.org']);
  });
});

describe('/close', () => {
  it('refuses to close the console and closes a chat tab', async () => {
    const { registry, ctx } = setup();
    expect(await registry.execute(ctx, '/close')).toMatchObject({ ok: false });
    const state = { ...initialState(), activeTabId: chatTabId('bob@example.org') };
    expect(await registry.execute({ ...ctx, state: () => state }, '/close')).toEqual({
      ok: true,
      intents: [{ type: 'tab/close', id: chatTabId('bob@example.org') }],
    });
  });
});

describe('/me', () => {
  it('sends "/me ACTION" to the chat of the current tab, and only in a chat', async () => {
    const sent: Array<[string, string]> = [];
    const registry = createRegistry();
    const chat = { ...initialState(), activeTabId: chatTabId('bob@x'), tabs: [...initialState().tabs, { id: chatTabId('bob@x'), kind: 'chat' as const, title: 'bob@x', unread: 0, highlight: false }] };
    const ctx: CommandContext = { state: () => chat, registry, api: fakeApi({ sendMessage: async (to, body) => void sent.push([to, body]) }) };
    expect(await registry.execute(ctx, '/me waves hello')).toEqual({ ok: true });
    expect(sent).toEqual([['bob@x', '/me waves hello']]);
    const consoleCtx: CommandContext = { ...ctx, state: () => initialState() };
    expect(await registry.execute(consoleCtx, '/me waves')).toMatchObject({ ok: false, error: expect.stringContaining('/me works in a chat or room tab') });
  });
});
