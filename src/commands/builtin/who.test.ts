import { describe, expect, it } from 'vitest';
import { initialState } from '../../store/state.js';
import { completeLine } from '../complete.js';
import { fakeApi } from '../fake-api.js';
import type { ClientApi, CommandContext } from '../types.js';
import { createRegistry } from './index.js';
import { describeDisco, describeVersion } from './who.js';

function setup(api: Partial<ClientApi>) {
  const registry = createRegistry();
  const state = { ...initialState(), roster: [{ jid: 'bob@x', name: 'Bob', presence: 'online' as const, account: 'alice@x' }, { jid: 'carol@x', name: 'Carol', presence: 'offline' as const, account: 'alice@x' }] };
  const ctx: CommandContext = { state: () => state, registry, api: fakeApi(api) };
  return { registry, ctx };
}

describe('/ping', () => {
  it('shows who answered and the round trip', async () => {
    const { registry, ctx } = setup({ ping: async (jid) => ({ jid: `${jid}/phone`, rttMs: 12 }) });
    expect(await registry.execute(ctx, '/ping bob@x')).toEqual({ ok: true, text: 'pong from bob@x/phone in 12 ms' });
  });

  it('bad input is one line, nothing asked: not a JID, no JID; a refusal is one line', async () => {
    const asked: string[] = [];
    const { registry, ctx } = setup({ ping: (jid) => (asked.push(jid), Promise.reject(new Error(`${jid} does not answer pings (service-unavailable)`))) });
    expect(await registry.execute(ctx, '/ping bob@')).toEqual({ ok: false, error: '"bob@" is not a JID. Write it as name@server, name@server/resource or server, e.g. /ping bob@example.org' });
    expect(await registry.execute(ctx, '/ping')).toEqual({ ok: false, error: 'Wrong number of arguments. Usage: /ping jid  (see /help ping)' });
    expect(asked).toEqual([]);
    expect(await registry.execute(ctx, '/ping bob@x/p')).toEqual({ ok: false, error: '/ping failed: bob@x/p does not answer pings (service-unavailable)' });
  });

  it('completes contacts and has help', async () => {
    const { registry, ctx } = setup({});
    expect(completeLine(registry, ctx, '/ping b', 7)?.text).toBe('/ping bob@x ');
    const help = await registry.execute(ctx, '/help ping');
    expect(help.ok && help.text).toContain('Usage: /ping jid');
    expect(help.ok && help.text).toContain('A full JID (with /resource) is pinged as written');
  });
});

describe('/version', () => {
  it('shows name, version and os', async () => {
    const { registry, ctx } = setup({ softwareVersion: async (jid) => ({ jid, name: 'Gajim', version: '1.8.4', os: 'Linux' }) });
    expect(await registry.execute(ctx, '/version bob@x/laptop')).toEqual({ ok: true, text: 'bob@x/laptop runs Gajim 1.8.4 on Linux' });
  });

  it('shows what the peer sent inert and bounded', () => {
    const text = describeVersion({ jid: 'bob@x/\u001b[2Jp', name: 'Evil\u202e\u001b]0;x\u0007', version: 'v'.repeat(500) });
    expect(text).toBe(`bob@x/p runs Evil ${'v'.repeat(79)}…`);
  });

  it('bad input is one line: not a JID, no JID', async () => {
    const { registry, ctx } = setup({});
    expect(await registry.execute(ctx, '/version @x')).toMatchObject({ ok: false, error: expect.stringContaining('"@x" is not a JID') });
    expect(await registry.execute(ctx, '/version')).toEqual({ ok: false, error: 'Wrong number of arguments. Usage: /version jid  (see /help version)' });
    expect(completeLine(registry, ctx, '/version c', 10)?.text).toBe('/version carol@x ');
  });
});

