import { describe, expect, it } from 'vitest';
import { initialState } from '../../store/state.js';
import { completeLine } from '../complete.js';
import { fakeApi } from '../fake-api.js';
import type { CommandContext, PresenceScope } from '../types.js';
import { createRegistry } from './index.js';

function setup(activeTabId = 'chat:bob@x') {
  const calls: unknown[] = [];
  const registry = createRegistry();
  const state = { ...initialState(), activeTabId };
  const record = (name: string) => async (arg: unknown, scope: PresenceScope) => (calls.push([name, arg, scope]), `${name} done`);
  const ctx: CommandContext = {
    state: () => state,
    registry,
    api: fakeApi({ setPresence: record('presence'), setPriority: record('priority'), setInvisible: record('invisible') }),
  };
  return { registry, ctx, calls, run: (line: string) => registry.execute(ctx, line) };
}

const here = { all: false, tabId: 'chat:bob@x' };
const all = { all: true, tabId: 'chat:bob@x' };

describe('/status and its shortcuts', () => {
  it('set the show with the rest of the line as the message, for the tab\'s account or --all', async () => {
    const { run, calls } = setup();
    expect(await run('/status away gone for "lunch"  ')).toEqual({ ok: true, text: 'presence done' });
    await run('/status --all xa on holiday');
    await run('/dnd');
    await run('/away --all back at 2');
    await run('/online');
    await run('/chat  ');
    expect(calls).toEqual([
      ['presence', { show: 'away', status: 'gone for "lunch"' }, here],
      ['presence', { show: 'xa', status: 'on holiday' }, all],
      ['presence', { show: 'dnd', status: '' }, here],
      ['presence', { show: 'away', status: 'back at 2' }, all],
      ['presence', { show: 'online', status: '' }, here],
      ['presence', { show: 'chat', status: '' }, here],
    ]);
  });

  it('keep the message to one inert line', async () => {
    const { run, calls } = setup();
    await run('/away out\u001b[31m\u202e\tnow');
    expect(calls).toEqual([['presence', { show: 'away', status: 'out now' }, here]]);
  });

  it('refuse bad input with one line, and change nothing', async () => {
    const { run, calls } = setup();
    expect(await run('/status')).toEqual({ ok: false, error: expect.stringMatching(/^Wrong number of arguments\. Usage: \/status/) });
    expect(await run('/status --all')).toEqual({ ok: false, error: 'say which presence: /status online|chat|away|xa|dnd [message], e.g. /status away lunch' });
    expect(await run('/status busy in a meeting')).toEqual({ ok: false, error: '"busy" is not a presence: write online, chat, away, xa or dnd, e.g. /status dnd in a meeting' });
    expect(await run(`/away ${'x'.repeat(1001)}`)).toEqual({ ok: false, error: 'a status message is at most 1000 characters (this one has 1001); nothing was changed' });
    expect(calls).toEqual([]);
  });

  it('complete the show and --all', () => {
    const { registry, ctx } = setup();
    expect(completeLine(registry, ctx, '/status a', 9)?.text).toBe('/status away ');
    expect(completeLine(registry, ctx, '/status ', 8)?.candidates).toEqual(['online', 'chat', 'away', 'xa', 'dnd', '--all']);
    expect(completeLine(registry, ctx, '/away --a', 9)?.text).toBe('/away --all ');
  });
});

describe('/priority', () => {
  it('sets a whole number from -128 to 127', async () => {
    const { run, calls } = setup();
    await run('/priority 10');
    await run('/priority -128 --all');
    await run('/priority +127');
    expect(calls).toEqual([['priority', 10, here], ['priority', -128, all], ['priority', 127, here]]);
  });

  it('refuses anything else with one line', async () => {
    const { run, calls } = setup();
    for (const bad of ['128', '-129', '1.5', 'high', '1e2', '0x10']) {
      expect(await run(`/priority ${bad}`)).toEqual({ ok: false, error: `the priority is a whole number from -128 to 127, not "${bad}"; nothing was changed` });
    }
    expect(await run('/priority 5 --everyone')).toEqual({ ok: false, error: 'unknown option "--everyone"; usage: /priority N [--all]' });
    expect(await run('/priority')).toEqual({ ok: false, error: expect.stringMatching(/^Wrong number of arguments\. Usage: \/priority number \[--all\]/) });
    expect(calls).toEqual([]);
  });
});

describe('/invisible and /visible', () => {
  it('ask the client for the tab\'s account or --all', async () => {
    const { run, calls } = setup('console');
    await run('/invisible');
    await run('/visible --all');
    expect(calls).toEqual([['invisible', true, { all: false, tabId: 'console' }], ['invisible', false, { all: true, tabId: 'console' }]]);
  });

  it('say what the client could not do, in one line', async () => {
    const { registry, ctx } = setup();
    ctx.api.setInvisible = async () => Promise.reject(new Error('x does not offer invisibility (XEP-0186)'));
    expect(await registry.execute(ctx, '/invisible')).toEqual({ ok: false, error: '/invisible failed: x does not offer invisibility (XEP-0186)' });
    expect(await registry.execute(ctx, '/invisible now')).toEqual({ ok: false, error: 'unknown option "now"; usage: /invisible [--all]' });
  });
});
