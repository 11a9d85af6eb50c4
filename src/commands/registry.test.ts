import { describe, expect, it } from 'vitest';
import { initialState } from '../store/state.js';
import { createRegistry } from './builtin/index.js';
import { CommandRegistry, usageOf } from './registry.js';
import { ok, type CommandContext, type CommandSpec } from './types.js';
import { fakeApi } from './fake-api.js';

const echo: CommandSpec = {
  name: 'echo',
  summary: 'Echo.',
  args: [
    { name: 'target', required: true, description: 't' },
    { name: 'text', required: false, rest: true, description: 'x' },
  ],
  run: (_ctx, args) => ok(args.join('|')),
};

function context(registry: CommandRegistry): CommandContext {
  const state = initialState();
  return { state: () => state, registry, api: fakeApi() };
}

describe('CommandRegistry', () => {
  const registry = createRegistry([echo]);
  const ctx = context(registry);

  it('derives usage from the argument specs', () => {
    expect(usageOf(echo)).toBe('/echo target [text...]');
  });

  it('passes a free-text tail as one argument', async () => {
    expect(await registry.execute(ctx, '/echo bob hello   there')).toEqual({ ok: true, text: 'bob|hello   there' });
  });

  it('names an unknown command and points to /help', async () => {
    expect(await registry.execute(ctx, '/nope')).toEqual({
      ok: false,
      error: 'Unknown command /nope. Type /help for the list of commands.',
    });
  });

  it('rejects a wrong number of arguments with the usage line', async () => {
    const result = await registry.execute(ctx, '/echo');
    expect(result).toEqual({ ok: false, error: 'Wrong number of arguments. Usage: /echo target [text...]  (see /help echo)' });
    expect(await registry.execute(ctx, '/quit now')).toMatchObject({ ok: false });
  });

  it('finds commands by alias and case-insensitively', () => {
    expect(registry.find('EXIT')?.name).toBe('quit');
  });

  it('refuses a name registered twice', () => {
    expect(() => registry.register({ ...echo, aliases: [] })).toThrow('command /echo is registered twice');
  });

  it('turns a throwing command into an error result', async () => {
    const r = new CommandRegistry();
    r.register({ name: 'boom', summary: 'b', args: [], run: () => { throw new Error('kaput'); } });
    expect(await r.execute(context(r), '/boom')).toEqual({ ok: false, error: '/boom failed: kaput' });
  });
});

describe('/help', () => {
  const registry = createRegistry();
  const ctx = context(registry);

  it('lists every command with its one-line summary', async () => {
    const result = await registry.execute(ctx, '/help');
    expect(result.ok).toBe(true);
    const text = result.ok ? (result.text ?? '') : '';
    for (const spec of registry.all()) expect(text).toContain(`/${spec.name}`);
    expect(text).toContain('Leave natter');
  });

  it('shows usage and examples for one command', async () => {
    const result = await registry.execute(ctx, '/help /quit');
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.text).toContain('Usage: /quit');
    expect(result.ok && result.text).toContain('Aliases: /exit');
  });

  it('says when the command does not exist', async () => {
    expect(await registry.execute(ctx, '/help frob')).toEqual({
      ok: false,
      error: 'There is no command /frob. Type /help for the list.',
    });
  });

  it('completes command names', () => {
    expect(registry.find('help')?.complete?.(ctx, 0, '/q')).toEqual(['quit']);
  });
});

describe('/quit', () => {
  it('returns the quit intent', async () => {
    const registry = createRegistry();
    expect(await registry.execute(context(registry), '/quit')).toEqual({ ok: true, intents: [{ type: 'quit' }] });
  });
});