describe('/disco', () => {
  it('asks info, or items with --items, and shows each on its own line', async () => {
    const asked: Array<[string, boolean | undefined]> = [];
    const { registry, ctx } = setup({
      disco: async (jid, options) => (asked.push([jid, options?.items]), options?.items
        ? { kind: 'items', jid, items: [{ jid: 'conference.x', name: 'Rooms' }, { jid: 'x', node: 'n' }], left: 0 }
        : { kind: 'info', jid, identities: [{ category: 'server', type: 'im', name: 'Prosody' }], features: ['urn:xmpp:ping', 'jabber:iq:version'], left: 0 }),
    });
    expect(await registry.execute(ctx, '/disco x')).toEqual({ ok: true, text: 'x is server/im (Prosody); 2 features:\n  urn:xmpp:ping\n  jabber:iq:version' });
    expect(await registry.execute(ctx, '/disco x --items')).toEqual({ ok: true, text: 'x has 2 items:\n  conference.x (Rooms)\n  x node n' });
    expect(asked).toEqual([['x', false], ['x', true]]);
  });

  it('says what was left out, and when there is nothing', () => {
    expect(describeDisco({ kind: 'items', jid: 'x', items: [], left: 0 })).toBe('x lists no items');
    expect(describeDisco({ kind: 'info', jid: 'x', identities: [], features: ['f'], left: 3 })).toBe('x names no identity; 1 feature:\n  f\n  … and 3 more not shown');
  });

  it('bad input is one line: not a JID, no JID, two JIDs, an unknown option', async () => {
    const { registry, ctx } = setup({});
    expect(await registry.execute(ctx, '/disco x/')).toMatchObject({ ok: false, error: expect.stringContaining('"x/" is not a JID') });
    expect(await registry.execute(ctx, '/disco')).toMatchObject({ ok: false, error: expect.stringContaining('Usage: /disco') });
    expect(await registry.execute(ctx, '/disco --items')).toEqual({ ok: false, error: 'Name one JID to ask. Usage: /disco JID [--items] [--node NODE]' });
    expect(await registry.execute(ctx, '/disco x --nodes')).toEqual({ ok: false, error: 'Unknown option "--nodes". Usage: /disco JID [--items] [--node NODE]' });
  });

  it('asks at a node with --node, the options in any order, and says so in the heading', async () => {
    const asked: unknown[] = [];
    const { registry, ctx } = setup({
      disco: async (jid, options) => (asked.push([jid, options]), options?.items
        ? { kind: 'items', jid, node: options.node, items: [{ jid: 'x', node: 'ping', name: 'Ping' }], left: 0 }
        : { kind: 'info', jid, node: options?.node, identities: [{ category: 'automation', type: 'command-list' }], features: [], left: 0 }),
    });
    const node = 'http://jabber.org/protocol/commands';
    expect(await registry.execute(ctx, `/disco x --node ${node}`)).toEqual({ ok: true, text: `x node ${node} is automation/command-list; 0 features` });
    expect(await registry.execute(ctx, `/disco x --node ${node} --items`)).toEqual({ ok: true, text: `x node ${node} has 1 item:\n  x node ping (Ping)` });
    expect(await registry.execute(ctx, '/disco --items --node "a node" x')).toMatchObject({ ok: true });
    expect(asked).toEqual([['x', { items: false, node }], ['x', { items: true, node }], ['x', { items: true, node: 'a node' }]]);
  });

  it('bad input with --node is one line and asks nothing: no node, two nodes, an option for a node, too long', async () => {
    const asked: string[] = [];
    const { registry, ctx } = setup({ disco: (jid) => (asked.push(jid), Promise.reject(new Error('not asked'))) });
    const usage = 'Usage: /disco JID [--items] [--node NODE]';
    expect(await registry.execute(ctx, '/disco x --node')).toEqual({ ok: false, error: `Give --node a node to ask about. ${usage}` });
    expect(await registry.execute(ctx, '/disco x --node --items')).toEqual({ ok: false, error: `Give --node a node to ask about. ${usage}` });
    expect(await registry.execute(ctx, '/disco x --node a --node b')).toEqual({ ok: false, error: `Name one node. ${usage}` });
    expect(await registry.execute(ctx, `/disco x --node ${'n'.repeat(1024)}`)).toEqual({ ok: false, error: `The node is longer than 1023 characters. ${usage}` });
    expect(await registry.execute(ctx, '/disco x --node "open')).toMatchObject({ ok: false, error: expect.stringContaining('unclosed') });
    expect(asked).toEqual([]);
  });

  it('shows a node from the answer inert and bounded', () => {
    expect(describeDisco({ kind: 'items', jid: 'x', node: `\u001b[2J${'n'.repeat(300)}`, items: [], left: 0 })).toBe(`x node ${'n'.repeat(119)}… lists no items`);
  });

  it('has help for --node', async () => {
    const { registry, ctx } = setup({});
    const help = await registry.execute(ctx, '/help disco');
    expect(help.ok && help.text).toContain('Usage: /disco jid [--items] [--node NODE...]');
    expect(help.ok && help.text).toContain('With --node the question is about that node of the entity');
  });

  it('completes contacts, then --items', () => {
    const { registry, ctx } = setup({});
    expect(completeLine(registry, ctx, '/disco b', 8)?.text).toBe('/disco bob@x ');
    expect(completeLine(registry, ctx, '/disco bob@x --i', 16)?.text).toBe('/disco bob@x --items ');
    expect(completeLine(registry, ctx, '/disco bob@x --items --n', 24)?.text).toBe('/disco bob@x --items --node ');
    expect(completeLine(registry, ctx, '/disco bob@x --node h', 21)?.text).toBe('/disco bob@x --node http://jabber.org/protocol/commands ');
  });
});

describe('/info', () => {
  it('opens the tab the client fills, and brings it to the front', async () => {
    const asked: string[] = [];
    const { registry, ctx } = setup({ info: (jid) => (asked.push(jid), `info:${jid}`) });
    expect(await registry.execute(ctx, '/info bob@x')).toEqual({ ok: true, intents: [{ type: 'tab/focus', id: 'info:bob@x' }] });
    expect(asked).toEqual(['bob@x']);
  });

  it('without a screen (natter run) returns what the tab would show as its text, opening nothing', async () => {
    const asked: string[] = [];
    const { registry, ctx } = setup({ infoText: async (jid) => (asked.push(jid), `${jid}\n  roster: …`), info: () => { throw new Error('no tab without a screen'); } });
    expect(await registry.execute({ ...ctx, headless: true }, '/info bob@x')).toEqual({ ok: true, text: 'bob@x\n  roster: …' });
    expect(asked).toEqual(['bob@x']);
  });

  it('bad input is one line and opens nothing: not a JID, no JID, an offline account', async () => {
    const { registry, ctx } = setup({ info: () => { throw new Error('alice@x is offline; /connect alice@x first'); } });
    expect(await registry.execute(ctx, '/info bob@')).toEqual({ ok: false, error: '"bob@" is not a JID. Write it as name@server, name@server/resource or server, e.g. /info bob@example.org' });
    expect(await registry.execute(ctx, '/info')).toEqual({ ok: false, error: 'Wrong number of arguments. Usage: /info jid  (see /help info)' });
    expect(await registry.execute(ctx, '/info bob@x')).toEqual({ ok: false, error: '/info failed: alice@x is offline; /connect alice@x first' });
  });

  it('completes contacts and has help', async () => {
    const { registry, ctx } = setup({});
    expect(completeLine(registry, ctx, '/info c', 7)?.text).toBe('/info carol@x ');
    const help = await registry.execute(ctx, '/help info');
    expect(help.ok && help.text).toContain('which client it runs (XEP-0092), its local time (XEP-0202) and how long it has been idle (XEP-0012)');
  });
});
